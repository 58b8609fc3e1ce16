// The outcome measures as they stand at any moment of a run, for the outcome cards. The run
// reports exact totals only at its end (the summary); along the way the timeline gives each
// measure's shape (failed requests, requests above the stable version's error rate,
// instance-seconds, seconds with under half the requests answered), and the shape is scaled
// so that at the end it lands exactly on the summary. Values move in sample steps. Pure.
import { lastAtOrBefore } from './playhead.ts';
import type { RunResult } from './run-types.ts';

export type RollbackState = 'none' | 'restoring' | 'restored';

export interface OutcomesSoFar {
  /** True at the end of the run: every number is then the summary's own. */
  atEnd: boolean;
  affectedRequests: number;
  affectedUsers: number;
  /** Of the requests so far, fraction 0–1. */
  affectedRequestsFraction: number;
  requests: number;
  /** Share of traffic on versions other than the stable one right now, fraction 0–1. */
  exposureNow: number;
  instanceHours: number;
  cost: number;
  /** Instances now ÷ the fleet's steady size. */
  multiplierNow: number;
  /** Highest multiplier so far. */
  peakMultiplier: number;
  downtimeS: number;
  /** Fraction of the SLO's error budget spent so far. */
  errorBudgetSpent: number;
  /** Requests failed by schema, API or message incompatibility; null for runs without any. */
  compatibility: CompatibilitySoFar | null;
  rollback: {
    state: RollbackState;
    trigger: string | null;
    decidedAtS: number | null;
    /** Seconds since the decision while restoring; the time to restore once restored. */
    elapsedS: number | null;
  };
}

export interface CompatibilitySoFar {
  failures: number;
  byCause: { schema: number; api: number; message: number };
}

/** Per-sample cumulative curves, index 0 at time 0 and index i+1 at timeline sample i. */
export interface OutcomeCurves {
  t: Float64Array;
  affected: Float64Array;
  affectedUsers: Float64Array;
  requests: Float64Array;
  instanceHours: Float64Array;
  downtime: Float64Array;
  budget: Float64Array;
  exposure: Float64Array;
  multiplier: Float64Array;
  peakMultiplier: Float64Array;
}

/**
 * Cumulative sums of `steps` scaled to end at `total`. When the steps sum to zero but the
 * total is not (a shape the timeline cannot see), the first fallback shape that has mass is
 * used; failing all, the total arrives at the last sample.
 */
export function scaledCumulative(steps: ArrayLike<number>, total: number, fallbacks: ArrayLike<number>[] = []): Float64Array {
  const n = steps.length;
  const out = new Float64Array(n + 1);
  for (const shape of [steps, ...fallbacks]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.max(0, shape[i]);
    if (sum > 0) {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        acc += Math.max(0, shape[i]);
        out[i + 1] = (acc / sum) * total;
      }
      out[n] = total;
      return out;
    }
  }
  if (n > 0) out[n] = total;
  return out;
}

