// Units a scenario is written in: durations with units ("30s", "10m", "3h", "250ms", or a
// number of seconds), latencies in milliseconds ("180ms", "1.5s", or a number of ms),
// fractions 0–1, and Kubernetes-style counts-or-percentages ("25%" or an integer).
import * as z from 'zod';

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };
const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/;

/** Seconds from "30s", "10m", "3h", "1.5d", "250ms"; null when the text is not a duration. */
export function parseDurationSeconds(text: string): number | null {
  const m = DURATION_PATTERN.exec(text);
  return m ? Number(m[1]) * DURATION_UNITS[m[2]] : null;
}

/** A duration in seconds, written as a number of seconds or a string with a unit. */
export const duration = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const seconds = typeof value === 'number' ? value : parseDurationSeconds(value);
    if (seconds === null || !Number.isFinite(seconds) || seconds < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration ≥ 0 such as 30s, 10m, 3h, 250ms or a number of seconds, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return seconds;
  });

/** A latency in milliseconds, written as a number of ms or a string with a unit ("180ms", "1.5s"). */
export const latencyMs = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : (parseDurationSeconds(value) ?? Number.NaN) * 1000;
    if (!Number.isFinite(ms) || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected a latency > 0 such as 40ms, 1.5s or a number of milliseconds, got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return ms;
  });

/** A fraction from 0 to 1. */
export const fraction = z.number().min(0, 'expected a fraction from 0 to 1').max(1, 'expected a fraction from 0 to 1');

/** A positive whole number. */
export const positiveInt = z.number().int('expected a whole number').positive('expected a whole number ≥ 1');
export const nonNegativeInt = z.number().int('expected a whole number').min(0, 'expected a whole number ≥ 0');

/** Kubernetes IntOrString: an integer count or a percentage string such as "25%". */
export const intOrPercent = z.union([
  nonNegativeInt,
  z.string().regex(/^\d+(\.\d+)?%$/, 'expected a count such as 2 or a percentage such as "25%"'),
]);
export type IntOrPercent = z.output<typeof intOrPercent>;

/**
 * Resolves an IntOrString against `total` the way Kubernetes does
 * (intstr.GetScaledValueFromIntOrPercent): percentages round up or down as asked.
 */
export function resolveIntOrPercent(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const scaled = (parseFloat(value) * total) / 100;
  return roundUp ? Math.ceil(scaled - 1e-9) : Math.floor(scaled + 1e-9);
}
