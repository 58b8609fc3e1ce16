// The router in front of the fleet: which replica set a request goes to (mesh weights,
// a Service's ready endpoints, or DNS records cached by clients), then which instance
// (round-robin, least-outstanding, random, session affinity), plus mirroring and
// header/cookie match rules.
import type { RandomStream } from '../../engine/random-stream.ts';
import type { HandlerId, Simulation } from '../../engine/simulation.ts';
import { defaultPropagation, type RouterConfig } from '../config/router.ts';
import type { Instance } from '../fleet/instance.ts';
import type { ReplicaSet } from '../fleet/replica-set.ts';
import type { RunEventLog } from '../recorder/run-events.ts';
import { DnsCache } from './dns-cache.ts';

export interface WeightChange {
  replicaSet: number;
  weight: number;
}

export class Router {
  readonly kind: RouterConfig['kind'];
  readonly propagation: number;
  /** Weights as last set by a controller (percent per replica set). */
  readonly desired: number[] = [];
  /** Weights the data plane applies now (after propagation). */
  readonly effective: number[] = [];
  /** Mirror: a copy of this share of requests also goes to `mirrorTo` (−1: none); its answer is discarded. */
  mirrorTo = -1;
  mirrorShare = 0;
  /** Match rule (A/B): users with cohort < `matchShare` always go to `matchTo` (−1: none). */
  matchTo = -1;
  matchShare = 0;
  readonly dns: DnsCache | null;
  /**
   * Route by ready endpoints among the selected replica sets (weight > 0 = selected), as a
   * Kubernetes Service does: what rolling updates, recreate and a canary without traffic
   * routing get whatever the router kind.
   */
  routeByEndpoints: boolean;
  private readonly pending: WeightChange[][] = [];
  private readonly applyHandler: HandlerId;

  constructor(
    private readonly sim: Simulation,
    readonly config: RouterConfig,
    private readonly replicaSets: readonly ReplicaSet[],
    private readonly log: RunEventLog,
    users: number,
    rng: RandomStream,
    requestShareOf?: (user: number) => number,
  ) {
    this.kind = config.kind;
    this.propagation = config.propagation ?? defaultPropagation(config.kind);
    this.dns = config.kind === 'dns' ? new DnsCache(config.dns, users, rng, requestShareOf) : null;
    this.routeByEndpoints = config.kind === 'service';
    this.applyHandler = sim.handler((batch) => this.apply(batch));
  }

  /** Registers a new replica set with weight 0. */
  addReplicaSet(): void {
    this.desired.push(0);
    this.effective.push(0);
  }

  /**
   * Sets weights (percent; omitted replica sets keep theirs). The data plane applies them
   * after the propagation delay. For a Service router a weight > 0 means "selected".
   */
  setWeights(changes: WeightChange[], reason = ''): void {
    for (const c of changes) this.desired[c.replicaSet] = c.weight;
    this.log.add(this.sim.now, 'weight-change', {
      weights: this.describe(this.desired),
      effectiveInS: this.propagation,
      ...(reason ? { reason } : {}),
    });
    this.pending.push(changes);
    this.sim.after(this.propagation, this.applyHandler, this.pending.length - 1);
  }

  /** Weights applied at t = 0, with no propagation (the steady state before a deploy). */
  setInitialWeights(changes: WeightChange[]): void {
    for (const c of changes) {
      this.desired[c.replicaSet] = c.weight;
      this.effective[c.replicaSet] = c.weight;
    }
    this.dns?.seed(this.effective);
  }

  private apply(batch: number): void {
    for (const c of this.pending[batch]) this.effective[c.replicaSet] = c.weight;
    this.dns?.recordsChanged(this.sim.now, this.effective);
  }

  /** Share of new requests each replica set receives now, into `out` (sums to 1 or to 0). */
  shares(now: number, out: Float64Array): void {
    const n = this.replicaSets.length;
    out.fill(0, 0, n);
    if (this.routeByEndpoints) {
      let total = 0;
      for (let i = 0; i < n; i++) if (this.effective[i] > 0) total += this.replicaSets[i].endpoints.length;
      if (total > 0) for (let i = 0; i < n; i++) if (this.effective[i] > 0) out[i] = this.replicaSets[i].endpoints.length / total;
      return;
    }
    if (this.dns) {
      this.dns.shares(now, out, n);
      return;
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += this.effective[i];
    if (total > 0) for (let i = 0; i < n; i++) out[i] = this.effective[i] / total;
  }

  /** The replica set for one request (request fidelity); −1 when nothing is selected. */
  choose(user: number, cohort: number, rng: RandomStream): number {
    if (this.matchTo >= 0 && cohort < this.matchShare) return this.matchTo;
    const n = this.replicaSets.length;
    if (this.routeByEndpoints) {
      let total = 0;
      for (let i = 0; i < n; i++) if (this.effective[i] > 0) total += this.replicaSets[i].endpoints.length;
      if (total === 0) return firstSelected(this.effective);
      let r = rng.next() * total;
      for (let i = 0; i < n; i++) {
        if (this.effective[i] <= 0) continue;
        r -= this.replicaSets[i].endpoints.length;
        if (r < 0) return i;
      }
      return firstSelected(this.effective);
    }
    if (this.dns) return this.dns.resolve(user, this.sim.now, this.effective, rng);
    let total = 0;
    for (let i = 0; i < n; i++) total += this.effective[i];
    if (total <= 0) return -1;
    let r = rng.next() * total;
    for (let i = 0; i < n; i++) {
      r -= this.effective[i];
      if (r < 0 && this.effective[i] > 0) return i;
    }
    return lastPositive(this.effective);
  }

  /** The instance within a replica set for one request; null when it has no endpoints. */
  pick(replicaSet: number, user: number, rng: RandomStream, outstanding: (i: Instance) => number): Instance | null {
    const rs = this.replicaSets[replicaSet];
    const endpoints = rs.endpoints;
    const n = endpoints.length;
    if (n === 0) return null;
    if (this.config.sessionAffinity) return endpoints[rendezvous(user, endpoints)];
    switch (this.config.balancer) {
      case 'random':
        return endpoints[Math.floor(rng.next() * n)];
      case 'least-outstanding': {
        // Two random choices, the less loaded wins: Envoy's LEAST_REQUEST default (choice_count 2).
        const a = endpoints[Math.floor(rng.next() * n)];
        const b = endpoints[Math.floor(rng.next() * n)];
        return outstanding(b) < outstanding(a) ? b : a;
      }
      default: {
        if (rs.nextEndpoint >= n) rs.nextEndpoint = 0;
        return endpoints[rs.nextEndpoint++];
      }
    }
  }

  /** Weights as `{ replicaSetName: percent }`, for the event log and the results. */
  describe(weights: readonly number[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < weights.length; i++) if (weights[i] > 0 || this.replicaSets[i].alive > 0) out[this.replicaSets[i].name] = weights[i];
    return out;
  }
}

function firstSelected(weights: readonly number[]): number {
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) return i;
  return -1;
}

function lastPositive(weights: readonly number[]): number {
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return -1;
}

/**
 * Session affinity by rendezvous (highest-random-weight) hashing: each user goes to the
 * endpoint whose hash with the user is highest, so an instance joining or leaving moves only
 * about 1/N of the users, as a consistent-hash ring (Istio's consistentHash) would.
 */
function rendezvous(user: number, endpoints: readonly Instance[]): number {
  let best = 0;
  let bestScore = -1;
  for (let k = 0; k < endpoints.length; k++) {
    const score = mix(user, endpoints[k].id);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}