/** Builds the curves once per run; `replicas` is the fleet's steady size. */
export function outcomeCurves(result: RunResult, replicas: number): OutcomeCurves {
  const { timeline, summary, events } = result;
  const versions = Object.values(timeline.versions);
  const n = timeline.t.length;
  const deployAt = events.find((e) => e.kind === 'deploy-start')?.t ?? Infinity;
  const stable = versions[0];
  // The stable version's own error rate: its mean before the deploy (or over the run).
  let baseSum = 0;
  let baseN = 0;
  for (let i = 0; i < n; i++) {
    if (timeline.t[i] > deployAt) break;
    baseSum += stable?.errorRate[i] ?? 0;
    baseN++;
  }
  const baseError = baseN > 0 ? baseSum / baseN : 0;

  const req = new Float64Array(n);
  const failed = new Float64Array(n);
  const excess = new Float64Array(n);
  const exposed = new Float64Array(n);
  const instanceSeconds = new Float64Array(n);
  const down = new Float64Array(n);
  const multiplier = new Float64Array(n + 1);
  const peak = new Float64Array(n + 1);
  multiplier[0] = peak[0] = versions.reduce((s, v) => s + (v.instances[0] ?? 0), 0) / replicas || 1;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const dt = timeline.t[i] - prev;
    prev = timeline.t[i];
    req[i] = (timeline.offeredRps[i] ?? 0) * dt;
    let failShare = 0;
    let count = 0;
    versions.forEach((v, vi) => {
      const share = v.trafficShare[i] ?? 0;
      const err = v.errorRate[i] ?? 0;
      failShare += share * err;
      // Requests the release hurt: any excess on a new version; on the stable version only a
      // clear break (instances stopped or draining), not its own noise around its usual rate.
      const over = err - baseError;
      const hurt = vi > 0 ? over : over > Math.max(baseError, 0.01) ? over : 0;
      if (timeline.t[i] > deployAt && hurt > 0) excess[i] += share * hurt * req[i];
      if (vi > 0) exposed[i] += share * req[i];
      count += v.instances[i] ?? 0;
    });
    failed[i] = failShare * req[i];
    instanceSeconds[i] = count * dt;
    down[i] = failShare >= 0.5 ? dt : 0;
    multiplier[i + 1] = count / replicas;
    peak[i + 1] = Math.max(peak[i], multiplier[i + 1]);
  }
  const affected = scaledCumulative(excess, summary.blastRadius.affectedRequests, [exposed]);
  return {
    t: Float64Array.from([0, ...timeline.t]),
    affected,
    affectedUsers: scaledCumulative(excess, summary.blastRadius.affectedUsers, [exposed]),
    requests: scaledCumulative(req, summary.requests.total),
    instanceHours: scaledCumulative(instanceSeconds, summary.infraCost.instanceHours),
    downtime: scaledCumulative(down, summary.downtimeS, [failed]),
    budget: scaledCumulative(failed, summary.errorBudgetSpent, [req]),
    exposure: Float64Array.from([0, ...exposed.map((x, i) => (req[i] > 0 ? x / req[i] : 0))]),
    multiplier,
    peakMultiplier: peak,
  };
}

/**
 * A cumulative curve's value at `t`: as of the last sample at or before it. Interpolating
 * would leak a step's requests into the moments before they happened (a canary's errors
 * before its traffic arrives).
 */
function valueAt(curveT: Float64Array, curve: Float64Array, t: number): number {
  const i = lastAtOrBefore(curveT, t);
  return i < 0 ? 0 : curve[i];
}

/** The measures at time `t` (and having reached event index `k`, for the rollback card). */
export function outcomesAt(result: RunResult, curves: OutcomeCurves, t: number, k: number): OutcomesSoFar {
  const { summary } = result;
  const end = curves.t[curves.t.length - 1];
  const atEnd = t >= end;
  const rollback = rollbackAt(result, t, k);
  const pricePerHour = summary.infraCost.instanceHours > 0 ? summary.infraCost.cost / summary.infraCost.instanceHours : 0;
  if (atEnd) {
    return {
      atEnd,
      affectedRequests: summary.blastRadius.affectedRequests,
      affectedUsers: summary.blastRadius.affectedUsers,
      affectedRequestsFraction: summary.blastRadius.affectedRequestsFraction,
      requests: summary.requests.total,
      exposureNow: curves.exposure[curves.exposure.length - 1],
      instanceHours: summary.infraCost.instanceHours,
      cost: summary.infraCost.cost,
      multiplierNow: curves.multiplier[curves.multiplier.length - 1],
      peakMultiplier: summary.infraCost.peakMultiplier,
      downtimeS: summary.downtimeS,
      errorBudgetSpent: summary.errorBudgetSpent,
      compatibility: hasCompatibility(result) ? { failures: summary.compatibility.failures, byCause: { ...summary.compatibility.byCause } } : null,
      rollback,
    };
  }
  const affected = valueAt(curves.t, curves.affected, t);
  const requests = valueAt(curves.t, curves.requests, t);
  const instanceHours = valueAt(curves.t, curves.instanceHours, t);
  return {
    atEnd,
    affectedRequests: Math.round(affected),
    affectedUsers: Math.round(valueAt(curves.t, curves.affectedUsers, t)),
    affectedRequestsFraction: requests > 0 ? affected / requests : 0,
    requests: Math.round(requests),
    exposureNow: valueAtStep(curves.t, curves.exposure, t),
    instanceHours,
    cost: instanceHours * pricePerHour,
    multiplierNow: valueAtStep(curves.t, curves.multiplier, t),
    peakMultiplier: Math.max(curves.peakMultiplier[0], valueAtStep(curves.t, curves.peakMultiplier, t)),
    // Downtime counts whole seconds, as the summary does.
    downtimeS: Math.round(valueAt(curves.t, curves.downtime, t)),
    errorBudgetSpent: valueAt(curves.t, curves.budget, t),
    compatibility: hasCompatibility(result) ? compatibilityAt(result, t) : null,
    rollback,
  };
}

