// Latency shapes (service + wait) built once per quantized parameter set and reused every tick.
import { LatencyHistogram } from '../metrics/latency-histogram.ts';
import { LatencyShape, serviceShape, withExponentialWait } from './latency-shape.ts';
import type { LatencyMix } from './latency-mix.ts';
import type { WaitMixture } from './wait-mixture.ts';

/**
 * Waits are rounded to steps of 1/256 of the service median below it and 2^(1/256) (0.27%)
 * above, so an error is at most ~0.2% of the latency it adds to: far inside a histogram
 * bucket (0.78–1.56%), while a pool whose load drifts tick by tick reuses a few hundred shapes.
 */
const STEPS = 256;
/** Codes are 12-bit: 0 for no wait, 4095 for no cut-off (waits up to 2^15 medians). */
const NONE = 0;
const FOREVER = 4095;
const CODES = 4096;

/** The grid code of a wait of `ms` next to a service median of `median` ms. */
function code(ms: number, median: number): number {
  if (ms === Infinity) return FOREVER;
  if (!(ms > 0)) return NONE;
  const r = ms / median;
  return Math.min(FOREVER - 1, r <= 1 ? Math.round(r * STEPS) : STEPS + Math.round(Math.log2(r) * STEPS));
}

function decode(c: number, median: number): number {
  if (c === FOREVER) return Infinity;
  if (c <= 0) return 0;
  return c <= STEPS ? (c / STEPS) * median : median * 2 ** ((c - STEPS) / STEPS);
}

/**
 * Shapes of "lognormal service + wait" on the LatencyHistogram buckets, keyed by quantized
 * parameters: ln(service ms) ~ Normal(mu, sigma) (mu to 1/1024, sigma to 0.27%); a fixed wait
 * uniform on [from, to] ms; an exponential wait of mean θ ms cut off at T ms (waits on the
 * grid above). A shape is built once (service ≈ 65 µs, then + exponential wait ≈ 15 µs,
 * ≈ 22 µs with a cut-off: `npm run bench -- queueing`) and is a pure function of its key, so
 * results do not depend on what the cache holds. When full, the cache starts over.
 */
export class LatencyShapeCache {
  // Keyed by the service (mu, sigma codes) and then by the four wait codes packed in 48 bits.
  private readonly byService = new Map<number, Map<number, LatencyShape>>();
  private count = 0;

  /** @param maxShapes shapes kept at once (each ≈ 8–16 KB); when full the cache starts over. Default 512. */
  constructor(readonly maxShapes = 512) {}

  /** Shapes held now. */
  get size(): number {
    return this.count;
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
    const s = sigma > 0 ? Math.round(Math.log2(sigma) * STEPS) : -CODES;
    const muQ = m / 1024;
    const median = Math.exp(muQ);
    const from = code(fixedFromMs, median);
    const to = Math.max(from, code(fixedToMs, median));
    const theta = code(expMeanMs, median);
    const cut = theta === NONE ? FOREVER : code(expMaxMs, median);
    const serviceKey = m * 2 * CODES + s;
    let shapes = this.byService.get(serviceKey);
    if (!shapes) {
      shapes = new Map();
      this.byService.set(serviceKey, shapes);
    }
    const key = ((from * CODES + to) * CODES + theta) * CODES + cut;
    let shape = shapes.get(key);
    if (shape) return shape;
    if (theta === NONE || cut === NONE) {
      shape = serviceShape(muQ, s === -CODES ? 0 : 2 ** (s / STEPS), decode(from, median), decode(to, median));
    } else {
      const base = this.shape(muQ, sigma, fixedFromMs, fixedToMs);
      shape = withExponentialWait(base, decode(theta, median), decode(cut, median));
    }
    if (this.count >= this.maxShapes) {
      this.byService.clear();
      this.byService.set(serviceKey, shapes);
      shapes.clear();
      this.count = 0;
    }
    shapes.set(key, shape);
    this.count++;
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
    const p = meanWaitMs > 0 && probWait > 1e-9 ? Math.min(1, probWait) : 0;
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
}

function add(target: LatencyHistogram | LatencyMix, shape: LatencyShape, n: number): void {
  if (!(n > 0)) return;
  if (target instanceof LatencyHistogram) shape.addTo(target, n);
  else target.add(shape, n);
}
