// The arrival rate over time (requests/s) of a scenario's traffic, with its exact integral
// and tight upper bounds for sampling arrivals by thinning.
import type { RateCurveConfig } from '../config/traffic.ts';
import { PiecewiseRate, type RatePoint } from './piecewise-rate.ts';

const TWO_PI = 2 * Math.PI;

/** The points of a piecewise shape; jumps are two points at one time. */
function piecewisePoints(config: Exclude<RateCurveConfig, { kind: 'diurnal' }>): RatePoint[] {
  switch (config.kind) {
    case 'constant':
      return [[0, config.rps]];
    case 'steps': {
      // Nothing is said about the rate before the first step: it is 0 until then.
      const steps = config.steps.slice().sort((a, b) => a.at - b.at);
      const points: RatePoint[] = [[steps[0].at, 0]];
      let previous = 0;
      for (const { at, rps } of steps) {
        points.push([at, previous], [at, rps]);
        previous = rps;
      }
      return points;
    }
    case 'spike': {
      const { base, peak, at, duration } = config;
      return [[at, base], [at, peak], [at + duration, peak], [at + duration, base]];
    }
    case 'points':
      return config.points.map(([t, rps]): RatePoint => [t, rps]);
  }
}

/**
 * A rate curve from the scenario's `traffic.rate`. Times are seconds from the start of the
 * run, rates requests/s.
 *
 * - constant: `rps` at all times.
 * - diurnal: r(t) = mean·(1 + a·cos(2π(t − peakAt)/period)), a = (k − 1)/(k + 1), so the
 *   peak is mean·(1 + a), the trough mean·(1 − a) and peak ÷ trough = k = `peakToTrough`.
 *   A period of 0 has no shape to follow: the curve is then the mean at all times.
 * - steps: 0 before the first step, then each step's `rps` from its `at` (a later step
 *   at the same time wins).
 * - spike: `peak` on [at, at + duration), `base` elsewhere.
 * - points: linear between points, held at the first before it and the last after it.
 *
 * At a jump the rate is the value after it.
 */
export class RateCurve {
  /** Length of one cycle, seconds: the diurnal period, Infinity for the other shapes. */
  readonly cycle: number;
  private readonly piecewise: PiecewiseRate | null;
  private readonly mean: number;
  private readonly amplitude: number;
  private readonly omega: number;
  private readonly peakAt: number;

  constructor(config: RateCurveConfig) {
    this.mean = 0;
    this.amplitude = 0;
    this.omega = 0;
    this.peakAt = 0;
    this.cycle = Infinity;
    if (config.kind !== 'diurnal') {
      this.piecewise = new PiecewiseRate(piecewisePoints(config));
      return;
    }
    const k = config.peakToTrough;
    const amplitude = k === Infinity ? 1 : (k - 1) / (k + 1);
    if (config.mean === 0 || amplitude === 0 || !(config.period > 0)) {
      this.piecewise = new PiecewiseRate([[0, config.mean]]); // flat: exact and cheaper
      return;
    }
    this.piecewise = null;
    this.mean = config.mean;
    this.amplitude = amplitude;
    this.cycle = config.period;
    this.omega = TWO_PI / config.period;
    this.peakAt = config.peakAt;
  }

  /** Requests/s at `t` seconds. */
  rate(t: number): number {
    if (this.piecewise !== null) return this.piecewise.rate(t);
    return this.mean * (1 + this.amplitude * Math.cos(this.omega * (t - this.peakAt)));
  }

  /** Expected requests in [t0, t1] (seconds), in closed form; negative when t1 < t0. */
  integral(t0: number, t1: number): number {
    if (this.piecewise !== null) return this.piecewise.integral(t0, t1);
    // sin B − sin A = 2·cos((A + B)/2)·sin((B − A)/2): no cancellation for short windows.
    const w = this.omega;
    const wave = 2 * Math.cos(w * ((t0 + t1) / 2 - this.peakAt)) * Math.sin((w * (t1 - t0)) / 2);
    return this.mean * (t1 - t0 + (this.amplitude / w) * wave);
  }

  /**
   * The largest rate on [t0, t1], requests/s. Exact: a piecewise shape peaks at a piece's
   * end; a diurnal curve peaks at a daily peak if one falls inside, else at an end.
   */
  maxRate(t0: number, t1: number): number {
    if (this.piecewise !== null) return this.piecewise.maxRate(t0, t1);
    if (t1 < t0) return this.maxRate(t1, t0);
    const nextPeak = this.peakAt + Math.ceil((t0 - this.peakAt) / this.cycle) * this.cycle;
    if (nextPeak <= t1) return this.mean * (1 + this.amplitude);
    return Math.max(this.rate(t0), this.rate(t1));
  }

  /** Start of the piece holding `t`, seconds: −Infinity for a diurnal curve (one piece). */
  pieceStart(t: number): number {
    return this.piecewise === null ? -Infinity : this.piecewise.pieceStart(t);
  }

  /** End of the piece holding `t`, seconds: the next breakpoint, or Infinity. */
  pieceEnd(t: number): number {
    return this.piecewise === null ? Infinity : this.piecewise.pieceEnd(t);
  }

  /** True when the rate is constant over the whole piece holding `t`. */
  isFlatAt(t: number): boolean {
    return this.piecewise !== null && this.piecewise.isFlatAt(t);
  }
}
