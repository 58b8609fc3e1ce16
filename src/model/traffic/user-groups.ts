// Users grouped by request weight and client version, each group sorted by cohort: request
// shares and expected distinct users for "cohort < f" and "client i" filters without a
// pass over every user.

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
    this.clients = clients;
    const { starts, centres } = findBands(weights);
    this.centre = Float64Array.from(centres);
    const build = new GroupBuilder(weights, cohort, client, clients, this.centre);
    // Band by band: a band is a run of users, and its groups fill exactly its run of
    // positions, so each band is sorted on its own, in cache, by a small function that the
    // JIT optimises after a few calls (one long pass would wait for on-stack replacement).
    for (let b = 0; b < centres.length; b++) build.band(b, starts[b], starts[b + 1]);
    this.offset = build.offset;
    this.cohort = build.sorted;
    this.sumD = build.sumD;
    this.sumD2 = build.sumD2;
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

/**
 * Bands of weights within 1 % of each other: band b is users [starts[b], starts[b + 1]),
 * centred on the mean of its first and last weight.
 */
function findBands(weights: Float64Array): { starts: number[]; centres: number[] } {
  const n = weights.length;
  const starts: number[] = [0];
  const centres: number[] = [];
  for (let lo = 0; lo < n; ) {
    let hi = lo + 1;
    // A band ends at a drop of over 1 %: only a rise inside one can break the order.
    for (; hi < n && weights[hi] >= weights[lo] * (1 - BAND_WIDTH); hi++) {
      if (weights[hi] > weights[hi - 1]) throw new RangeError('UserGroups: weights must not increase');
    }
    centres.push((weights[lo] + weights[hi - 1]) / 2);
    starts.push(hi);
    lo = hi;
  }
  return { starts, centres };
}

/** Fills UserGroups' arrays one band at a time. */
class GroupBuilder {
  readonly offset: Uint32Array;
  readonly sorted: Float64Array;
  readonly sumD: Float64Array;
  readonly sumD2: Float64Array;
  /** Per position: the first position of its bucket, then one past its last (see `band`). */
  private readonly next: Uint32Array;
  private readonly order: Uint32Array;

  constructor(
    private readonly weights: Float64Array,
    private readonly cohort: Float64Array,
    private readonly client: Uint16Array,
    private readonly clients: number,
    private readonly centre: Float64Array,
  ) {
    const n = weights.length;
    this.offset = new Uint32Array(centre.length * clients + 1);
    this.sorted = new Float64Array(n);
    this.sumD = new Float64Array(n);
    this.sumD2 = new Float64Array(n);
    this.next = new Uint32Array(n + 1);
    this.order = new Uint32Array(n);
  }

  /**
   * Band b, users (and positions) [lo, hi): its groups' offsets, each group sorted by
   * cohort, and the running sums. The sort is a bucket sort with one bucket per user:
   * group g's m users fall in buckets offset[g] + ⌊cohort·m⌋, as a bucket sort by cohort would, so
   * a group comes out in cohort order, ties in user order.
   */
  band(b: number, lo: number, hi: number): void {
    const { offset, next, order, cohort, client, clients } = this;
    const first = b * clients;
    offset[first] = lo;
    if (clients === 1) offset[first + 1] = hi;
    else {
      for (let k = 1; k <= clients; k++) offset[first + k] = 0;
      for (let u = lo; u < hi; u++) offset[first + client[u] + 1]++;
      for (let k = 0; k < clients; k++) offset[first + k + 1] += offset[first + k];
    }

    // next[lo] is already lo: the band before ended its buckets there (or this is band 0).
    for (let u = lo; u < hi; u++) next[bucketOf(offset, first + client[u], cohort[u]) + 1]++;
    for (let i = lo; i < hi; i++) next[i + 1] += next[i];
    for (let u = lo; u < hi; u++) order[next[bucketOf(offset, first + client[u], cohort[u])]++] = u;
    // Each bucket now ends where the next begins: insertion sort inside it (stable).
    for (let i = lo, from = lo; i < hi; i++) {
      const to = next[i];
      for (let j = from + 1; j < to; j++) {
        const u = order[j];
        const v = cohort[u];
        let k = j;
        while (k > from && cohort[order[k - 1]] > v) {
          order[k] = order[k - 1];
          k--;
        }
        order[k] = u;
      }
      from = to;
    }

    const { weights, sorted, sumD, sumD2 } = this;
    const c = this.centre[b];
    for (let g = first; g < first + clients; g++) {
      let s1 = 0;
      let s2 = 0;
      for (let j = offset[g]; j < offset[g + 1]; j++) {
        const u = order[j];
        const d = weights[u] - c;
        s1 += d;
        s2 += d * d;
        sorted[j] = cohort[u];
        sumD[j] = s1;
        sumD2[j] = s2;
      }
    }
  }
}

/** The bucket of a user with cohort `v` in group g: group g's m buckets start at offset[g]. */
function bucketOf(offset: Uint32Array, g: number, v: number): number {
  const start = offset[g];
  const m = offset[g + 1] - start;
  // Clamped, so a cohort outside [0, 1) still sorts right, only more slowly.
  return start + Math.max(0, Math.min(Math.floor(v * m), m - 1));
}
