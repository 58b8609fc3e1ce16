// Zipf-distributed ranks: who, among N users, sends a request, with no limit on N.
import type { RandomStream } from '../../engine/random-stream.ts';
import { WeightedChoice } from '../../engine/distributions/weighted-choice.ts';

/** Items per alias table: WeightedChoice takes at most 2²⁰. */
const BLOCK = 2 ** 20;

/**
 * Index u in 0…n−1 with probability ∝ (u + 1)^(−skew): Zipf's law over ranks, index 0
 * the most likely; skew 0 is uniform. Walker/Vose alias tables (WeightedChoice): one draw
 * a pick up to 2²⁰ items; past that, one table per block of 2²⁰ and one over the blocks,
 * two draws. 12 bytes an item.
 */
export class ZipfChoice {
  /** Σ (u + 1)^(−skew), so that share(u) = (u + 1)^(−skew) / normaliser. */
  private readonly normaliser: number;
  private readonly tables: WeightedChoice[] = [];
  private readonly blocks: WeightedChoice | null;

  /**
   * @param n number of items, ≥ 1
   * @param skew Zipf exponent, ≥ 0
   */
  constructor(
    readonly n: number,
    readonly skew: number,
  ) {
    const weights = new Float64Array(n);
    for (let u = 0; u < n; u++) weights[u] = (u + 1) ** -skew;
    let total = 0;
    for (let u = n - 1; u >= 0; u--) total += weights[u]; // smallest first: an accurate sum
    this.normaliser = total;
    const blockTotals = new Float64Array(Math.ceil(n / BLOCK));
    for (let lo = 0, b = 0; lo < n; lo += BLOCK, b++) {
      const block = weights.subarray(lo, lo + BLOCK);
      this.tables.push(new WeightedChoice(block));
      for (let i = 0; i < block.length; i++) blockTotals[b] += block[i];
    }
    this.blocks = n > BLOCK ? new WeightedChoice(blockTotals) : null;
  }

  /** An index, drawn with probability share(index). O(1), no allocation. */
  pick(rng: RandomStream): number {
    if (this.blocks === null) return this.tables[0].pick(rng);
    const block = this.blocks.pick(rng);
    return block * BLOCK + this.tables[block].pick(rng);
  }

  /** The probability of index u, fraction 0–1. */
  share(u: number): number {
    return (u + 1) ** -this.skew / this.normaliser;
  }

  /** Every index's share, non-increasing and summing to 1: a new array. */
  shares(): Float64Array {
    const shares = new Float64Array(this.n);
    for (let u = 0; u < this.n; u++) shares[u] = this.share(u);
    return shares;
  }
}