interface PhaseLike {
  fromS: number;
  toS: number;
  failures: number;
  schema?: number;
  api?: number;
  message?: number;
}

/** Whether the run has anything to say about compatibility (failures, or its events). */
export function hasCompatibility(result: RunResult): boolean {
  return result.summary.compatibility.failures > 0 || result.events.some((e) => e.kind.startsWith('compatibility-'));
}

/**
 * Compatibility failures up to `t`, from the summary's phases of the plan (each phase's
 * failures spread evenly over it); without phases, none until the end.
 */
export function compatibilityAt(result: RunResult, t: number): CompatibilitySoFar {
  const phases = (result.summary.compatibility as { phases?: PhaseLike[] }).phases ?? [];
  const out: CompatibilitySoFar = { failures: 0, byCause: { schema: 0, api: 0, message: 0 } };
  for (const p of phases) {
    const span = p.toS - p.fromS;
    const f = span > 0 ? Math.min(1, Math.max(0, (t - p.fromS) / span)) : t >= p.toS ? 1 : 0;
    out.failures += p.failures * f;
    out.byCause.schema += (p.schema ?? 0) * f;
    out.byCause.api += (p.api ?? 0) * f;
    out.byCause.message += (p.message ?? 0) * f;
  }
  out.failures = Math.round(out.failures);
  out.byCause = { schema: Math.round(out.byCause.schema), api: Math.round(out.byCause.api), message: Math.round(out.byCause.message) };
  return out;
}

/** A per-sample curve's value at `t`: the last sample at or before it (index 0 is time 0). */
function valueAtStep(curveT: Float64Array, curve: Float64Array, t: number): number {
  return curve[Math.max(0, lastAtOrBefore(curveT, t))];
}

/** The rollback as it stands once events up to index `k` have happened. */
export function rollbackAt(result: RunResult, t: number, k: number): OutcomesSoFar['rollback'] {
  let decided: RunResult['events'][number] | null = null;
  for (let i = 0; i <= k && i < result.events.length; i++) {
    const e = result.events[i];
    if (e.kind === 'rollback' && !decided) decided = e;
    if (e.kind === 'restored' && decided) {
      const restore = typeof e.timeToRestoreS === 'number' ? e.timeToRestoreS : e.t - decided.t;
      return { state: 'restored', trigger: String(decided.trigger ?? ''), decidedAtS: decided.t, elapsedS: restore };
    }
  }
  if (!decided) return { state: 'none', trigger: null, decidedAtS: null, elapsedS: null };
  const atEnd = t >= (result.timeline.t[result.timeline.t.length - 1] ?? 0);
  const elapsed = atEnd && result.summary.rollback.timeToRestoreS !== null ? result.summary.rollback.timeToRestoreS : t - decided.t;
  return { state: atEnd && result.summary.rollback.timeToRestoreS !== null ? 'restored' : 'restoring', trigger: String(decided.trigger ?? ''), decidedAtS: decided.t, elapsedS: elapsed };
}
