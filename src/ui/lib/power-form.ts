// The power panel's form as the person types it — effect size in plain units, weights and
// hold times as lists — and its reading into a request, with a message per field that does
// not read. Pure.
import { parseEffect, parseHold, parseWeight, type Effect } from '../../scenario/power.ts';
import type { PowerDefaults } from './power-defaults.ts';

export interface PowerForm {
  kind: Effect['kind'];
  /** error-rate: added percentage points of failed requests; latency kinds: percent slower. */
  size: string;
  /** Percent, comma-separated: "1, 5, 10, 25". */
  weights: string;
  /** Durations, comma-separated: "5m, 15m, 30m, 1h". */
  holds: string;
  seeds: string;
}

export type PowerFormReading =
  | { ok: true; effect: Effect; weights: number[]; holdsS: number[]; seeds: number }
  | { ok: false; errors: Partial<Record<keyof PowerForm, string>> };

/** At most this many weights or holds: the table has to fit on the page. */
export const MAX_VALUES = 8;
/** At most this many seeds per cell: more would take minutes in a browser. */
export const MAX_SEEDS = 1000;

/** Drops float noise: 0.7 / 100 → 0.007, not 0.007000000000000001. */
const clean = (x: number) => Number(x.toPrecision(12));

/** The effect's size in the form's units (the inverse of {@link readPowerForm}'s). */
export function effectSize(effect: Effect): number {
  return clean(effect.kind === 'error-rate' ? effect.value * 100 : (effect.value - 1) * 100);
}

/** A hold as the form writes it: 300 → "5m", 3600 → "1h", 90 → "90s". */
export function holdText(s: number): string {
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

export function powerForm(d: PowerDefaults): PowerForm {
  return { kind: d.effect.kind, size: String(effectSize(d.effect)), weights: d.weights.join(', '), holds: d.holdsS.map(holdText).join(', '), seeds: String(d.seeds) };
}

export function readPowerForm(form: PowerForm): PowerFormReading {
  const errors: Partial<Record<keyof PowerForm, string>> = {};
  const effect = attempt(() => {
    const size = Number(form.size.trim());
    if (form.size.trim() === '' || !(size > 0)) throw new RangeError(form.kind === 'error-rate' ? 'Enter how many percentage points of extra errors, such as 0.5.' : 'Enter how much slower, in percent, such as 20.');
    if (form.kind === 'error-rate' && size > 100) throw new RangeError('Extra errors can be at most 100 percentage points.');
    const value = form.kind === 'error-rate' ? clean(size / 100) : clean(1 + size / 100);
    return parseEffect(`${form.kind}=${value}`);
  }, (m) => (errors.size = m));
  const weights = attempt(() => list(form.weights.replace(/%/g, ''), parseWeight, { many: 'canary weights', one: 'a canary weight (above 0, at most 100%)', example: '1, 5, 10, 25' }), (m) => (errors.weights = m));
  const holdsS = attempt(() => list(form.holds, parseHold, { many: 'hold times', one: 'a hold time', example: '5m, 15m, 1h' }), (m) => (errors.holds = m));
  const seeds = attempt(() => {
    const n = Number(form.seeds.trim());
    if (!/^\d+$/.test(form.seeds.trim()) || n < 1 || n > MAX_SEEDS) throw new RangeError(`Enter a whole number of runs from 1 to ${MAX_SEEDS}.`);
    return n;
  }, (m) => (errors.seeds = m));
  if (effect === undefined || weights === undefined || holdsS === undefined || seeds === undefined) return { ok: false, errors };
  return { ok: true, effect, weights, holdsS, seeds };
}

function attempt<T>(f: () => T, fail: (message: string) => void): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    fail(e.message);
    return undefined;
  }
}

/** A comma-separated list, sorted, each value once. */
function list(text: string, item: (t: string) => number, words: { many: string; one: string; example: string }): number[] {
  const items = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (items.length === 0) throw new RangeError(`Enter ${words.many} such as ${words.example}.`);
  const values = items.map((t) => {
    try {
      return item(t);
    } catch {
      throw new RangeError(`“${t}” is not ${words.one}. Try values such as ${words.example}.`);
    }
  });
  if (new Set(values).size !== values.length) throw new RangeError(`Enter each of the ${words.many} once.`);
  if (values.length > MAX_VALUES) throw new RangeError(`Enter at most ${MAX_VALUES} ${words.many}, so the table fits.`);
  return values.sort((a, b) => a - b);
}
