// Streaming latency histogram: fixed log-linear buckets (after HdrHistogram), no allocation, no RNG.

/**
 * Linear sub-buckets per power of two. With 64, a bucket's width is 1/64 to 1/128 of its lower
 * bound: relative resolution 0.78–1.56 %, so any reported value is within 1.56 % of the truth.
 */
const SUB_BUCKET_BITS = 6;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
/** 2^-7 ms = 7.8 µs. Powers of two at both ends let the index come straight from the exponent bits. */
const LOWEST_EXPONENT = -7;
/** 2^20 ms ≈ 17.5 minutes, the first power of two above 10 minutes. */
const HIGHEST_EXPONENT = 20;
const LOWEST_MS = 2 ** LOWEST_EXPONENT;
const HIGHEST_MS = 2 ** HIGHEST_EXPONENT;
/** Underflow bucket, 27 octaves × 64 sub-buckets, overflow bucket. */
const BUCKET_COUNT = (HIGHEST_EXPONENT - LOWEST_EXPONENT) * SUB_BUCKETS + 2;
const OVERFLOW = BUCKET_COUNT - 1;

/** Bucket i spans [BOUNDS[i], BOUNDS[i + 1]); exact binary fractions, matching the bit-derived index. */
const BOUNDS = new Float64Array(BUCKET_COUNT + 1);
/** ln of each bound, so addLognormal needs no Math.log per bucket. */
const LN_BOUNDS = new Float64Array(BUCKET_COUNT + 1);
BOUNDS[0] = 0;
for (let e = LOWEST_EXPONENT, i = 1; e < HIGHEST_EXPONENT; e++) {
  for (let s = 0; s < SUB_BUCKETS; s++, i++) BOUNDS[i] = 2 ** e * (1 + s / SUB_BUCKETS);
}
BOUNDS[OVERFLOW] = HIGHEST_MS;
BOUNDS[BUCKET_COUNT] = Infinity;
for (let i = 0; i <= BUCKET_COUNT; i++) LN_BOUNDS[i] = Math.log(BOUNDS[i]);
/** Each bucket's geometric midpoint (2^-8 ms for bucket 0, 2^20 ms for overflow): what addBucket adds to the sum. */
const MIDS = new Float64Array(BUCKET_COUNT);
for (let i = 0; i < BUCKET_COUNT; i++) {
  MIDS[i] = i === 0 ? LOWEST_MS / 2 : i === OVERFLOW ? HIGHEST_MS : Math.sqrt(BOUNDS[i] * BOUNDS[i + 1]);
}

