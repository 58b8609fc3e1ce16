// The outcome measures of a run as short human text, shared by the table, Markdown and
// `explain`: counts with thousands separators, fractions as percentages, seconds as 1m 05s.
import type { ExpectationResult, RunResult } from '../../scenario/run-result.ts';

export interface Row {
  label: string;
  value: string;
}

/** The summary of a run, one labelled line per measure, in the order people read them. */
export function summaryRows(result: RunResult): Row[] {
  const s = result.summary;
  const b = s.blastRadius;
  const c = s.infraCost;
  const r = s.rollback;
  const rows: Row[] = [
    { label: 'outcome', value: result.outcome },
    { label: 'rollout', value: s.rolloutDurationS === null ? '—' : duration(s.rolloutDurationS) },
    { label: 'downtime', value: duration(s.downtimeS) },
    {
      label: 'blast radius',
      value: `${count(b.affectedRequests)} requests (${percent(b.affectedRequestsFraction)}), ${count(b.affectedUsers)} users (${percent(b.affectedUsersFraction)}), peak exposure ${percent(b.peakExposure)}`,
    },
    {
      label: 'infra cost',
      value: `${number(c.instanceHours)} instance-hours (${signedPercent(c.extraFraction)} vs baseline), peak ${count(c.peakInstances)} instances (×${number(c.peakMultiplier)}), cost ${number(c.cost)}`,
    },
    {
      label: 'rollback',
      value: r.triggered
        ? [
            `${r.trigger ?? 'triggered'}`,
            r.decidedAtS === null ? null : `decided at ${clock(r.decidedAtS)}`,
            r.detectionDelayS === null ? null : `detection delay ${duration(r.detectionDelayS)}`,
            r.timeToRestoreS === null ? null : `restored in ${duration(r.timeToRestoreS)}`,
          ]
            .filter(Boolean)
            .join(', ')
        : 'not triggered',
    },
    {
      label: 'requests',
      value: `${count(s.requests.total)} total: ${count(s.requests.ok)} ok, ${count(s.requests.errors)} errors, ${count(s.requests.dropped)} dropped`,
    },
    { label: 'latency', value: `p50 ${ms(s.latencyMs.p50)}, p95 ${ms(s.latencyMs.p95)}, p99 ${ms(s.latencyMs.p99)}` },
    { label: 'error budget', value: `${percent(s.errorBudgetSpent)} spent` },
  ];
  if (s.compatibility.failures > 0) {
    const k = s.compatibility.byCause;
    rows.push({ label: 'compatibility', value: `${count(s.compatibility.failures)} failures (schema ${count(k.schema)}, api ${count(k.api)}, message ${count(k.message)})` });
  }
  return rows;
}

/** `3 of 4 expectations hold` (or, short, `3 of 4 hold`). */
export function expectationTally(expectations: readonly ExpectationResult[], short = false): string {
  const ok = expectations.filter((e) => e.ok).length;
  const n = expectations.length;
  if (n === 0) return 'no expectations';
  return `${ok} of ${n}${short ? '' : ` expectation${n === 1 ? '' : 's'}`} hold${n === 1 && ok === 1 ? 's' : ''}`;
}

/** What the expectation found (or why it could not be evaluated). */
export function actualText(e: ExpectationResult): string {
  return e.error ? e.error : `actual ${value(e.actual)}`;
}

export function value(v: unknown): string {
  if (typeof v === 'number') return number(v);
  if (v === undefined) return 'null';
  return JSON.stringify(v) ?? String(v);
}

/** 12,345,678. */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** A number with at most 4 significant decimals, no float noise. */
export function number(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return count(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : Math.min(8, 2 - Math.floor(Math.log10(abs)));
  return count(Number(n.toFixed(digits)));
}

/** A fraction 0–1 as a percentage: 0.00025 → 0.025%. */
export function percent(fraction: number): string {
  return `${number(fraction * 100)}%`;
}

function signedPercent(fraction: number): string {
  return `${fraction > 0 ? '+' : ''}${percent(fraction)}`;
}

export function ms(x: number): string {
  return `${number(x)} ms`;
}

/** Seconds as `45 s`, `12m 05s`, `10m`, `3h 02m`, `1h`. */
export function duration(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s < 60) return `${number(s)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return m === 0 ? `${h}h` : `${h}h ${pad(m)}m`;
  return sec === 0 ? `${m}m` : `${m}m ${pad(sec)}s`;
}

/** A simulated time of day: `00:01:05`, with milliseconds when not on the second. */
export function clock(t: number): string {
  const totalMs = Math.round(t * 1000);
  const whole = Math.floor(totalMs / 1000);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const frac = totalMs % 1000;
  return `${pad(h)}:${pad(m)}:${pad(s)}${frac > 0 ? `.${String(frac).padStart(3, '0').replace(/0+$/, '')}` : ''}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
