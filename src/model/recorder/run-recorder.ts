// The truth of a run, as opposed to what the metrics pipeline reports: every request's
// outcome by version, per-second success for downtime, the release's blast radius, and
// the timeline sampled every step. Both fidelities feed it the same way.
import { LatencyHistogram } from '../metrics/latency-histogram.ts';
import { Outcome, OUTCOME_COUNT } from '../metrics/outcome.ts';

export interface VersionSeries {
  trafficShare: number[];
  instances: number[];
  readyInstances: number[];
  errorRate: number[];
  p50Ms: number[];
  p99Ms: number[];
}

export class RunRecorder {
  /** Requests by version and outcome (mirrored shadow copies excluded). */
  readonly byVersion: Float64Array[];
  readonly latencyAll = new LatencyHistogram();
  /** Offered and successful requests per whole second, for downtime. */
  readonly offeredPerSecond: Float64Array;
  readonly okPerSecond: Float64Array;
  exposedRequests = 0;
  affectedRequests = 0;
  /** When the first request affected by the release was answered (s); NaN while none. */
  firstAffectedAt = Number.NaN;
  /** Slow responses (over the SLO latency) in total, and those caused by the release. */
  slowResponses = 0;
  mirroredRequests = 0;
  /** Users who received a response from a non-stable version / an affected response (request fidelity). */
  readonly exposedUserFlags: Uint8Array;
  readonly affectedUserFlags: Uint8Array;
  /** Expected distinct users, when the aggregate model supplies them instead of flags. */
  exposedUsersExpected = Number.NaN;
  affectedUsersExpected = Number.NaN;
  /**
   * Largest share of a step's traffic on non-stable versions. Declared bare and set in the
   * constructor: a field that starts as the integer 0 changes representation at its first
   * fraction, mid-run, and that threw away the optimised code of every method of the recorder.
   */
  peakExposure: number;
  // Timeline.
  readonly t: number[] = [];
  readonly series: VersionSeries[];
  /** With a DNS router: share of requests still following cached answers to a set the records no longer name. */
  readonly dnsStragglerShare: number[] = [];
  private readonly stepCounts: Float64Array[];
  private readonly stepLatency: LatencyHistogram[];

  constructor(
    readonly versions: readonly string[],
    users: number,
    durationS: number,
  ) {
    this.peakExposure = 0;
    this.byVersion = versions.map(() => new Float64Array(OUTCOME_COUNT));
    const seconds = Math.ceil(durationS) + 1;
    this.offeredPerSecond = new Float64Array(seconds);
    this.okPerSecond = new Float64Array(seconds);
    this.exposedUserFlags = new Uint8Array(users);
    this.affectedUserFlags = new Uint8Array(users);
    this.series = versions.map(() => ({ trafficShare: [], instances: [], readyInstances: [], errorRate: [], p50Ms: [], p99Ms: [] }));
    this.stepCounts = versions.map(() => new Float64Array(2));
    this.stepLatency = versions.map(() => new LatencyHistogram());
  }

  /** Counts `n` requests of `version` ending with `outcome` during second `second`. */
  count(version: number, outcome: Outcome, n: number, second: number): void {
    this.byVersion[version][outcome] += n;
    const s = second < this.offeredPerSecond.length ? second : this.offeredPerSecond.length - 1;
    this.offeredPerSecond[s] += n;
    if (outcome <= Outcome.ClientError) this.okPerSecond[s] += n;
    const step = this.stepCounts[version];
    step[0] += n;
    if (outcome >= Outcome.Error) step[1] += n;
  }

  /** Moves `n` requests of `version` from one outcome to another (a late loss of served requests). */
  reclassify(version: number, from: Outcome, to: Outcome, n: number, second: number): void {
    this.byVersion[version][from] -= n;
    this.byVersion[version][to] += n;
    const s = second < this.okPerSecond.length ? second : this.okPerSecond.length - 1;
    if (from <= Outcome.ClientError && to > Outcome.ClientError) this.okPerSecond[s] -= n;
    const step = this.stepCounts[version];
    if (from < Outcome.Error && to >= Outcome.Error) step[1] += n;
  }

  /** Counts `n` requests affected by the release at `t`. */
  affected(n: number, t: number): void {
    if (n <= 0) return;
    this.affectedRequests += n;
    if (Number.isNaN(this.firstAffectedAt)) this.firstAffectedAt = t;
  }

  /** One response's latency (ms), into the step's histogram (merged into the run's at each sample). */
  latency(version: number, ms: number): void {
    this.stepLatency[version].record(ms);
  }

  /** The step histogram of a version, for the aggregate model to add whole shapes into. */
  stepHistogram(version: number): LatencyHistogram {
    return this.stepLatency[version];
  }

  /** Closes a timeline step at `t` with each version's instance counts. */
  sample(t: number, instances: ArrayLike<number>, ready: ArrayLike<number>): void {
    this.t.push(round3(t));
    let total = 0;
    for (const c of this.stepCounts) total += c[0];
    for (let v = 0; v < this.versions.length; v++) {
      const c = this.stepCounts[v];
      const s = this.series[v];
      const h = this.stepLatency[v];
      s.trafficShare.push(total > 0 ? round6(c[0] / total) : 0);
      s.instances.push(instances[v]);
      s.readyInstances.push(ready[v]);
      s.errorRate.push(c[0] > 0 ? round6(c[1] / c[0]) : 0);
      s.p50Ms.push(h.count > 0 ? round3(h.quantile(0.5)) : 0);
      s.p99Ms.push(h.count > 0 ? round3(h.quantile(0.99)) : 0);
      if (v > 0 && total > 0) this.peakExposure = Math.max(this.peakExposure, c[0] / total);
      c.fill(0);
      this.latencyAll.addFrom(h);
      h.reset();
    }
  }

  /** Seconds in which fewer than half of the offered requests succeeded. */
  downtimeSeconds(): number {
    let down = 0;
    for (let s = 0; s < this.offeredPerSecond.length; s++) {
      const offered = this.offeredPerSecond[s];
      if (offered > 0 && this.okPerSecond[s] < 0.5 * offered) down++;
    }
    return down;
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
