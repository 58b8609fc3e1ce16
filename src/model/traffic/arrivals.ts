// Request arrivals for request fidelity: a non-homogeneous Poisson process over a rate curve,
// sampled by thinning against a bound that is refreshed window by window.
import type { RandomStream } from '../../engine/random-stream.ts';
import { exponential } from '../../engine/distributions/exponential.ts';
import type { RateCurve } from './rate-curve.ts';

/**
 * Windows per diurnal cycle at least: within one, the rate moves by at most
 * mean·a·2π/256, so ≤ 2.5 % of the mean is spent on candidates that are thrown away.
 */
const WINDOWS_PER_CYCLE = 256;

export interface ArrivalOptions {
  /**
   * Longest window over which one bound serves, seconds; default 1 s (shorter for a
   * diurnal curve whose period is under 256 s). Flat pieces are one window however long.
   */
  window?: number;
}

/**
 * Arrival times of requests whose rate follows a RateCurve.
 *
 * Thinning (P. A. W. Lewis and G. S. Shedler, "Simulation of nonhomogeneous Poisson
 * processes by thinning", Naval Research Logistics Quarterly 26 (1979), 403–413): propose
 * candidates from a Poisson process at a bound λ* ≥ r(t) and keep each with probability
 * r(t)/λ*. One global bound would waste most draws at a diurnal trough, so time is cut into
 * windows, each with its own exact bound (`maxRate`): a candidate that overshoots its window
 * is discarded and proposal restarts at the window's end, which memorylessness allows.
 *
 * Windows are fixed by the curve and a grid from t = 0 (a flat piece is one window; a
 * sloped piece or a diurnal curve is cut on the grid), never by where a call starts, so
 * `next(t, rng)` depends only on `t` and the stream's state: a restored stream replays.
 * Flat windows keep every candidate and spend no acceptance draw.
 */
export class ArrivalProcess {
  /** Grid step for windows that are not flat, seconds. */
  readonly window: number;
  // The window last used: [start, end) with its bound. A cache only; recomputed the same.
  private start = 0;
  private end = 0;
  private bound = 0;
  private flat = true;

  constructor(
    readonly curve: RateCurve,
    options: ArrivalOptions = {},
  ) {
    const window = Math.min(options.window ?? 1, curve.cycle / WINDOWS_PER_CYCLE);
    if (!(window > 0)) throw new RangeError(`ArrivalProcess: window must be > 0 s, got ${window}`);
    this.window = window;
  }

  /**
   * The next arrival after `t`, seconds (ties with `t` only when a gap of 0 is drawn, odds
   * ~2⁻³²). Infinity when the rate is 0 from `t` on. Stretches of rate 0 are skipped
   * without drawing. Allocates nothing.
   */
  next(t: number, rng: RandomStream): number {
    if (t !== t) throw new RangeError('ArrivalProcess.next: t is NaN');
    let now = t;
    for (;;) {
      if (!(now >= this.start && now < this.end)) this.enter(now);
      if (this.bound === 0) {
        if (this.end === Infinity) return Infinity;
        now = this.end;
        continue;
      }
      now += exponential(rng, this.bound);
      if (now >= this.end) {
        now = this.end;
        continue;
      }
      if (this.flat || rng.next() * this.bound < this.curve.rate(now)) return now;
    }
  }

  /** Makes the window holding `t` current. */
  private enter(t: number): void {
    const curve = this.curve;
    const pieceStart = curve.pieceStart(t);
    const pieceEnd = curve.pieceEnd(t);
    if (curve.isFlatAt(t)) {
      this.start = pieceStart;
      this.end = pieceEnd;
      this.bound = curve.rate(t);
      this.flat = true;
      return;
    }
    const w = this.window;
    let cell = Math.floor(t / w);
    // Rounding in t / w can land one cell off; the cell must hold t.
    if (t < cell * w) cell--;
    else if (t >= (cell + 1) * w) cell++;
    this.start = Math.max(cell * w, pieceStart);
    this.end = Math.min((cell + 1) * w, pieceEnd);
    this.bound = curve.maxRate(this.start, this.end);
    this.flat = false;
  }
}
