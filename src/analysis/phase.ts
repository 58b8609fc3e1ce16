// Argo Rollouts' analysis phases: how measurements add up to a metric's phase, and metric
// phases to the run's (AR analysis/analysis.go assessMetricStatus, assessRunStatus,
// assessMetricFailureInconclusiveOrError; utils/analysis/helpers.go IsWorse, IsTerminating).
// Pure functions over counts, so the rules can be tested without a world.

/** Phase of a run or a metric. */
export type AnalysisRunPhase = 'Pending' | 'Running' | 'Successful' | 'Inconclusive' | 'Error' | 'Failed';
/** Phase of one measurement. */
export type MeasurementPhase = 'Successful' | 'Inconclusive' | 'Error' | 'Failed';

/** Best to worst (AR utils/analysis/helpers.go analysisStatusOrder). */
export const PHASE_ORDER: readonly AnalysisRunPhase[] = ['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed'];

export function isCompleted(phase: AnalysisRunPhase): boolean {
  return phase === 'Successful' || phase === 'Inconclusive' || phase === 'Error' || phase === 'Failed';
}

/** True when `next` is worse than `current`. */
export function isWorse(current: AnalysisRunPhase, next: AnalysisRunPhase): boolean {
  return PHASE_ORDER.indexOf(next) > PHASE_ORDER.indexOf(current);
}

/** Argo's MetricResult counters. */
export interface MetricTally {
  /** Measurements that completed without error. */
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  consecutiveError: number;
}

export function emptyTally(): MetricTally {
  return { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0, consecutiveError: 0 };
}

/** Adds one measurement to `tally` (an error does not count toward `count`, as in Argo). */
export function recordMeasurement(tally: MetricTally, phase: MeasurementPhase): void {
  if (phase === 'Error') {
    tally.error++;
    tally.consecutiveError++;
    return;
  }
  tally.count++;
  tally.consecutiveError = 0;
  if (phase === 'Successful') tally.successful++;
  else if (phase === 'Failed') tally.failed++;
  else tally.inconclusive++;
}

/** A metric's limits; −1 switches a limit off. */
export interface MetricLimits {
  /** Default 0. */
  failureLimit: number;
  /** Default 0. */
  inconclusiveLimit: number;
  /** Default 4. */
  consecutiveErrorLimit: number;
  /** Measurements after which the metric is Successful; undefined: no end. */
  count?: number;
}

/** Which limit a tally breaks, with Argo's message; later checks win, as in Argo (Error > Inconclusive > Failed). */
export function brokenLimit(tally: MetricTally, limits: MetricLimits): { phase: AnalysisRunPhase; message: string } | null {
  let out: { phase: AnalysisRunPhase; message: string } | null = null;
  if (limits.failureLimit >= 0 && tally.failed > limits.failureLimit) {
    out = { phase: 'Failed', message: `failed (${tally.failed}) > failureLimit (${limits.failureLimit})` };
  }
  if (limits.inconclusiveLimit >= 0 && tally.inconclusive > limits.inconclusiveLimit) {
    out = { phase: 'Inconclusive', message: `inconclusive (${tally.inconclusive}) > inconclusiveLimit (${limits.inconclusiveLimit})` };
  }
  if (limits.consecutiveErrorLimit >= 0 && tally.consecutiveError > limits.consecutiveErrorLimit) {
    out = { phase: 'Error', message: `consecutiveErrors (${tally.consecutiveError}) > consecutiveErrorLimit (${limits.consecutiveErrorLimit})` };
  }
  return out;
}

/**
 * A metric's phase: Pending before its first measurement, then Failed / Inconclusive / Error
 * when a limit breaks, Successful when `count` is reached or the run is terminating, else Running.
 */
export function assessMetric(tally: MetricTally, limits: MetricLimits, terminating: boolean): AnalysisRunPhase {
  if (tally.count + tally.error === 0) return terminating ? 'Successful' : 'Pending';
  const broken = brokenLimit(tally, limits);
  if (broken) return broken.phase;
  if (limits.count !== undefined && tally.count >= limits.count) return 'Successful';
  return terminating ? 'Successful' : 'Running';
}

/** A run terminates once any metric is Failed, Error or Inconclusive, or when asked to. */
export function isTerminating(metricPhases: readonly AnalysisRunPhase[], terminateRequested: boolean): boolean {
  return terminateRequested || metricPhases.some((p) => p === 'Failed' || p === 'Error' || p === 'Inconclusive');
}

/**
 * The run's phase from its metrics' phases (assessed with the same `terminating`): the worst
 * completed one once every metric has completed (or the run is terminating), else Running.
 * A run told to stop before any measurement is Successful (Argo: early termination).
 */
export function assessRun(metricPhases: readonly AnalysisRunPhase[], terminating: boolean): AnalysisRunPhase {
  let worst: AnalysisRunPhase | null = null;
  let allCompleted = true;
  for (const p of metricPhases) {
    if (!isCompleted(p)) {
      allCompleted = false;
      continue;
    }
    if (worst === null || isWorse(worst, p)) worst = p;
  }
  if (terminating) return worst ?? 'Successful';
  return allCompleted && worst !== null ? worst : 'Running';
}
