// Latency = service + wait as masses on the LatencyHistogram buckets, built in O(buckets).
import { LatencyHistogram, erfc } from '../metrics/latency-histogram.ts';

const H = LatencyHistogram;
const LAST = H.bucketCount - 1;
/** Beyond ±8.5σ a normal holds < 1e-17 of its mass: below what the float64 weights register. */
const CUT_SIGMAS = 8.5;
/** Tail mass below which a shape stops; the rest is folded into its last bucket. */
const TAIL = 1e-13;

/** A latency distribution as bucket masses summing to 1: bucket `first + i` holds `masses[i]`. */
export class LatencyShape {
  constructor(
    /** Index of the first bucket with mass. */
    readonly first: number,
    /** Mass per bucket from `first` on, summing to 1. */
    readonly masses: Float64Array,
  ) {}

  /** Adds `n` requests (may be fractional) spread as this shape: one addBucket per bucket. */
  addTo(hist: LatencyHistogram, n: number): void {
    if (!(n > 0)) return;
    const m = this.masses;
    for (let i = 0; i < m.length; i++) if (m[i] > 0) hist.addBucket(this.first + i, n * m[i]);
  }

  /** Adds `n` × the masses into a plain count array indexed like the histogram (a multiply-add). */
  addToCounts(counts: Float64Array, n: number): void {
    const m = this.masses;
    const first = this.first;
    for (let i = 0; i < m.length; i++) counts[first + i] += n * m[i];
  }
}

/** Standard normal CDF from the histogram's Cody erfc: accurate in both tails. */
function phi(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}

/**
 * S + D with ln S ~ Normal(mu, sigma) (S in ms) and D uniform on [fromMs, toMs] (a wait
 * every request of the tick had; from = to is a fixed delay, 0 none). The CDF of S + D is
 * [I(x − from) − I(x − to)]/(to − from) with I(y) = ∫₀^y F_S = y·Φ(z) − e^(mu+σ²/2)·Φ(z − σ),
 * z = (ln y − mu)/σ: the lognormal's partial expectation, in closed form, so the cost is two
 * erfc per bucket edge and no sampling.
 */
export function serviceShape(mu: number, sigma: number, fromMs: number, toMs: number): LatencyShape {
  const lo = Math.exp(mu - CUT_SIGMAS * sigma) + fromMs;
  const hi = Math.exp(mu + CUT_SIGMAS * sigma) + toMs;
  const first = H.bucketIndex(lo);
  const last = H.bucketIndex(hi);
  const masses = new Float64Array(last - first + 1);
  const width = toMs - fromMs;
  const uniform = width > 1e-9 * Math.max(1, toMs);
  const mid = uniform ? 0 : (fromMs + toMs) / 2;
  const mean = Math.exp(mu + 0.5 * sigma * sigma);
  const cdfS = (y: number): number => (y > 0 && sigma > 0 ? phi((Math.log(y) - mu) / sigma) : y >= Math.exp(mu) ? 1 : 0);
  const integral = (y: number): number => {
    if (!(y > 0)) return 0;
    if (!(sigma > 0)) return Math.max(0, y - Math.exp(mu));
    const z = (Math.log(y) - mu) / sigma;
    return y * phi(z) - mean * phi(z - sigma);
  };
  const cdf = uniform ? (x: number) => (integral(x - fromMs) - integral(x - toMs)) / width : (x: number) => cdfS(x - mid);
  let prev = 0;
  for (let i = first; i < last; i++) {
    const c = Math.min(1, Math.max(prev, cdf(H.bucketUpperBound(i))));
    masses[i - first] = c - prev;
    prev = c;
  }
  masses[last - first] = 1 - prev;
  return new LatencyShape(first, masses);
}

/**
 * X + E where X has the bucket masses of `base` and E ~ Exp(mean `meanMs`) cut off at
 * `maxMs` (Infinity for none). Each bucket's mass is taken as uniform across the bucket, so
 * J_j = E[e^(−(b_j − X)/θ); X < b_j] at the upper edge b_j of bucket j obeys
 * J_j = J_(j−1)·e^(−w_j/θ) + m_j·θ(1 − e^(−w_j/θ))/w_j and P(X + E ≤ b_j) = F_X(b_j) − J_j:
 * one pass, O(buckets), for any θ. The cut-off uses memorylessness: Exp(θ) given E ≤ T is
 * [law(E) − e^(−T/θ)·law(T + E)] / (1 − e^(−T/θ)), the shifted CDF read by interpolation.
 */
export function withExponentialWait(base: LatencyShape, meanMs: number, maxMs: number): LatencyShape {
  // Cut off within 0.1% of its mean the exponential is flat; a longer mean only cancels digits.
  const theta = Math.min(meanMs, 1000 * maxMs);
  const baseLast = base.first + base.masses.length - 1;
  // Pass 1: the CDF of X + E at every upper edge from base.first until the tail is negligible.
  const cdf: number[] = [];
  let fx = 0;
  let j = 0;
  for (let i = base.first; i <= LAST; i++) {
    const m = i <= baseLast ? base.masses[i - base.first] : 0;
    const w = H.bucketUpperBound(i) - H.bucketLowerBound(i);
    const decay = Number.isFinite(w) ? Math.exp(-w / theta) : 0;
    const g = Number.isFinite(w) && w > 0 ? (theta * -Math.expm1(-w / theta)) / w : 0;
    j = j * decay + m * g;
    fx += m;
    cdf.push(fx - j);
    // Past the base, E alone remains: stop once its tail is negligible or past the cut-off.
    if (i >= baseLast && (j < TAIL || H.bucketUpperBound(i) >= H.bucketUpperBound(baseLast) + maxMs)) break;
  }
  const first = base.first;
  let values = cdf;
  const cut = maxMs / theta;
  if (cut < 40) {
    // Truncated: G(x) = [F(x) − e^(−T/θ) F(x − T)] / (1 − e^(−T/θ)), F read between edges.
    const tail = Math.exp(-cut);
    const norm = -Math.expm1(-cut);
    const at = (x: number): number => interpolateCdf(cdf, first, x);
    values = cdf.map((f, k) => (f - tail * at(H.bucketUpperBound(first + k) - maxMs)) / norm);
  }
  const masses = new Float64Array(values.length);
  let prev = 0;
  for (let k = 0; k < values.length - 1; k++) {
    const c = Math.min(1, Math.max(prev, values[k]));
    masses[k] = c - prev;
    prev = c;
  }
  masses[values.length - 1] = 1 - prev;
  return new LatencyShape(first, masses);
}

/** CDF at x from values at the upper edges of buckets first…, linear within a bucket. */
function interpolateCdf(cdf: number[], first: number, x: number): number {
  if (!(x > H.bucketLowerBound(first))) return 0;
  const i = H.bucketIndex(x);
  const k = i - first;
  if (k >= cdf.length) return cdf[cdf.length - 1];
  const below = k > 0 ? cdf[k - 1] : 0;
  const lo = H.bucketLowerBound(i);
  const hi = H.bucketUpperBound(i);
  return Number.isFinite(hi) ? below + ((cdf[k] - below) * (x - lo)) / (hi - lo) : below;
}
