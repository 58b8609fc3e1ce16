// Request fidelity: every request is a chain of kernel events — arrival, routing, a slot or
// a place in the instance's queue (or rejection), service, completion — with per-request
// draws for latency and errors. The reference the aggregate model is held to.
import { normal } from '../../engine/distributions/normal.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import type { HandlerId } from '../../engine/simulation.ts';
import { type Instance, InstanceState } from '../fleet/instance.ts';
import { Outcome } from '../metrics/outcome.ts';
import type { World } from '../world.ts';
import { FLAG_MIRROR, FLAG_RELEASE_CAUSED, FLAG_SLOW_BY_RELEASE, RequestPool } from './request-pool.ts';

export class RequestEngine {
  private readonly pool = new RequestPool();
  private readonly arrivalRng: RandomStream;
  private readonly routingRng: RandomStream;
  private readonly serviceRng: RandomStream;
  private readonly outcomeRng: RandomStream;
  private readonly metricsRng: RandomStream;
  private readonly arriveHandler: HandlerId;
  private readonly completeHandler: HandlerId;
  private readonly outstandingOf = (i: Instance) => i.inflight + i.queueLength;

  constructor(private readonly world: World) {
    const s = world.streams;
    this.arrivalRng = s.get('traffic/arrivals');
    this.routingRng = s.get('router');
    this.serviceRng = s.get('service-time');
    this.outcomeRng = s.get('outcomes');
    this.metricsRng = s.get('metrics/labels');
    this.arriveHandler = world.sim.handler(() => this.arrive());
    this.completeHandler = world.sim.handler((id) => this.complete(id));
  }

  start(): void {
    const first = this.world.arrivals.next(0, this.arrivalRng);
    if (first <= this.world.durationS) this.world.sim.at(first, this.arriveHandler);
  }

  /** Nothing to settle at the end: distinct users were flagged one by one. */
  finalize(): void {}

  /** Nothing deferred: every latency was recorded as it happened. */
  flush(): void {}

  outstanding(i: Instance): number {
    return i.inflight + i.queueLength;
  }

  /**
   * Requests of each version (index into `world.versions`) in service or queued right now,
   * mirrored copies excluded: what has arrived but has no outcome yet. Read-only; O(fleet).
   */
  inFlight(): Float64Array {
    const w = this.world;
    const p = this.pool;
    const out = new Float64Array(w.versions.length);
    const add = (id: number) => {
      if (!(p.flags[id] & FLAG_MIRROR)) out[w.fleet.replicaSets[p.replicaSet[id]].version]++;
    };
    for (const inst of w.fleet.instances) {
      for (let k = 0; k < inst.inflight; k++) add(inst.serving[k]);
      for (let k = 0; k < inst.queueLength; k++) add(inst.queue[(inst.queueHead + k) % inst.queue.length]);
    }
    return out;
  }

  private arrive(): void {
    const w = this.world;
    const now = w.sim.now;
    const next = w.arrivals.next(now, this.arrivalRng);
    if (next <= w.durationS) w.sim.at(next, this.arriveHandler);

    const users = w.users;
    const user = w.sessions.next(this.routingRng);
    const cohort = users.cohort(user);
    const rs = w.router.choose(user, cohort, this.routingRng);
    const id = this.pool.alloc();
    const p = this.pool;
    p.arrival[id] = now;
    p.user[id] = user;
    p.route[id] = users.pickRoute(this.routingRng);
    p.client[id] = users.clientOf(user);
    p.flags[id] = 0;
    this.admit(id, rs);

    const mirrorTo = w.router.mirrorTo;
    if (mirrorTo >= 0 && this.routingRng.next() < w.router.mirrorShare) {
      const shadow = this.pool.alloc();
      p.arrival[shadow] = now;
      p.user[shadow] = user;
      p.route[shadow] = p.route[id];
      p.client[shadow] = p.client[id];
      p.flags[shadow] = FLAG_MIRROR;
      this.admit(shadow, mirrorTo);
    }
  }

