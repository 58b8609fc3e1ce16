// Prometheus queries of Argo AnalysisTemplates and Flagger MetricTemplates, recognised by
// shape and mapped onto the lab's metrics: a histogram_quantile is a latency percentile, a
// ratio with a 5xx filter an error rate, a ratio with a non-5xx filter a success rate, a
// plain rate() a request rate. Units are converted exactly (query = scale × lab value), so a
// condition such as `result[0] <= 0.5` on seconds becomes `canary / 1000 <= 0.5` on ms.
import { conditionIssue } from '../analysis/conditions.ts';
import type { MetricName } from '../analysis/schema.ts';
import { parseDurationSeconds } from '../model/config/units.ts';

export interface QueryMapping {
  metric: MetricName;
  /** The query's value = scale × the lab metric's value. */
  scale: number;
  /** The query's range (`[5m]`), seconds: the metric's window. */
  window?: number;
  /** What the query was read as, for notes. */
  reading: string;
}

const QUANTILES: Record<string, MetricName> = { '0.5': 'latency.p50', '0.50': 'latency.p50', '0.95': 'latency.p95', '0.99': 'latency.p99' };
const STATUS = '(?:code|status|status_code|response_code|http_status|status_class)';
const ERRORS = new RegExp(`${STATUS}\\s*(?:=~\\s*["']5|=\\s*["']5)`, 'i');
const NOT_ERRORS = new RegExp(`${STATUS}\\s*!~\\s*["']5`, 'i');

/** The lab metric a query measures, or null when its shape is not one the lab knows. */
export function classifyQuery(query: string): QueryMapping | null {
  const q = query.replace(/\s+/g, ' ');
  const range = /\[(\d+(?:\.\d+)?(?:ms|s|m|h|d))\]/.exec(q);
  const window = range ? (parseDurationSeconds(range[1]) ?? undefined) : undefined;
  const percent = /\*\s*100\b|\b100\s*\*/.test(q);
  const hq = /histogram_quantile\s*\(\s*(0?\.\d+|1(?:\.0)?)\s*,/.exec(q);
  if (hq) {
    const metric = QUANTILES[hq[1].startsWith('.') ? `0${hq[1]}` : hq[1]];
    if (!metric) return null;
    const ms = /_(milliseconds|ms)(_bucket)?\b/.test(q);
    return { metric, scale: ms ? 1 : 0.001, window, reading: `${metric} in ${ms ? 'milliseconds' : 'seconds'}` };
  }
  if (q.includes('/')) {
    // `100 - success%` (or `1 - success`) is an error rate, and the other way round.
    const complement = /^\s*\(?\s*(100|1)\s*-/.test(q);
    const errors = ERRORS.test(q) !== complement && (ERRORS.test(q) || NOT_ERRORS.test(q));
    if (errors) return { metric: 'errorRate', scale: percent ? 100 : 1, window, reading: `error rate as a ${percent ? 'percentage' : 'fraction'}` };
    if (ERRORS.test(q) || NOT_ERRORS.test(q)) return { metric: 'successRate', scale: percent ? 1 : 0.01, window, reading: `success rate as a ${percent ? 'percentage' : 'fraction'}` };
    return null;
  }
  if (/\b(rate|irate)\s*\(/.test(q) && !ERRORS.test(q) && !NOT_ERRORS.test(q)) return { metric: 'requestRate', scale: 1, window, reading: 'request rate (requests/s)' };
  return null;
}

/** `canary` in the query's units. */
function inQueryUnits(m: QueryMapping): string {
  if (m.scale === 1) return 'canary';
  if (m.scale < 1) return `(canary / ${Number((1 / m.scale).toPrecision(12))})`;
  return `(canary * ${m.scale})`;
}

/**
 * An Argo condition (expr-lang over `result`) as a lab condition over `canary`, or null when
 * it uses what the lab's conditions cannot express (len, all, isNaN, …).
 */
export function translateCondition(text: string, m: QueryMapping): string | null {
  let t = text.trim();
  // asFloat(x) / asInt(x) and default(x, d) are about types and missing data: the value is x.
  for (let before = ''; before !== t; ) {
    before = t;
    t = t.replace(/\b(?:asFloat|asInt)\(\s*([^()]*?)\s*\)/g, '$1').replace(/\bdefault\(\s*([^(),]*?)\s*,\s*[^()]*?\)/g, '$1');
  }
  if (/\b(len|all|any|none|isNaN|isInf|filter|map|count)\s*\(/.test(t)) return null;
  t = t
    .replace(/\bresult\s*\[\s*0\s*\]/g, 'RESULT')
    .replace(/\bresult\b(?!\s*\[)/g, 'RESULT')
    .replace(/\s+and\s+/g, ' && ')
    .replace(/\s+or\s+/g, ' || ')
    .replace(/\bnot\s+/g, '!')
    .replace(/RESULT/g, inQueryUnits(m));
  if (/\bresult\b/.test(t)) return null;
  return conditionIssue(t) === null ? t : null;
}

/** A Flagger thresholdRange on the query's value, as one on the lab metric. */
export function translateRange(range: { min?: number; max?: number }, m: QueryMapping): { min?: number; max?: number } {
  const conv = (v: number | undefined) => (v === undefined ? undefined : Number((v / m.scale).toPrecision(12)));
  const out: { min?: number; max?: number } = {};
  const min = conv(range.min);
  const max = conv(range.max);
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  return out;
}