// One shared scratch word for reading a float's bits: record() allocates nothing. The high 32 bits
// hold sign, 11-bit exponent and the top 20 mantissa bits; which half is "high" depends on endianness.
const SCRATCH = new Float64Array(1);
const SCRATCH_WORDS = new Uint32Array(SCRATCH.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The bucket of `valueMs`: 0 below 2^-7 ms (and for 0, negatives, NaN), the last from 2^20 ms on. */
function bucketIndex(valueMs: number): number {
  if (!(valueMs >= LOWEST_MS)) return 0;
  if (valueMs >= HIGHEST_MS) return OVERFLOW;
  SCRATCH[0] = valueMs;
  const high = SCRATCH_WORDS[HIGH_WORD];
  const octave = (high >>> 20) - 1023 - LOWEST_EXPONENT;
  const sub = (high >>> (20 - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
  return 1 + (octave << SUB_BUCKET_BITS) + sub;
}

/** Beyond ±9σ a normal holds under 2e-19 of its mass, below what a float64 count can register. */
const LOGNORMAL_CUT_SIGMAS = 9;

/**
 * Counts of latencies in milliseconds, in 1730 log-linear buckets shared by every histogram:
 * bucket 0 takes [0, 2^-7 ms), then 64 equal sub-buckets per power of two up to 2^20 ms
 * (≈ 17.5 min, covering 0.01 ms … 10 min at 0.78–1.56 % relative width), then one overflow
 * bucket for values ≥ 2^20 ms. Counts are float64, so weighted (fractional) counts work.
 * Because the layout is fixed, histograms for different windows and versions merge by addition.
 */
export class LatencyHistogram {
  /** Number of buckets, underflow and overflow included (1730). */
  static readonly bucketCount = BUCKET_COUNT;
  /** Lower edge of the first regular bucket, ms (2^-7). Smaller values land in bucket 0. */
  static readonly lowestMs = LOWEST_MS;
  /** Upper edge of the last regular bucket, ms (2^20). Values at or above it are overflow. */
  static readonly highestMs = HIGHEST_MS;
  /** Widest bucket relative to its lower edge (1/64): the worst-case relative error of a quantile. */
  static readonly relativeResolution = 1 / SUB_BUCKETS;

  /** Bucket index for a value in ms; O(1) from the float's exponent and top mantissa bits. */
  static bucketIndex(valueMs: number): number {
    return bucketIndex(valueMs);
  }

  /** Inclusive lower edge of bucket `i`, ms (0 for the underflow bucket). */
  static bucketLowerBound(i: number): number {
    return BOUNDS[i];
  }

  /** Exclusive upper edge of bucket `i`, ms (Infinity for the overflow bucket). */
  static bucketUpperBound(i: number): number {
    return BOUNDS[i + 1];
  }

  /** Weight per bucket, indexed like `bucketLowerBound`. Read-only by convention. */
  readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sumMs = 0;
  /**
   * The occupied bucket range [lo, hi] (lo > hi when empty): a latency distribution covers a
   * few hundred of the 1730 buckets, and quantile, merge and reset need only visit those.
   */
  private lo = BUCKET_COUNT;
  private hi = -1;
  private minMs = Infinity;
  private maxMs = -Infinity;

  /** Total weight recorded (a request count when every weight is 1). */
  get count(): number {
    return this.total;
  }

  /** Weighted sum of recorded values, ms. */
  get sum(): number {
    return this.sumMs;
  }

  /** Weighted mean, ms; NaN when empty. */
  get mean(): number {
    return this.total > 0 ? this.sumMs / this.total : NaN;
  }

  /** Smallest recorded value, ms (a bound, not a draw, after addBucket/addLognormal); NaN if empty. */
  get min(): number {
    return this.total > 0 ? this.minMs : NaN;
  }

  /** Largest recorded value, ms (a bound, not a draw, after addBucket/addLognormal); NaN if empty. */
  get max(): number {
    return this.total > 0 ? this.maxMs : NaN;
  }

  /** Weight of values at or above 2^20 ms (≈ 17.5 min), held in the last bucket. */
  get overflowCount(): number {
    return this.counts[OVERFLOW];
  }

  /**
   * Records one latency in ms. Negative values and NaN are recorded as 0 (bucket 0, and 0 in
   * sum/min/max): a latency cannot be negative, and one bad value must not poison the mean.
   */
  record(valueMs: number): void {
    const v = valueMs > 0 ? valueMs : 0;
    const i = bucketIndex(v);
    this.counts[i] += 1;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.total += 1;
    this.sumMs += v;
    if (v < this.minMs) this.minMs = v;
    if (v > this.maxMs) this.maxMs = v;
  }

  /** Records `valueMs` with weight `n` (may be fractional). Weights ≤ 0 or NaN are ignored. */
  recordN(valueMs: number, n: number): void {
    if (!(n > 0)) return;
    const v = valueMs > 0 ? valueMs : 0;
    const i = bucketIndex(v);
    this.counts[i] += n;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.total += n;
    this.sumMs += v * n;
    if (v < this.minMs) this.minMs = v;
    if (v > this.maxMs) this.maxMs = v;
  }

  /**
   * Adds weight `n` to bucket `i` as a whole, for precomputed distributions. The sum grows by
   * n × the bucket's geometric midpoint (2^-8 ms for bucket 0, 2^20 ms for overflow), and
   * min/max widen to the bucket's edges (2^20 ms for overflow). Weights ≤ 0 are ignored.
   */
  addBucket(i: number, n: number): void {
    if (!(n > 0)) return;
    const lower = BOUNDS[i];
    const upper = i === OVERFLOW ? HIGHEST_MS : BOUNDS[i + 1];
    const mid = MIDS[i];
    this.counts[i] += n;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.total += n;
    this.sumMs += mid * n;
    if (lower < this.minMs) this.minMs = lower;
    if (upper > this.maxMs) this.maxMs = upper;
  }

  /**
   * Adds a whole array of bucket weights (indexed like this histogram's buckets) over
   * [lo, hi], as `addBucket` would one by one, in one pass: how a latency mix is flushed.
   */
  addCounts(weights: Float64Array, lo: number, hi: number): void {
    if (hi < lo) return;
    const counts = this.counts;
    let total = 0;
    let sum = 0;
    let first = -1;
    let last = -1;
    for (let i = lo; i <= hi; i++) {
      const n = weights[i];
      if (!(n > 0)) continue;
      counts[i] += n;
      total += n;
      sum += n * MIDS[i];
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) return;
    this.total += total;
    this.sumMs += sum;
    if (first < this.lo) this.lo = first;
    if (last > this.hi) this.hi = last;
    if (BOUNDS[first] < this.minMs) this.minMs = BOUNDS[first];
    const upper = last === OVERFLOW ? HIGHEST_MS : BOUNDS[last + 1];
    if (upper > this.maxMs) this.maxMs = upper;
  }

  /**
   * Adds weight `n` spread as a lognormal: ln(latency in ms) ~ Normal(mu, sigma). Each bucket
   * gains n × (CDF(upper) − CDF(lower)), with Cody's erfc, so tails are right to ~1e-15 relative.
   * The mass beyond ±9σ (< 2e-19) is folded into the outermost buckets, so the weights add up to n.
   * The sum grows by the exact mean n·e^(mu + sigma²/2); min/max widen to e^(mu ∓ 9 sigma).
   * O(buckets within ±9σ). sigma ≤ 0 records n at e^mu.
   */
  addLognormal(mu: number, sigma: number, n: number): void {
    if (!(n > 0)) return;
    if (!(sigma > 0)) {
      this.recordN(Math.exp(mu), n);
      return;
    }
    const lo = Math.exp(mu - LOGNORMAL_CUT_SIGMAS * sigma);
    const hi = Math.exp(mu + LOGNORMAL_CUT_SIGMAS * sigma);
    const first = bucketIndex(lo);
    const last = bucketIndex(hi);
    // Differences of whichever tail is small at that edge: 1 − Φ would cancel in the upper tail.
    let prevCdf = 0;
    let prevSf = 1;
    for (let i = first; i < last; i++) {
      const z = (LN_BOUNDS[i + 1] - mu) / sigma;
      const tail = 0.5 * erfc(Math.abs(z) * Math.SQRT1_2);
      const cdf = z < 0 ? tail : 1 - tail;
      const sf = z < 0 ? 1 - tail : tail;
      this.counts[i] += n * (z <= 0 ? cdf - prevCdf : prevSf - sf);
      prevCdf = cdf;
      prevSf = sf;
    }
    this.counts[last] += n * prevSf;
    if (first < this.lo) this.lo = first;
    if (last > this.hi) this.hi = last;
    this.total += n;
    this.sumMs += n * Math.exp(mu + 0.5 * sigma * sigma);
    if (lo < this.minMs) this.minMs = lo;
    if (hi > this.maxMs) this.maxMs = hi;
  }

  /**
   * The value in ms at quantile `q` (fraction 0–1; clamped), NaN when empty. Finds the bucket
   * holding rank q × count, then interpolates by rank within it, linearly in log space between
   * its edges (clamped to min/max, linearly in value for bucket 0). So q = 0 and q = 1 give min
   * and max exactly, any result is within one bucket (≤ 1.56 %) of the true quantile, and on a
   * smooth distribution the interpolation is far closer than that. O(buckets).
   */
  quantile(q: number): number {
    if (!(this.total > 0) || Number.isNaN(q)) return NaN;
    const rank = (q <= 0 ? 0 : q >= 1 ? 1 : q) * this.total;
    const counts = this.counts;
    let below = 0;
    for (let i = this.lo; i <= this.hi; i++) {
      const c = counts[i];
      if (c > 0 && below + c >= rank) {
        const a = BOUNDS[i] > this.minMs ? BOUNDS[i] : this.minMs;
        const b = BOUNDS[i + 1] < this.maxMs ? BOUNDS[i + 1] : this.maxMs;
        if (rank <= below || b <= a) return a;
        const frac = (rank - below) / c;
        // Ends returned as they are: a·(b/a)^1 can miss b by an ulp, and q = 1 must give max.
        if (frac >= 1) return b;
        return a > 0 ? a * Math.pow(b / a, frac) : a + (b - a) * frac;
      }
      below += c;
    }
    // Summing fractional weights bucket by bucket can fall a few ulps short of `total`.
    return this.maxMs;
  }

  /** Empties the histogram. */
  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = BUCKET_COUNT;
    this.hi = -1;
    this.total = 0;
    this.sumMs = 0;
    this.minMs = Infinity;
    this.maxMs = -Infinity;
  }

  /** Adds every count of `other` into this one (merging windows or versions). O(buckets). */
  addFrom(other: LatencyHistogram): void {
    const counts = this.counts;
    const from = other.counts;
    for (let i = other.lo; i <= other.hi; i++) counts[i] += from[i];
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    this.total += other.total;
    this.sumMs += other.sumMs;
    if (other.minMs < this.minMs) this.minMs = other.minMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  /** Makes this histogram an exact copy of `other`. */
  copyFrom(other: LatencyHistogram): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    if (other.hi >= other.lo) this.counts.set(other.counts.subarray(other.lo, other.hi + 1), other.lo);
    this.lo = other.lo;
    this.hi = other.hi;
    this.total = other.total;
    this.sumMs = other.sumMs;
    this.minMs = other.minMs;
    this.maxMs = other.maxMs;
  }
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
// 631–639; coefficients as in Netlib SPECFUN CALERF. Relative error ~1e-15 including far tails,
// where Abramowitz–Stegun 7.1.26 (absolute error 1.5e-7) says nothing about a p99.99 bucket.
const SQRPI = 5.6418958354775628695e-1; // 1/√π

/** Complementary error function erfc(x) = 1 − erf(x), accurate to ~1e-15 relative for all x. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) {
    // erf by a rational function of x²; 1 − erf loses nothing here since erf ≤ 0.5.
    const t = y > 1.11e-16 ? y * y : 0;
    const num = (((1.85777706184603153e-1 * t + 3.16112374387056560e0) * t +
      1.13864154151050156e2) * t + 3.77485237685302021e2) * t + 3.20937758913846947e3;
    const den = (((t + 2.36012909523441209e1) * t + 2.44024637934444173e2) * t +
      1.28261652607737228e3) * t + 2.84423683343917062e3;
    return 1 - (x * num) / den;
  }
  let r: number;
  if (y <= 4) {
    const num = (((((((2.15311535474403846e-8 * y + 5.64188496988670089e-1) * y +
      8.88314979438837594e0) * y + 6.61191906371416295e1) * y + 2.98635138197400131e2) * y +
      8.81952221241769090e2) * y + 1.71204761263407058e3) * y + 2.05107837782607147e3) * y +
      1.23033935479799725e3;
    const den = (((((((y + 1.57449261107098347e1) * y + 1.17693950891312499e2) * y +
      5.37181101862009858e2) * y + 1.62138957456669019e3) * y + 3.29079923573345963e3) * y +
      4.36261909014324716e3) * y + 3.43936767414372164e3) * y + 1.23033935480374942e3;
    r = num / den;
  } else if (y >= 26.543) {
    return x < 0 ? 2 : 0; // erfc underflows a float64 here
  } else {
    const t = 1 / (y * y);
    const num = ((((1.63153871373020978e-2 * t + 3.05326634961232344e-1) * t +
      3.60344899949804439e-1) * t + 1.25781726111229246e-1) * t + 1.60837851487422766e-2) * t +
      6.58749161529837803e-4;
    const den = ((((t + 2.56852019228982242e0) * t + 1.87295284992346047e0) * t +
      5.27905102951428412e-1) * t + 6.05183413124413191e-2) * t + 2.33520497626869185e-3;
    r = (SQRPI - (t * num) / den) / y;
  }
  // e^(−y²) as e^(−s²)·e^(−(y−s)(y+s)) with s = y rounded down to 1/16: s² is exact, so the
  // rounding error of y² is not amplified by the large exponent.
  const s = Math.trunc(y * 16) / 16;
  r *= Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
  return x < 0 ? 2 - r : r;
}
