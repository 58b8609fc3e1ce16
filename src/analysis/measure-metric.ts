// One measurement of one metric judged on its own: Argo conditions over canary and baseline,
// Flagger's thresholdRange on the canary, or an SLO burn rate — with the no-data rule, and
// the numbers behind the verdict for the event log.
import type { World } from '../model/world.ts';
import { burnRate } from './burn-rate.ts';
import { evaluateConditions } from './conditions.ts';
import { Expression } from './expression.ts';
import { readMetric, type MetricReading } from './metric-query.ts';
import type { MeasurementPhase } from './phase.ts';
import { reportNumber, verdictOf, type MetricReport } from './report.ts';
import type { AnalysisMetric, AnalysisTemplate } from './schema.ts';

/** Where a run measures: the world and the replica sets it compares. */
export interface MeasureContext {
  world: World;
  canary: number;
  /** null when the run has no baseline (thresholdRange and burn-rate metrics need none). */
  baseline: number | null;
  /** Availability target for burn rates without their own, fraction 0–1. */
  sloAvailability: number;
  /** The template's interval, seconds: the default query range. */
  interval: number;
}

export type NoDataPolicy = AnalysisTemplate['noData'];

/** A metric with its conditions parsed once. */
export interface CompiledMetric {
  config: AnalysisMetric;
  success: Expression | null;
  failure: Expression | null;
  readsBaseline: boolean;
  noData: NoDataPolicy;
}

export function compileMetric(config: AnalysisMetric, template: AnalysisTemplate): CompiledMetric {
  const success = config.successCondition !== undefined ? Expression.parse(config.successCondition) : null;
  const failure = config.failureCondition !== undefined ? Expression.parse(config.failureCondition) : null;
  const readsBaseline = Boolean(success?.roots.has('baseline') || failure?.roots.has('baseline'));
  return { config, success, failure, readsBaseline, noData: config.noData ?? template.noData };
}

const NO_DATA_PHASE: Record<NoDataPolicy, MeasurementPhase> = { fail: 'Failed', inconclusive: 'Inconclusive', error: 'Error' };

/** Why a reading has no value, in words a student can act on. */
export function describeNoData(who: string, r: MetricReading, window: number): string {
  if (r.windows === 0) return `no data for the ${who}: no scrape visible in the last ${window} s`;
  if (r.lostWindows === r.windows) return `no data for the ${who}: all ${r.windows} scrapes in the last ${window} s were lost`;
  return `no data for the ${who}: ${r.requests} requests in the last ${window} s`;
}

/** Measures `m` (not a judge metric) at `now`. */
export function measureMetric(ctx: MeasureContext, m: CompiledMetric, now: number): { phase: MeasurementPhase; report: MetricReport } {
  const { config } = m;
  if (config.burnRate) {
    const r = burnRate(ctx.world, ctx.canary, now, config.burnRate, ctx.sloAvailability);
    const noData = Number.isNaN(r.short) || Number.isNaN(r.long);
    const phase: MeasurementPhase = noData ? NO_DATA_PHASE[m.noData] : r.firing ? 'Failed' : 'Successful';
    const report: MetricReport = {
      name: config.name,
      metric: 'errorRate',
      window: config.burnRate.shortWindow,
      canary: reportNumber(r.shortWindow.value),
      baseline: null,
      canaryRequests: r.shortWindow.requests,
      baselineRequests: null,
      burnRate: {
        short: reportNumber(r.short),
        long: reportNumber(r.long),
        threshold: config.burnRate.threshold,
        shortWindow: config.burnRate.shortWindow,
        longWindow: config.burnRate.longWindow,
        availability: r.availability,
      },
      verdict: verdictOf(phase),
    };
    if (noData) report.reason = describeNoData('canary', r.shortWindow, config.burnRate.shortWindow);
    else if (r.firing) report.reason = `burning the error budget ${reportNumber(r.short)}× (short) and ${reportNumber(r.long)}× (long) faster than sustainable`;
    return { phase, report };
  }

  const metric = config.metric!;
  const window = config.window ?? ctx.interval;
  const canary = readMetric(ctx.world, ctx.canary, metric, now, window);
  const baseline = ctx.baseline !== null ? readMetric(ctx.world, ctx.baseline, metric, now, window) : null;
  const report: MetricReport = {
    name: config.name,
    metric,
    window,
    canary: reportNumber(canary.value),
    baseline: baseline ? reportNumber(baseline.value) : null,
    canaryRequests: canary.requests,
    baselineRequests: baseline ? baseline.requests : null,
    ...(config.successCondition !== undefined ? { successCondition: config.successCondition } : {}),
    ...(config.failureCondition !== undefined ? { failureCondition: config.failureCondition } : {}),
    ...(config.thresholdRange ? { thresholdRange: config.thresholdRange } : {}),
    verdict: 'pass',
  };

  let phase: MeasurementPhase;
  if (m.readsBaseline && !baseline) {
    phase = 'Error';
    report.reason = 'the condition reads baseline, but the run has no baseline replica set';
  } else if (Number.isNaN(canary.value)) {
    phase = NO_DATA_PHASE[m.noData];
    report.reason = describeNoData('canary', canary, window);
  } else if (m.readsBaseline && Number.isNaN(baseline!.value)) {
    phase = NO_DATA_PHASE[m.noData];
    report.reason = describeNoData('baseline', baseline!, window);
  } else if (config.thresholdRange) {
    const { min, max } = config.thresholdRange;
    // Flagger fails a check when the value is below min or above max (FL pkg/controller/scheduler_metrics.go).
    const inRange = (min === undefined || canary.value >= min) && (max === undefined || canary.value <= max);
    phase = inRange ? 'Successful' : 'Failed';
    if (!inRange) report.reason = `${reportNumber(canary.value)} is outside [${min ?? '-∞'}, ${max ?? '∞'}]`;
  } else {
    const b = baseline && !Number.isNaN(baseline.value) ? baseline.value : null;
    const outcome = evaluateConditions(m.success, m.failure, { canary: canary.value, baseline: b, result: canary.value });
    phase = outcome.phase;
    if (outcome.message) report.reason = outcome.message;
    else if (phase !== 'Successful') report.reason = conditionReason(m, phase, report);
  }
  report.verdict = verdictOf(phase);
  return { phase, report };
}

/** Which condition decided a failed or inconclusive measurement, with the values it saw. */
function conditionReason(m: CompiledMetric, phase: MeasurementPhase, r: MetricReport): string {
  const values = `canary ${r.canary}${m.readsBaseline ? `, baseline ${r.baseline}` : ''}`;
  if (phase === 'Inconclusive') return `neither "${m.success!.text}" nor "${m.failure!.text}" held (${values})`;
  // With a failureCondition, only it can fail a measurement; without one, the successCondition's being false does.
  return m.failure ? `"${m.failure.text}" held (${values})` : `"${m.success!.text}" did not hold (${values})`;
}
