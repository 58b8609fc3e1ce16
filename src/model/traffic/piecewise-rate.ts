// A rate that is linear between breakpoints and may jump at them: the exact form of the
// constant, steps, spike and points curves.

/** A [time, requests/s] point; several at one time make a jump (the last one holds from it). */
export type RatePoint = readonly [t: number, rps: number];

/**
 * Pieces [start[k], start[k + 1]) with rate level[k] + slope[k]·(t − start[k]). Piece 0
 * runs from −∞ and the last to +∞, both flat: the rate is held before the first point and
 * after the last. Right-continuous: at a jump, the rate is the value after it.
 */
export class PiecewiseRate {
  private readonly start: Float64Array;
  private readonly level: Float64Array;
  private readonly slope: Float64Array;
  /** ∫ rate from start[1] to start[k], requests; cumulative[0] is unused. */
  private readonly cumulative: Float64Array;
  private readonly last: number;
  // The piece of the previous lookup: arrivals ask in time order, so most lookups hit it.
  private hint = 0;

  /** @param points [seconds, requests/s] pairs, in any order (sorted stably by time); ≥ 1 */
  constructor(points: readonly RatePoint[]) {
    if (points.length === 0) throw new RangeError('PiecewiseRate: give at least one point');
    const sorted = points.slice().sort((a, b) => a[0] - b[0]);
    const start = [-Infinity];
    const level = [sorted[0][1]];
    const slope = [0];
    const push = (t: number, v: number, s: number) => {
      const k = level.length - 1;
      // A flat piece that continues a flat piece at the same level adds no breakpoint.
      if (s === 0 && slope[k] === 0 && level[k] === v) return;
      start.push(t);
      level.push(v);
      slope.push(s);
    };
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [t0, v0] = sorted[i];
      const [t1, v1] = sorted[i + 1];
      if (t1 > t0) push(t0, v0, (v1 - v0) / (t1 - t0)); // equal times: a jump, no piece
    }
    const [tn, vn] = sorted[sorted.length - 1];
    push(tn, vn, 0);

    this.start = Float64Array.from(start);
    this.level = Float64Array.from(level);
    this.slope = Float64Array.from(slope);
    this.last = start.length - 1;
    this.cumulative = new Float64Array(start.length);
    for (let k = 2; k <= this.last; k++) {
      this.cumulative[k] = this.cumulative[k - 1] + this.area(k - 1, start[k - 1], start[k]);
    }
  }

  /** The index of the piece holding `t`. */
  private pieceOf(t: number): number {
    const k = this.hint;
    if (t >= this.start[k] && (k === this.last || t < this.start[k + 1])) return k;
    let lo = 0; // start[lo] ≤ t always holds (start[0] = −∞)
    let hi = this.last + 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.start[mid] <= t) lo = mid;
      else hi = mid;
    }
    return (this.hint = lo);
  }

  private valueIn(k: number, t: number): number {
    const s = this.slope[k];
    return s === 0 ? this.level[k] : this.level[k] + s * (t - this.start[k]);
  }

  /** ∫ over [a, b] inside piece k, requests; flat pieces may be unbounded. */
  private area(k: number, a: number, b: number): number {
    const v = this.level[k];
    if (this.slope[k] === 0) return v === 0 ? 0 : v * (b - a);
    return (b - a) * 0.5 * (this.valueIn(k, a) + this.valueIn(k, b));
  }

  private endOf(k: number): number {
    return k === this.last ? Infinity : this.start[k + 1];
  }

  /** Requests/s at `t` seconds. */
  rate(t: number): number {
    return this.valueIn(this.pieceOf(t), t);
  }

  /** Expected requests in [t0, t1] (seconds); negative when t1 < t0. */
  integral(t0: number, t1: number): number {
    if (t1 < t0) return -this.integral(t1, t0);
    const i = this.pieceOf(t0);
    const j = this.pieceOf(t1);
    if (i === j) return this.area(i, t0, t1);
    // The whole pieces between come from the running sums (i + 1 ≥ 1, so both are defined).
    const middle = j > i + 1 ? this.cumulative[j] - this.cumulative[i + 1] : 0;
    return this.area(i, t0, this.endOf(i)) + middle + this.area(j, this.start[j], t1);
  }

  /** The largest rate on [t0, t1], requests/s: exact, since each piece peaks at an end. */
  maxRate(t0: number, t1: number): number {
    if (t1 < t0) return this.maxRate(t1, t0);
    const i = this.pieceOf(t0);
    const j = this.pieceOf(t1);
    let max = Math.max(this.valueIn(i, t0), this.valueIn(j, t1));
    if (j > i) max = Math.max(max, this.valueIn(j, this.start[j]));
    // A piece's end value is the supremum from the left, reached at its end breakpoint.
    for (let k = i; k < j; k++) {
      max = Math.max(max, this.valueIn(k, this.start[k + 1]));
      if (k > i) max = Math.max(max, this.valueIn(k, this.start[k]));
    }
    return max;
  }

  /** The start of the piece holding `t`, seconds (−Infinity before the first breakpoint). */
  pieceStart(t: number): number {
    return this.start[this.pieceOf(t)];
  }

  /** The end of the piece holding `t`, seconds (Infinity after the last breakpoint). */
  pieceEnd(t: number): number {
    return this.endOf(this.pieceOf(t));
  }

  /** True when the rate is constant over the whole piece holding `t`. */
  isFlatAt(t: number): boolean {
    return this.slope[this.pieceOf(t)] === 0;
  }
}
