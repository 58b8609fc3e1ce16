// A fixed discrete distribution over indices 0…n−1: pick one in O(1) by Vose's alias method.
import type { RandomStream } from '../random-stream.ts';

const MAX_ITEMS = 2 ** 20;

/**
 * Picks index i with probability weights[i] / Σ weights. Build once (O(n)), pick many
 * times; each pick is one draw from `rng`, two array reads and no allocation.
 *
 * Alias method: M. D. Vose, "A linear algorithm for generating random numbers with a
 * given distribution", IEEE Trans. Software Eng. 17(9) (1991), 972–975. Column i is kept
 * with probability prob[i], else its alias is returned. One uniform serves both choices:
 * its integer part picks the column and its fraction is the coin, which leaves the coin
 * 32 − log₂ n bits of resolution: 20 bits for 4,096 items, 12 at the limit of 2²⁰.
 *
 * Items of weight 0 are never picked: their column keeps probability 0, and an alias is
 * always an item that was on the "large" list, which a zero weight never joins.
 *
 * @example
 * const route = new WeightedChoice([90, 10]); // stable, canary
 * const i = route.pick(streams(seed).get('routing'));
 */
export class WeightedChoice {
  /** Number of items, including those of weight 0. */
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Uint32Array;

  /**
   * @param weights relative weights, finite and ≥ 0, at least one > 0; any scale
   *   (percentages, requests/s, counts)
   * @throws RangeError on an empty list, more than 2²⁰ items, a negative, NaN or infinite
   *   weight, or all zeros
   */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) {
      throw new RangeError('WeightedChoice: weights is empty; give at least one weight > 0');
    }
    if (n > MAX_ITEMS) {
      // Past this the coin gets coarse, and from 2²¹ next()·n can round up to n itself.
      throw new RangeError(`WeightedChoice: ${n} weights is more than the ${MAX_ITEMS} supported`);
    }
    let total = 0;
    let heaviest = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || w === Infinity) {
        throw new RangeError(
          `WeightedChoice: weights[${i}] is ${w}; weights must be finite numbers ≥ 0`,
        );
      }
      total += w;
      if (w > weights[heaviest]) heaviest = i;
    }
    if (total === 0) {
      throw new RangeError('WeightedChoice: all weights are 0; at least one must be > 0');
    }
    if (total === Infinity) {
      throw new RangeError('WeightedChoice: the weights sum to Infinity; scale them down');
    }

    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Uint32Array(n);
    // Scaled so the average column holds exactly 1.
    const scaled = new Float64Array(n);
    const small = new Uint32Array(n);
    const large = new Uint32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] / total) * n;
      if (scaled[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns];
      const l = large[--nl];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      // Top up column s from l. (a + b) − 1 loses less to rounding than a − (1 − b)
      // (K. Schwarz, "Darts, Dice, and Coins: Sampling from a Discrete Distribution").
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    // What is left holds ≈ 1 each, short only by rounding: keep those columns whole.
    while (nl > 0) {
      const l = large[--nl];
      this.prob[l] = 1;
      this.alias[l] = l;
    }
    while (ns > 0) {
      const s = small[--ns];
      // A zero weight cannot be left over: the columns left hold ≈ 1 each on average, so
      // with one at 0 another would be ≥ 1 + 1/n and on the large list. Should rounding
      // ever say otherwise, the column goes to the heaviest item, never to itself.
      this.prob[s] = weights[s] > 0 ? 1 : 0;
      this.alias[s] = heaviest;
    }
  }

  /** An index in 0…size−1, drawn with probability proportional to its weight. */
  pick(rng: RandomStream): number {
    const x = rng.next() * this.size;
    const i = Math.floor(x);
    return x - i < this.prob[i] ? i : this.alias[i];
  }

  /**
   * Fills `out` with picks, the same as `out.length` calls of `pick` in order: the uniforms
   * come from `rng.fill` a block at a time. For a one-off mass draw (a client version for
   * each of 10⁶ users), where a call per pick in code the JIT has not optimised yet dominates.
   */
  pickInto(out: Uint16Array, rng: RandomStream): void {
    const block = new Float64Array(Math.min(out.length, 4096));
    for (let start = 0; start < out.length; start += block.length) {
      const draws = block.subarray(0, Math.min(block.length, out.length - start));
      rng.fill(draws);
      for (let k = 0; k < draws.length; k++) {
        const x = draws[k] * this.size;
        const i = Math.floor(x);
        out[start + k] = x - i < this.prob[i] ? i : this.alias[i];
      }
    }
  }
}
