// Aggregate fidelity: no individual requests. Each tick (1 s) the offered load is drawn
// as a Poisson count, split across replica sets by the router's shares, and each pool's
// outcomes are drawn as binomial counts from the same release profiles, regressions and
// lifecycle the request engine uses; latency enters the histograms as whole distributions.
// Fast enough for the UI to recompute on every slider move and for sweeps over many seeds.
import { binomial } from '../../engine/distributions/binomial.ts';
import { poisson } from '../../engine/distributions/poisson.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import type { Instance } from '../fleet/instance.ts';
import type { LatencyHistogram } from '../metrics/latency-histogram.ts';
import { LatencyMix } from '../queueing/latency-mix.ts';
import { PoolBacklog } from '../queueing/pool-backlog.ts';
import { Outcome } from '../metrics/outcome.ts';
import type { World } from '../world.ts';
import { PoolTick, poolTick } from './pool-tick.ts';

/** Tick length, seconds. */
const TICK = 1;

export class AggregateEngine {
  private readonly rng: RandomStream;
  private readonly shares = new Float64Array(64);
  private readonly tick = new PoolTick();
  /** Latency collected per histogram, spread over its buckets when it is read. */
  private readonly mixes = new Map<LatencyHistogram, LatencyMix>();
  private readonly mixFor = (hist: LatencyHistogram): LatencyMix => {
    let mix = this.mixes.get(hist);
    if (!mix) {
      mix = new LatencyMix();
      this.mixes.set(hist, mix);
    }
    return mix;
  };
  /**
   * Each replica set's queue, carried between ticks: it sets the waits and rejections. Every
   * admitted request is booked in the tick it arrives (with the wait it will have), so the
   * books balance tick by tick and nothing is carried in them.
   */
  private queues: PoolBacklog[] = [];
  /** Expected requests each user group saw, for distinct-user estimates at the end. */
  private exposedRequests = 0;
  private affectedRequests = 0;
  /** The A/B match rule's share of requests, for the user share it was computed for (it costs ~0.1 ms). */
  private matchShareFor = -1;
  private matchRequestShare = 0;
  /** Requests/s each replica set received in the last tick (for in-flight losses). */
  private lastRate: number[] = [];

  constructor(private readonly world: World) {
    this.rng = world.streams.get('aggregate');
  }

  start(): void {
    const w = this.world;
    const handler = w.sim.handler(() => this.step());
    // A tick at t covers [t − 1, t) and runs before anything else at t, so the scrape and the
    // timeline sample at t see the second that just ended, as they would in request fidelity.
    w.sim.every(TICK, handler, 0, TICK, -1000);
  }

  /** Settles deferred latency before a scrape or a timeline sample reads the histograms. */
  flush(): void {
    for (const [hist, mix] of this.mixes) mix.flushInto(hist);
  }

  outstanding(_i: Instance): number {
    return 0;
  }

  /**
   * A crash or kill: the requests in flight on the instance (its rate × mean latency) are
   * lost. They were counted as served when their tick was drawn, so they move from ok to
   * dropped rather than being added.
   */
  lose(i: Instance): void {
    const w = this.world;
    const rs = w.fleet.replicaSets[i.pool];
    const accepting = Math.max(1, rs.endpoints.length);
    const poolRate = this.lastRate[i.pool] ?? 0;
    const profile = w.profiles[i.version];
    const meanS = Math.exp(profile.mu + (profile.sigma * profile.sigma) / 2) / 1000;
    const second = Math.max(0, Math.ceil(w.sim.now) - 1);
    const lost = Math.min(poisson(this.rng, (poolRate / accepting) * meanS), w.recorder.byVersion[i.version][Outcome.Ok]);
    if (lost <= 0) return;
    w.recorder.reclassify(i.version, Outcome.Ok, Outcome.Dropped, lost, second);
    w.metrics.count(i.pool, Outcome.Dropped, lost);
    if (w.sim.now >= w.deployStartedAt) {
      w.recorder.affected(lost, w.sim.now);
      this.affectedRequests += lost;
    }
  }

  /** The whole second the tick being drawn covers. */
  private second = 0;