  private admit(id: number, rs: number): void {
    const w = this.world;
    const p = this.pool;
    p.replicaSet[id] = rs < 0 ? w.stableReplicaSet : rs;
    const instance = rs < 0 ? null : w.router.pick(rs, p.user[id], this.routingRng, this.outstandingOf);
    if (instance === null || !instance.accepting) {
      p.instance[id] = -1;
      this.finish(id, Outcome.Dropped, 0, w.sim.now);
      return;
    }
    p.instance[id] = instance.id;
    instance.recentRps = instance.noteArrival(w.sim.now);
    if (instance.inflight < instance.serving.length) this.serve(id, instance);
    else if (instance.queueLength < w.fleetConfig.instance.queueLimit) instance.enqueue(id);
    else this.finish(id, Outcome.Dropped, 0, w.sim.now);
  }

  private serve(id: number, inst: Instance): void {
    const w = this.world;
    const p = this.pool;
    const now = w.sim.now;
    const profile = w.profiles[inst.version];
    inst.serving[inst.inflight++] = id;
    p.epoch[id] = inst.epoch;

    // Regressions active for this request on this instance now.
    let addedError = 0;
    const warm = w.warmupMultiplier(inst, now);
    let multiplier = warm;
    let tailSigma = 0;
    const regressions = profile.requestRegressions;
    if (regressions.length > 0) {
      const cohort = w.users.cohort(p.user[id]);
      for (let k = 0; k < regressions.length; k++) {
        const r = regressions[k];
        if (!r.activeAt(now, inst.upSince) || !r.inScope(cohort, p.client[id], p.route[id])) continue;
        switch (r.kind) {
          case 'error-rate':
            addedError += r.errorRate;
            break;
          case 'latency':
            if (r.tailOnly) tailSigma += r.tailSigmaAdd;
            else multiplier *= r.latencyMultiplier;
            break;
          case 'load':
            if (inst.recentRps > r.aboveRps || inst.inflight > r.aboveConcurrency) {
              addedError += r.errorRate;
              multiplier *= r.latencyMultiplier;
            }
            break;
          case 'memory-leak': {
            const hours = (now - inst.upSince) / 3600;
            multiplier *= 1 + r.growthLatencyPerHour * hours;
            addedError += r.growthErrorPerHour * hours;
            break;
          }
          default:
            break;
        }
      }
    }

    const z = normal(this.serviceRng, 0, 1);
    const baseMs = Math.exp(profile.mu + profile.sigma * z) * warm;
    // Without a latency regression the two are one expression: skip the second exp.
    const ms = tailSigma === 0 && multiplier === warm ? baseMs : Math.exp(profile.mu + (z > 0 ? profile.sigma + tailSigma : profile.sigma) * z) * multiplier;
    if (ms > w.sloLatencyMs && baseMs <= w.sloLatencyMs && inst.version !== 0) p.flags[id] |= FLAG_SLOW_BY_RELEASE;

    // One uniform decides the response class; failures above the stable version's own rate are the release's.
    const u = this.outcomeRng.next();
    const failP = Math.min(1, profile.errorRate + addedError);
    if (u < failP) {
      p.outcome[id] = Outcome.Error;
      if (inst.version !== 0 ? u >= w.profiles[0].errorRate : u >= profile.errorRate) p.flags[id] |= FLAG_RELEASE_CAUSED;
    } else if (u < failP + profile.clientErrorRate) p.outcome[id] = Outcome.ClientError;
    else p.outcome[id] = Outcome.Ok;
    // Compatibility (issue 5, src/model/compat): a schema or API fault fails the request, as the release's.
    const compat = w.compat;
    if (compat !== null && compat.serve(inst.version, p.user[id], p.route[id], now, p.outcome[id] === Outcome.Ok, (p.flags[id] & FLAG_MIRROR) !== 0) !== 0) {
      p.outcome[id] = Outcome.Error;
      p.flags[id] |= FLAG_RELEASE_CAUSED;
    }

    w.sim.after(ms / 1000, this.completeHandler, id);
  }

