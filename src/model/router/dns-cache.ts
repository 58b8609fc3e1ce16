// Weighted DNS as clients experience it: each client caches the answer it got for the TTL;
// some cache far longer (a JVM, a stubborn resolver) and some hold a long-lived connection
// that never re-resolves while its target lives. A flip or a rollback therefore has a tail.
import type { RandomStream } from '../../engine/random-stream.ts';
import type { RouterConfig } from '../config/router.ts';

const NORMAL = 0;
const LONG_CACHE = 1;
const CONNECTION = 2;

export class DnsCache {
  private readonly cached: Int16Array;
  private readonly expiry: Float64Array;
  private readonly clientClass: Uint8Array;
  private readonly ttlOf: number[];
  /** Weight history, piecewise constant: weights[k] applies from times[k] on. */
  private readonly times: number[] = [];
  private readonly weights: number[][] = [];

  /** Share of the requests sent by each class of client (normal, long cache, connection). */
  private readonly classShare = [0, 0, 0];

  constructor(
    private readonly config: RouterConfig['dns'],
    users: number,
    private readonly rng: RandomStream,
    /** Share of all requests user u sends (the aggregate model weighs client classes by it). */
    requestShareOf: (u: number) => number = () => 1 / users,
  ) {
    this.cached = new Int16Array(users).fill(-1);
    this.expiry = new Float64Array(users);
    this.clientClass = new Uint8Array(users);
    this.ttlOf = [config.ttl, config.longCacheSeconds, Infinity];
    for (let u = 0; u < users; u++) {
      const r = rng.next();
      this.clientClass[u] = r < config.longLivedConnectionShare ? CONNECTION : r < config.longLivedConnectionShare + config.longCacheShare ? LONG_CACHE : NORMAL;
      this.classShare[this.clientClass[u]] += requestShareOf(u);
    }
    const total = this.classShare[0] + this.classShare[1] + this.classShare[2];
    if (total > 0) for (let k = 0; k < 3; k++) this.classShare[k] /= total;
  }

  /** Fills every client's cache from the initial records, with expiries spread over one TTL. */
  seed(weights: readonly number[]): void {
    this.times.length = 0;
    this.weights.length = 0;
    this.times.push(-Infinity);
    this.weights.push([...weights]);
    for (let u = 0; u < this.cached.length; u++) {
      this.cached[u] = pickByWeight(weights, this.rng);
      this.expiry[u] = this.ttlOf[this.clientClass[u]] * this.rng.next();
    }
  }

  recordsChanged(now: number, weights: readonly number[]): void {
    this.times.push(now);
    this.weights.push([...weights]);
  }

  /** The replica set a client's request goes to, re-resolving when its cache has expired. */
  resolve(user: number, now: number, weights: readonly number[], rng: RandomStream): number {
    if (now >= this.expiry[user] || this.cached[user] < 0) {
      this.cached[user] = pickByWeight(weights, rng);
      this.expiry[user] = now + this.ttlOf[this.clientClass[user]];
    }
    return this.cached[user];
  }

  /**
   * Expected share of requests per replica set at `now` (aggregate fidelity): clients that
   * re-resolve every TTL hold the records' average over the last TTL; connections hold the
   * records they started with. Classes count by the requests their users send. (Request
   * fidelity re-resolves on a client's first request after expiry, so a quiet client moves
   * later than this average says, and one that was already expired moves at once.)
   */
  shares(now: number, out: Float64Array, n: number): void {
    for (let k = 0; k < 3; k++) {
      const classShare = this.classShare[k];
      if (classShare <= 0) continue;
      const ttl = this.ttlOf[k];
      for (let i = 0; i < n; i++) out[i] += classShare * this.averageWeightShare(i, now - ttl, now);
    }
  }

  // Time-average over [from, to] of replica set i's share of the weights (from may be −∞).
  private averageWeightShare(i: number, from: number, to: number): number {
    if (!(to - from < Infinity)) return share(this.weights[0], i);
    let total = 0;
    for (let k = this.times.length - 1; k >= 0; k--) {
      const start = Math.max(from, this.times[k]);
      const end = k + 1 < this.times.length ? Math.min(to, this.times[k + 1]) : to;
      if (end > start) total += (end - start) * share(this.weights[k], i);
      if (this.times[k] <= from) break;
    }
    return to > from ? total / (to - from) : share(this.weights[this.weights.length - 1], i);
  }
}

function share(weights: readonly number[], i: number): number {
  let total = 0;
  for (const w of weights) total += w;
  return total > 0 ? (weights[i] ?? 0) / total : 0;
}

function pickByWeight(weights: readonly number[], rng: RandomStream): number {
  let total = 0;
  for (const w of weights) total += w;
  if (total <= 0) return -1;
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0 && weights[i] > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return -1;
}