  private step(): void {
    const w = this.world;
    const end = w.sim.now;
    const now = Math.max(0, end - TICK);
    if (end <= now) return;
    this.second = Math.floor(now);
    const offered = poisson(this.rng, w.rateCurve.integral(now, end));
    const pools = w.fleet.replicaSets.length;
    while (this.queues.length < pools) this.queues.push(new PoolBacklog());
    w.router.shares(now, this.shares);

    // A/B match rule: the matched users' requests go to their replica set regardless of weight.
    let remaining = offered;
    const assigned = this.tick.assigned;
    assigned.length = 0;
    for (let p = 0; p < pools; p++) assigned.push(0);
    if (w.router.matchTo >= 0 && w.router.matchShare > 0) {
      if (w.router.matchShare !== this.matchShareFor) {
        this.matchShareFor = w.router.matchShare;
        this.matchRequestShare = w.users.requestShareOfCohort(w.router.matchShare);
      }
      const matched = binomial(this.rng, remaining, this.matchRequestShare);
      assigned[w.router.matchTo] += matched;
      remaining -= matched;
    }
    let shareLeft = 1;
    for (let p = 0; p < pools && remaining > 0; p++) {
      const s = this.shares[p];
      if (s <= 0) continue;
      const n = s >= shareLeft ? remaining : binomial(this.rng, remaining, Math.min(1, s / shareLeft));
      assigned[p] += n;
      remaining -= n;
      shareLeft -= s;
    }
    // Nothing selected (no weights at all): the requests have nowhere to go.
    if (remaining > 0) this.countDropped(w.stableReplicaSet, remaining);

    // Mirroring: shadow copies load the mirror's instances and reach its metrics, not the truth.
    const mirrorTo = w.router.mirrorTo;
    const shadow = mirrorTo >= 0 && w.router.mirrorShare > 0 ? binomial(this.rng, offered, w.router.mirrorShare) : 0;
    const rate = w.rateCurve.integral(now, end) / (end - now);
    for (let p = 0; p < pools; p++) {
      this.lastRate[p] = assigned[p] / (end - now);
      const copies = p === mirrorTo ? shadow : 0;
      const offeredRate = rate * (this.shares[p] + (p === mirrorTo ? w.router.mirrorShare : 0));
      // Where shares do not say (a match rule), the tick's own arrival rate stands in.
      if (assigned[p] > 0 || copies > 0) this.servePool(p, assigned[p], copies, offeredRate > 0 ? offeredRate : (assigned[p] + copies) / (end - now), now, end);
      else if (offeredRate === 0) this.queues[p].reset();
    }
  }

  private servePool(p: number, arrivals: number, copies: number, offeredRate: number, now: number, end: number): void {
    const w = this.world;
    const t = this.tick;
    poolTick(w, p, arrivals + copies, offeredRate, this.queues[p], now, end - now, this.rng, t);
    const shadowShare = copies > 0 ? copies / (arrivals + copies) : 0;
    if (shadowShare > 0) this.splitOffCopies(p, shadowShare);
    const version = w.fleet.replicaSets[p].version;
    const second = this.second;
    const r = w.recorder;
    const stable = version === 0;

    this.countDropped(p, t.dropped);
    // Truth.
    r.count(version, Outcome.Ok, t.ok, second);
    r.count(version, Outcome.ClientError, t.clientErrors, second);
    r.count(version, Outcome.Error, t.errors, second);
    r.count(version, Outcome.Timeout, t.timeouts, second);
    t.addLatency(this.mixFor(r.stepHistogram(version)));
    r.slowResponses += t.slow;
    const served = t.ok + t.clientErrors + t.errors + t.timeouts;
    if (!stable) {
      r.exposedRequests += served;
      this.exposedRequests += served;
    }
    const affected = t.releaseErrors + t.releaseSlowOk;
    r.affected(affected, now);
    this.affectedRequests += affected;
    // Compatibility (issue 5): books the tick's compatibility failures, writes and messages.
    if (w.compat !== null) w.compat.servedTick(version, served, t.ok, t.errors, t.compatSchema, t.compatApi, copies > 0 ? copies / (arrivals + copies) : 0, now);

    // What the metrics pipeline sees.
    let mislabelled = 0;
    const target = w.metricsConfig.mislabelShare > 0 ? w.mislabelTarget(p) : -1;
    if (target >= 0) mislabelled = binomial(this.rng, served, w.metricsConfig.mislabelShare);
    const m = w.metrics;
    const keep = served > 0 ? 1 - mislabelled / served : 1;
    this.countMetrics(p, target, Outcome.Ok, t.ok, keep, mislabelled);
    this.countMetrics(p, target, Outcome.ClientError, t.clientErrors, keep, mislabelled);
    this.countMetrics(p, target, Outcome.Error, t.errors, keep, mislabelled);
    this.countMetrics(p, target, Outcome.Timeout, t.timeouts, keep, mislabelled);
    m.conversions(p, t.conversions * keep);
    if (mislabelled > 0) m.conversions(target, t.conversions * (1 - keep));
    t.addLatency(this.mixFor(m.latency(p)), keep);
    if (mislabelled > 0) t.addLatency(this.mixFor(m.latency(target)), 1 - keep);
  }

