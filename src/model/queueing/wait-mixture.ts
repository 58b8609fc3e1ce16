// The waits of one tick's served requests, as a small mixture that the shape cache can draw.
import type { QueueState } from './steady-state.ts';

/** Most components a tick needs: two phases of the tick × two states each × (waits or not). */
const CAPACITY = 8;

/**
 * A mixture of waits, each component a fixed part, uniform on [fixedFrom, fixedTo] (the
 * fluid backlog ahead of a request: the same for every request at one instant, so uniform
 * over a tick while it drains linearly), plus an optional exponential part with mean
 * `expMean` cut off at `expMax` (the stationary queue's own fluctuation). Seconds throughout.
 * Held in typed arrays and reused tick after tick: no allocation.
 */
export class WaitMixture {
  /** Components in use. */
  size = 0;
  /** Fraction of the served requests in each component; they sum to 1 (less skipped crumbs). */
  readonly weight = new Float64Array(CAPACITY);
  /** Lower end of the fixed wait, seconds. */
  readonly fixedFrom = new Float64Array(CAPACITY);
  /** Upper end of the fixed wait, seconds (= fixedFrom for a constant, 0 for none). */
  readonly fixedTo = new Float64Array(CAPACITY);
  /** Mean of the exponential wait, seconds; 0 for none. */
  readonly expMean = new Float64Array(CAPACITY);
  /** Cut-off of the exponential wait, seconds (Infinity for none). */
  readonly expMax = new Float64Array(CAPACITY);

  clear(): void {
    this.size = 0;
  }

  /**
   * Adds a component. Weights below 1e-9 are skipped: a billionth of the requests moves no
   * percentile, and each distinct component would cost the shape cache a shape. A ninth
   * component throws.
   */
  push(weight: number, fixedFrom: number, fixedTo: number, expMean: number, expMax: number): void {
    if (!(weight > 1e-9)) return;
    const i = this.size;
    if (i === CAPACITY) throw new RangeError(`WaitMixture holds at most ${CAPACITY} components`);
    this.weight[i] = weight;
    this.fixedFrom[i] = fixedFrom;
    this.fixedTo[i] = fixedTo;
    this.expMean[i] = expMean;
    this.expMax[i] = expMax;
    this.size = i + 1;
  }

  /**
   * Adds the waits of a steady-state queue for a `share` of the requests, with a fixed wait
   * uniform on [from, to] seconds (the fluid backlog ahead) on top of each.
   */
  pushQueueState(state: QueueState, share: number, from: number, to: number): void {
    if (!(share > 0)) return;
    this.push(share * (1 - state.probWait), from, to, 0, Infinity);
    if (state.waitLaw === 'uniform') this.push(share * state.probWait, from + state.waitScale, to + state.maxWait, 0, Infinity);
    else this.push(share * state.probWait, from, to, state.waitScale, state.maxWait);
  }

  /** Mean wait over the mixture, seconds. */
  get mean(): number {
    let m = 0;
    for (let i = 0; i < this.size; i++) {
      const theta = this.expMean[i];
      const cut = this.expMax[i] / theta;
      const expPart = theta > 0 ? (cut > 700 ? theta : theta - this.expMax[i] / Math.expm1(cut)) : 0;
      m += this.weight[i] * ((this.fixedFrom[i] + this.fixedTo[i]) / 2 + expPart);
    }
    return m;
  }
}
