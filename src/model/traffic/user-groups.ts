// Users grouped by request weight and client version, each group sorted by cohort: request
// shares and expected distinct users for "cohort < f" and "client i" filters without a
// pass over every user.
import { uniformOrder } from './uniform-order.ts';

/** Relative width of a weight band: weights in one band are within 1 % of each other. */
const BAND_WIDTH = 0.01;

/**
 * The per-user sums behind UserPopulation's aggregate answers. Users whose weights lie
 * within 1 % form a band; a group is a (band, client) pair, its users sorted by cohort
 * with running sums of d = w − c and d² (c the band's centre). A filter costs one binary
 * search per group (10⁶ Zipf users make ~1,000 bands), and a sum of a smooth f(w) over a
 * group is its Taylor series around c to second order:
 * Σ f(w) ≈ n·f(c) + f′(c)·Σd + f″(c)/2·Σd². For f(w) = 1 − e^(−r·w) the remainder is
 * under 1e-7 of the result, since r·|d| ≤ 0.005·r·c; shares and counts are exact.
 */
export class UserGroups {
  private readonly clients: number;
  /** Per band, the centre weight c (fraction of all requests). */
  private readonly centre: Float64Array;
  /** Group g = band·clients + client holds positions [offset[g], offset[g + 1]). */
  private readonly offset: Uint32Array;
  /** Per position, cohort ascending within each group. */
  private readonly cohort: Float64Array;
  /** Per position, Σ d and Σ d² over its group up to and including it. */
  private readonly sumD: Float64Array;
  private readonly sumD2: Float64Array;
  // What the latest scan found: users, their share of requests, expected distinct users.
  private users = 0;
  private weight = 0;
  private distinct = 0;

  /**
   * @param weights each user's share of requests, non-increasing (Zipf order)
   * @param cohort each user's cohort in [0, 1)
   * @param client each user's client index, < `clients`
   */
  constructor(weights: Float64Array, cohort: Float64Array, client: Uint16Array, clients: number) {
    const n = weights.length;
    this.clients = clients;
    const band = new Uint32Array(n);
    const centres: number[] = [];
    for (let lo = 0; lo < n; ) {
      let hi = lo + 1;
      // A band ends at a drop of over 1 %: only a rise inside one can break the order.
      for (; hi < n && weights[hi] >= weights[lo] * (1 - BAND_WIDTH); hi++) {
        if (weights[hi] > weights[hi - 1]) throw new RangeError('UserGroups: weights must not increase');
      }
      band.fill(centres.length, lo, hi);
      centres.push((weights[lo] + weights[hi - 1]) / 2);
      lo = hi;
    }
    this.centre = Float64Array.from(centres);

    const groups = centres.length * clients;
    const offset = new Uint32Array(groups + 1);
    for (let u = 0; u < n; u++) offset[band[u] * clients + client[u] + 1]++;
    for (let g = 0; g < groups; g++) offset[g + 1] += offset[g];
    this.offset = offset;

    // Deal users out to their groups in user order (reads in sequence), then sort each
    // group by cohort where it lies: twice as fast at 10⁶ users as dealing in cohort order.
    const cursor = offset.slice(0, groups);
    const dealtCohort = new Float64Array(n);
    const dealtD = new Float64Array(n);
    for (let u = 0; u < n; u++) {
      const b = band[u];
      const at = cursor[b * clients + client[u]]++;
      dealtCohort[at] = cohort[u];
      dealtD[at] = weights[u] - this.centre[b];
    }
    this.cohort = new Float64Array(n);
    this.sumD = new Float64Array(n);
    this.sumD2 = new Float64Array(n);
    for (let g = 0; g < groups; g++) {
      const start = offset[g];
      const order = uniformOrder(dealtCohort.subarray(start, offset[g + 1]));
      let s1 = 0;
      let s2 = 0;
      for (let j = 0; j < order.length; j++) {
        const d = dealtD[start + order[j]];
        s1 += d;
        s2 += d * d;
        this.cohort[start + j] = dealtCohort[start + order[j]];
        this.sumD[start + j] = s1;
        this.sumD2[start + j] = s2;
      }
    }
  }

  /** How many users of group g have cohort < `below`. */
  private countBelow(g: number, below: number): number {
    const start = this.offset[g];
    let lo = start;
    let hi = this.offset[g + 1];
    if (below >= 1) return hi - lo;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cohort[mid] < below) lo = mid + 1;
      else hi = mid;
    }
    return lo - start;
  }

  /** Users with cohort < `below` and client `client` (−1: any). Exact. */
  count(below: number, client: number): number {
    this.scan(below, client, 0);
    return this.users;
  }

  /** Their share of all requests, fraction 0–1. Exact up to rounding. */
  share(below: number, client: number): number {
    this.scan(below, client, 0);
    return Math.min(1, Math.max(0, this.weight));
  }

  /**
   * Σ 1 − e^(−requests·w) over them: the expected number of them among the senders of
   * `requests` requests drawn from all users by weight. Never above their count or
   * `requests` times their share, as the exact sum never is.
   */
  expectedDistinct(requests: number, below: number, client: number): number {
    if (!(requests >= 0) || requests === Infinity) {
      throw new RangeError(`expectedDistinctUsers: requests must be finite and ≥ 0, got ${requests}`);
    }
    this.scan(below, client, requests);
    return Math.max(0, Math.min(this.distinct, this.users, requests * this.weight));
  }

  // One pass over the groups the filter admits: binary search each for the cohort bound,
  // then add its users, its weight (n·c + Σd) and its distinct-user series. Fills the
  // three scratch fields rather than returning an object: nothing is allocated.
  private scan(below: number, client: number, requests: number): void {
    if (client >= this.clients || client !== Math.floor(client)) {
      throw new RangeError(`UserPopulation: no client index ${client}; there are ${this.clients}`);
    }
    let users = 0;
    let weight = 0;
    let distinct = 0;
    const first = client < 0 ? 0 : client;
    const last = client < 0 ? this.clients - 1 : client;
    for (let b = 0; b < this.centre.length && below > 0; b++) {
      const c = this.centre[b];
      // f(w) = 1 − e^(−r·w) around c: f = −expm1(−r·c), f′ = r·e^(−r·c), f″/2 = −r²·e^(−r·c)/2.
      const e = Math.exp(-requests * c);
      const f0 = -Math.expm1(-requests * c);
      const f1 = requests * e;
      const f2 = -0.5 * requests * f1;
      for (let k = first; k <= last; k++) {
        const g = b * this.clients + k;
        const n = this.countBelow(g, below);
        if (n === 0) continue;
        const at = this.offset[g] + n - 1;
        users += n;
        weight += n * c + this.sumD[at];
        distinct += n * f0 + f1 * this.sumD[at] + f2 * this.sumD2[at];
      }
    }
    this.users = users;
    this.weight = weight;
    this.distinct = distinct;
  }
}