  // A method rather than a loop over [outcome, n] pairs: that literal allocated five arrays
  // per pool per tick.
  private countMetrics(p: number, target: number, outcome: Outcome, n: number, keep: number, mislabelled: number): void {
    const m = this.world.metrics;
    m.count(p, outcome, n * keep);
    if (mislabelled > 0) m.count(target, outcome, n * (1 - keep));
  }

  /**
   * Takes the mirrored copies' share out of the tick's counts: they go to the mirror's
   * metrics only, and `this.tick` keeps the real requests.
   */
  private splitOffCopies(p: number, share: number): void {
    const w = this.world;
    const t = this.tick;
    const m = w.metrics;
    const take = (n: number) => binomial(this.rng, n, share);
    const ok = take(t.ok);
    const clientErrors = take(t.clientErrors);
    const errors = take(t.errors);
    const timeouts = take(t.timeouts);
    const dropped = take(t.dropped);
    m.count(p, Outcome.Ok, ok);
    m.count(p, Outcome.ClientError, clientErrors);
    m.count(p, Outcome.Error, errors);
    m.count(p, Outcome.Timeout, timeouts);
    m.count(p, Outcome.Dropped, dropped);
    m.conversions(p, take(t.conversions));
    t.addLatency(this.mixFor(m.latency(p)), share);
    w.recorder.mirroredRequests += ok + clientErrors + errors + timeouts + dropped;
    t.ok -= ok;
    t.clientErrors -= clientErrors;
    t.errors -= errors;
    t.timeouts -= timeouts;
    t.dropped -= dropped;
    t.conversions = Math.max(0, t.conversions - Math.round(t.conversions * share));
    t.releaseErrors = Math.min(t.releaseErrors, t.errors + t.timeouts);
    t.releaseSlowOk = Math.round(t.releaseSlowOk * (1 - share));
    for (let k = 0; k < t.componentCount; k++) t.weight[k] *= 1 - share;
  }

  private countDropped(p: number, n: number): void {
    if (n <= 0) return;
    const w = this.world;
    const version = w.fleet.replicaSets[p].version;
    w.recorder.count(version, Outcome.Dropped, n, this.second);
    w.metrics.count(p, Outcome.Dropped, n);
    if (version !== 0) {
      w.recorder.exposedRequests += n;
      this.exposedRequests += n;
    }
    if (w.sim.now >= w.deployStartedAt) {
      w.recorder.affected(n, w.sim.now);
      this.affectedRequests += n;
    }
  }

  /** Distinct users from expected request counts (no per-user state in this fidelity). */
  finalize(): void {
    const r = this.world.recorder;
    let total = 0;
    for (const counts of r.byVersion) for (const n of counts) total += n;
    r.exposedUsersExpected = this.world.sessions.expectedDistinctUsersAmong(this.exposedRequests, total);
    r.affectedUsersExpected = this.world.sessions.expectedDistinctUsersAmong(this.affectedRequests, total);
  }
}
