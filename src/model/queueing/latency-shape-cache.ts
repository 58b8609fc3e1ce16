// Latency shapes (service + wait) built once per quantized parameter set and reused every tick.
import { LatencyHistogram } from '../metrics/latency-histogram.ts';
import { LatencyShape, serviceShape, withExponentialWait } from './latency-shape.ts';
import type { LatencyMix } from './latency-mix.ts';
import type { WaitMixture } from './wait-mixture.ts';

/** Parameters are rounded to 2^(1/256) (0.27%), far inside a histogram bucket (0.78–1.56%). */
const STEPS_PER_OCTAVE = 256;
/** Waits below 1 µs are no wait. */
const NEGLIGIBLE_MS = 1e-3;

function code(x: number): number {
  return x > NEGLIGIBLE_MS && Number.isFinite(x) ? Math.round(Math.log2(x) * STEPS_PER_OCTAVE) : x === Infinity ? 1e9 : -1e9;
}

function decode(c: number): number {
  return c === 1e9 ? Infinity : c === -1e9 ? 0 : 2 ** (c / STEPS_PER_OCTAVE);
}

/**
 * Shapes of "lognormal service + wait" on the LatencyHistogram buckets, keyed by quantized
 * parameters: ln(service ms) ~ Normal(mu, sigma); a fixed wait uniform on [from, to] ms; an
 * exponential wait of mean θ ms cut off at T ms. A shape is built once (serviceShape ≈ 80 µs,
 * the exponential convolution ≈ 30 µs, ≈ 120 µs with a cut-off) and is a pure function of its
 * key, so results do not depend on what the cache holds. When full, the oldest shape goes.
 */
export class LatencyShapeCache {
  private readonly shapes = new Map<string, LatencyShape>();

  /** @param maxShapes shapes kept at once (each ≈ 8–16 KB); default 512 */
  constructor(readonly maxShapes = 512) {}

  /** Shapes held now. */
  get size(): number {
    return this.shapes.size;
  }

  /**
   * The shape of S + D + E: ln(S/ms) ~ Normal(mu, sigma), D uniform on [fixedFromMs,
   * fixedToMs] (equal for a constant, 0 for none), E ~ Exp(mean expMeanMs) given E ≤
   * expMaxMs (expMeanMs 0 for none).
   */
  shape(mu: number, sigma: number, fixedFromMs = 0, fixedToMs = 0, expMeanMs = 0, expMaxMs = Infinity): LatencyShape {
    if (expMeanMs > 0 && expMaxMs < 1e-3 * expMeanMs) {
      // Cut off long before it decays, the exponential is flat: a uniform wait on [0, max].
      fixedToMs += expMaxMs;
      expMeanMs = 0;
    }
    const m = Math.round(mu * 1024);
    const s = code(sigma);
    const from = code(fixedFromMs);
    const to = Math.max(from, code(fixedToMs));
    const theta = code(expMeanMs);
    const cut = theta === -1e9 ? 1e9 : code(expMaxMs);
    const key = `${m},${s},${from},${to},${theta},${cut}`;
    let shape = this.shapes.get(key);
    if (shape) return shape;
    const baseKey = `${m},${s},${from},${to}`;
    let base = this.shapes.get(baseKey);
    if (!base) {
      base = serviceShape(m / 1024, s === -1e9 ? 0 : decode(s), decode(from), decode(to));
      this.remember(baseKey, base);
    }
    if (theta === -1e9 || cut === -1e9) return base;
    shape = withExponentialWait(base, decode(theta), decode(cut));
    this.remember(key, shape);
    return shape;
  }

  /**
   * Adds `n` served requests whose service is lognormal (mu, sigma of ln ms) and of which a
   * share `probWait` (0–1) waited Exp(mean `meanWaitMs`) cut off at `maxWaitMs`.
   */
  addServed(
    target: LatencyHistogram | LatencyMix,
    n: number,
    mu: number,
    sigma: number,
    probWait: number,
    meanWaitMs: number,
    maxWaitMs = Infinity,
  ): void {
    const p = meanWaitMs > NEGLIGIBLE_MS ? Math.min(1, Math.max(0, probWait)) : 0;
    add(target, this.shape(mu, sigma), n * (1 - p));
    if (p > 0) add(target, this.shape(mu, sigma, 0, 0, meanWaitMs, maxWaitMs), n * p);
  }

  /** Adds `n` served requests with lognormal service (mu, sigma of ln ms) and the waits of `waits` (seconds). */
  addMixture(target: LatencyHistogram | LatencyMix, n: number, mu: number, sigma: number, waits: WaitMixture): void {
    for (let i = 0; i < waits.size; i++) {
      const shape = this.shape(mu, sigma, waits.fixedFrom[i] * 1000, waits.fixedTo[i] * 1000, waits.expMean[i] * 1000, waits.expMax[i] * 1000);
      add(target, shape, n * waits.weight[i]);
    }
  }

  private remember(key: string, shape: LatencyShape): void {
    if (this.shapes.size >= this.maxShapes) this.shapes.delete(this.shapes.keys().next().value!);
    this.shapes.set(key, shape);
  }
}

function add(target: LatencyHistogram | LatencyMix, shape: LatencyShape, n: number): void {
  if (!(n > 0)) return;
  if (target instanceof LatencyHistogram) shape.addTo(target, n);
  else target.add(shape, n);
}