  private complete(id: number): void {
    const w = this.world;
    const p = this.pool;
    const inst = w.fleet.instances[p.instance[id]];
    if (p.epoch[id] !== inst.epoch) {
      // Lost in a crash or kill: already counted as dropped then.
      this.pool.release(id);
      return;
    }
    this.removeServing(inst, id);
    const now = w.sim.now;
    const latencyMs = (now - p.arrival[id]) * 1000;
    let outcome = p.outcome[id] as Outcome;
    if (latencyMs > w.timeoutMs) outcome = Outcome.Timeout;
    this.finish(id, outcome, latencyMs, now);
    // A stopping instance still drains its queue: SIGTERM stops new connections, not accepted work.
    if (inst.queueLength > 0) this.serve(inst.dequeue(), inst);
    else if (inst.state === InstanceState.Terminating && inst.inflight === 0) w.fleet.drained(inst);
  }

  private removeServing(inst: Instance, id: number): void {
    const s = inst.serving;
    for (let k = 0; k < inst.inflight; k++) {
      if (s[k] === id) {
        s[k] = s[--inst.inflight];
        return;
      }
    }
  }

  /** Counts a request that is done (or never started) and recycles its id. */
  private finish(id: number, outcome: Outcome, latencyMs: number, now: number, recycle = true): void {
    const w = this.world;
    const p = this.pool;
    const rs = p.replicaSet[id];
    const version = w.fleet.replicaSets[rs].version;
    const flags = p.flags[id];
    const served = outcome !== Outcome.Dropped;

    // What the metrics pipeline sees (possibly under the wrong label).
    let metricsPool = rs;
    if (w.metricsConfig.mislabelShare > 0 && this.metricsRng.next() < w.metricsConfig.mislabelShare) {
      const target = w.mislabelTarget(rs);
      if (target >= 0) metricsPool = target;
    }
    w.metrics.count(metricsPool, outcome, 1);
    if (served) w.metrics.latency(metricsPool).record(latencyMs);
    let converted = false;
    if (outcome === Outcome.Ok) {
      converted = this.outcomeRng.next() < w.conversionRate(version, p.user[id], p.client[id], p.route[id], now);
      if (converted) w.metrics.conversions(metricsPool, 1);
    }

    if (flags & FLAG_MIRROR) {
      w.recorder.mirroredRequests++;
      if (recycle) this.pool.release(id);
      return;
    }

    // The truth.
    const r = w.recorder;
    r.count(version, outcome, 1, Math.floor(now));
    if (served) r.latency(version, latencyMs);
    if (served && latencyMs > w.sloLatencyMs) r.slowResponses++;
    const user = p.user[id];
    if (version !== 0) {
      r.exposedRequests++;
      r.exposedUserFlags[user] = 1;
    }
    const affected =
      outcome === Outcome.Dropped
        ? now >= w.deployStartedAt
        : outcome >= Outcome.Error
          ? (flags & (FLAG_RELEASE_CAUSED | FLAG_SLOW_BY_RELEASE)) !== 0
          : (flags & FLAG_SLOW_BY_RELEASE) !== 0;
    if (affected) {
      r.affected(1, now);
      r.affectedUserFlags[user] = 1;
    }
    if (recycle) this.pool.release(id);
  }

  /** A crash or kill: everything in flight or queued on the instance is dropped now. */
  lose(inst: Instance): void {
    const now = this.world.sim.now;
    inst.epoch++;
    for (let k = 0; k < inst.inflight; k++) {
      const id = inst.serving[k];
      if (id < 0) continue;
      // Counted now; the id stays allocated until its orphaned completion event recycles it.
      this.finish(id, Outcome.Dropped, 0, now, false);
    }
    inst.inflight = 0;
    while (inst.queueLength > 0) this.finish(inst.dequeue(), Outcome.Dropped, 0, now);
  }
}
