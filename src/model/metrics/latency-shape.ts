// A latency distribution precomputed as masses over the histogram's fixed buckets, so the
// aggregate model adds a whole tick's latencies with one multiply-add per bucket instead of
// evaluating a CDF per bucket. Shapes are cached by quantized parameters.
import { erfc, LatencyHistogram } from './latency-histogram.ts';

const CUT_SIGMAS = 9;

export class LatencyShape {
  constructor(
    /** First bucket with mass. */
    readonly first: number,
    /** Mass per bucket from `first`, summing to 1. */
    readonly mass: Float64Array,
    readonly meanMs: number,
    readonly minMs: number,
    readonly maxMs: number,
  ) {}

  /** Latency = shiftMs + lognormal(mu, sigma) in ms: a service time after a fixed wait. */
  static lognormal(mu: number, sigma: number, shiftMs = 0): LatencyShape {
    const s = Math.max(sigma, 1e-9);
    const lo = shiftMs + Math.exp(mu - CUT_SIGMAS * s);
    const hi = shiftMs + Math.exp(mu + CUT_SIGMAS * s);
    const first = LatencyHistogram.bucketIndex(lo);
    const last = LatencyHistogram.bucketIndex(hi);
    const mass = new Float64Array(last - first + 1);
    let prevSf = 1;
    for (let i = first; i < last; i++) {
      const edge = LatencyHistogram.bucketUpperBound(i) - shiftMs;
      const sf = edge <= 0 ? 1 : survival((Math.log(edge) - mu) / s);
      mass[i - first] = prevSf - sf;
      prevSf = sf;
    }
    mass[last - first] = prevSf;
    return new LatencyShape(first, mass, shiftMs + Math.exp(mu + 0.5 * s * s), lo, hi);
  }
}

/** P(Z > z) for a standard normal, accurate in both tails. */
export function survival(z: number): number {
  return 0.5 * erfc(z * Math.SQRT1_2);
}

/** Shapes by (mu, sigma, shift) rounded to 0.5 % of latency: a few hundred at most per run. */
export class LatencyShapeCache {
  private readonly shapes = new Map<string, LatencyShape>();

  get(mu: number, sigma: number, shiftMs = 0): LatencyShape {
    const qm = Math.round(mu * 200);
    const qs = Math.round(sigma * 200);
    const qw = shiftMs <= 0 ? 0 : Math.round(Math.log1p(shiftMs) * 200);
    const key = `${qm}|${qs}|${qw}`;
    let shape = this.shapes.get(key);
    if (!shape) {
      shape = LatencyShape.lognormal(qm / 200, qs / 200, qw === 0 ? 0 : Math.expm1(qw / 200));
      this.shapes.set(key, shape);
    }
    return shape;
  }

  get size(): number {
    return this.shapes.size;
  }
}
