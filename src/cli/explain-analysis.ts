// Analysis events in words: each metric's canary and baseline numbers in its unit, the
// condition it was held to and whether it held — "errors-vs-baseline: the canary's error rate
// was 1.05% against the baseline's 0.096% over the last 1m (25,748 and 1,174,140 requests),
// and it needs canary < baseline + 0.001: fails" — like Flagger's `Halt … success rate
// 98.69% < 99%`, spelled out.
import { count, duration, number, percent } from './format/measures.ts';

type Obj = Record<string, unknown>;

const METRIC_WORDS: Record<string, string> = {
  errorRate: 'error rate',
  successRate: 'success rate',
  'latency.p50': 'median latency',
  'latency.p95': 'p95 latency',
  'latency.p99': 'p99 latency',
  requestRate: 'request rate',
  conversionRate: 'conversion rate',
};

/** A metric value in its unit: fractions as %, successRate already in %, latency in ms. */
export function metricValue(metric: string, v: unknown): string {
  if (typeof v !== 'number') return 'no data';
  if (metric === 'errorRate' || metric === 'conversionRate') return percent(v);
  if (metric === 'successRate') return `${number(v)}%`;
  if (metric.startsWith('latency.')) return `${number(v)} ms`;
  if (metric === 'requestRate') return `${number(v)} requests/s`;
  return number(v);
}

const VERDICT_WORDS: Record<string, string> = { pass: 'passes', fail: 'fails', inconclusive: 'inconclusive', error: 'could not be judged' };

/** One metric of an `analysis` event. */
export function metricSentence(m: Obj): string {
  const metric = String(m.metric ?? '');
  const what = METRIC_WORDS[metric] ?? metric;
  const name = String(m.name ?? metric);
  const window = typeof m.window === 'number' ? ` over the last ${duration(m.window)}` : '';
  const requests = typeof m.canaryRequests === 'number' ? (typeof m.baselineRequests === 'number' ? ` (${count(m.canaryRequests)} and ${count(m.baselineRequests)} requests)` : ` (${count(m.canaryRequests)} requests)`) : '';
  const values =
    m.canary === null || m.canary === undefined
      ? `the canary had no data${window}`
      : m.baseline === null || m.baseline === undefined
        ? `the canary's ${what} was ${metricValue(metric, m.canary)}${window}`
        : `the canary's ${what} was ${metricValue(metric, m.canary)} against the baseline's ${metricValue(metric, m.baseline)}${window}`;
  const verdict = VERDICT_WORDS[String(m.verdict)] ?? String(m.verdict);
  // "did not hold (canary …)" and "was classified as High" only repeat the numbers above.
  const reason = typeof m.reason === 'string' && m.verdict !== 'pass' && !/did not hold|was classified as/.test(m.reason) ? ` (${m.reason})` : '';
  return `${name}: ${values}${requests}, and ${rule(m)}: ${verdict}${reason}`;
}

/** The rule a metric is held to. */
function rule(m: Obj): string {
  const metric = String(m.metric ?? '');
  if (typeof m.successCondition === 'string' && typeof m.failureCondition === 'string') return `it needs ${m.successCondition} and not ${m.failureCondition}`;
  if (typeof m.successCondition === 'string') return `it needs ${m.successCondition}`;
  if (typeof m.failureCondition === 'string') return `it fails when ${m.failureCondition}`;
  const range = m.thresholdRange as { min?: number; max?: number } | undefined;
  if (range) {
    const parts = [range.min !== undefined ? `at least ${metricValue(metric, range.min)}` : null, range.max !== undefined ? `at most ${metricValue(metric, range.max)}` : null].filter(Boolean);
    return `it needs ${parts.join(' and ')}`;
  }
  const judge = m.judge as Obj | undefined;
  if (judge) {
    const interval = typeof judge.lowerConfidence === 'number' && typeof judge.upperConfidence === 'number' ? `, shift ${number(judge.lowerConfidence)} to ${number(judge.upperConfidence)}` : '';
    const p = typeof judge.pValue === 'number' ? `, p = ${number(judge.pValue)}` : '';
    const effect = typeof judge.effectSize === 'number' ? `, effect ×${number(judge.effectSize)}` : '';
    return `the Mann-Whitney judge classed it ${String(judge.classification ?? '?')}${interval}${effect}${p}`;
  }
  const burn = m.burnRate as Obj | undefined;
  if (burn) {
    return `its error budget burns ${number(Number(burn.short))}× over ${duration(Number(burn.shortWindow))} and ${number(Number(burn.long))}× over ${duration(Number(burn.longWindow))}, against a limit of ${number(Number(burn.threshold))}× in both`;
  }
  return 'it has no rule';
}

/** The Kayenta score of a round with judge metrics. */
export function kayentaSentence(k: Obj): string {
  return `the canary scores ${number(Number(k.score))} (pass ≥ ${number(Number(k.pass))}, marginal ≥ ${number(Number(k.marginal))}): ${String(k.classification ?? k.verdict)}`;
}

/** Failing metrics first, then the rest, each as a clause. */
export function roundDetails(e: Obj): string {
  const metrics = Array.isArray(e.metrics) ? (e.metrics as Obj[]) : [];
  const ordered = [...metrics.filter((m) => m.verdict !== 'pass'), ...metrics.filter((m) => m.verdict === 'pass')];
  const parts = ordered.map(metricSentence);
  if (e.kayenta && typeof e.kayenta === 'object') parts.push(kayentaSentence(e.kayenta as Obj));
  return parts.join('; ');
}

/**
 * Consecutive passing rounds of one run, in one sentence: each metric's canary values as a
 * range, so an hour of healthy checks does not fill the screen.
 */
export function passingRounds(events: readonly Obj[]): string {
  const first = events[0];
  const last = events[events.length - 1];
  const byName = new Map<string, { metric: string; canary: number[]; baseline: number[] }>();
  for (const e of events) {
    for (const m of (e.metrics as Obj[] | undefined) ?? []) {
      const entry = byName.get(String(m.name)) ?? { metric: String(m.metric ?? ''), canary: [], baseline: [] };
      if (typeof m.canary === 'number') entry.canary.push(m.canary);
      if (typeof m.baseline === 'number') entry.baseline.push(m.baseline);
      byName.set(String(m.name), entry);
    }
  }
  const span = (metric: string, values: number[]) => {
    if (values.length === 0) return 'no data';
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return lo === hi ? metricValue(metric, lo) : `${metricValue(metric, lo)} to ${metricValue(metric, hi)}`;
  };
  const detail = [...byName].map(([name, v]) => `${name} ${span(v.metric, v.canary)}${v.baseline.length ? ` against the baseline's ${span(v.metric, v.baseline)}` : ''}`).join('; ');
  return `Checks ${first.round}–${last.round} of ${quoteRun(first.run)} passed: ${detail}`;
}

export function quoteRun(run: unknown): string {
  return `“${String(run ?? 'analysis')}”`;
}
