// Zipf-distributed ranks: who, among N users, sends a request, with no limit on N.
import type { RandomStream } from '../../engine/random-stream.ts';
import { WeightedChoice } from '../../engine/distributions/weighted-choice.ts';

/** Items per alias table: WeightedChoice takes at most 2²⁰. */
const BLOCK = 2 ** 20;

/**
 * Index u in 0…n−1 with probability ∝ (u + 1)^(−skew): Zipf's law over ranks, index 0
 * the most likely; skew 0 is uniform. Walker/Vose alias tables (WeightedChoice): one draw
 * a pick up to 2²⁰ items; past that, one table per block of 2²⁰ and one over the blocks,
 * two draws. 8 bytes an item, 20 once the tables are built.
 *
 * The tables are built on the first pick: aggregate fidelity asks only for shares and
 * never picks, and the tables are most of the cost of a large population.
 */
export class ZipfChoice {
  /** (u + 1)^(−skew) per item: what the tables are built from. */
  private readonly weights: Float64Array;
  /** Σ (u + 1)^(−skew), so that share(u) = weights[u] / normaliser. */
  private readonly normaliser: number;
  private tables: WeightedChoice[] | null = null;
  private blocks: WeightedChoice | null = null;

  /**
   * @param n number of items, ≥ 1
   * @param skew Zipf exponent, ≥ 0
   * @throws RangeError when a block's weights all underflow to 0 (a huge skew): the
   *   tables could not be built, and that should show where the population is made
   */
  constructor(
    readonly n: number,
    readonly skew: number,
  ) {
    const weights = new Float64Array(n);
    let total = 0;
    // Summed smallest first, for accuracy; computed in the same pass, since before the JIT
    // has optimised this code a pass costs ~100 ns a user whatever it does.
    for (let u = n - 1; u >= 0; u--) {
      weights[u] = (u + 1) ** -skew;
      total += weights[u];
    }
    for (let lo = 0; lo < n; lo += BLOCK) {
      // A block's first weight is its largest: 0 there, and every one is 0.
      if (weights[lo] === 0) throw new RangeError('WeightedChoice: all weights are 0; at least one must be > 0');
    }
    this.weights = weights;
    this.normaliser = total;
  }

  /** An index, drawn with probability share(index). O(1), no allocation. */
  pick(rng: RandomStream): number {
    const tables = this.tables ?? this.buildTables();
    if (this.blocks === null) return tables[0].pick(rng);
    const block = this.blocks.pick(rng);
    return block * BLOCK + tables[block].pick(rng);
  }

  /** The probability of index u, fraction 0–1. */
  share(u: number): number {
    return this.weights[u] / this.normaliser;
  }

  /** Every index's share, non-increasing and summing to 1: a new array. */
  shares(): Float64Array {
    const shares = new Float64Array(this.n);
    for (let u = 0; u < this.n; u++) shares[u] = this.weights[u] / this.normaliser;
    return shares;
  }

  private buildTables(): WeightedChoice[] {
    const n = this.n;
    const tables: WeightedChoice[] = [];
    const blockTotals = new Float64Array(Math.ceil(n / BLOCK));
    for (let lo = 0, b = 0; lo < n; lo += BLOCK, b++) {
      const block = this.weights.subarray(lo, lo + BLOCK);
      tables.push(new WeightedChoice(block));
      for (let i = 0; i < block.length; i++) blockTotals[b] += block[i];
    }
    this.blocks = n > BLOCK ? new WeightedChoice(blockTotals) : null;
    this.tables = tables;
    return tables;
  }
}
