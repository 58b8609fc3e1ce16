import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { WeightedChoice } from '../../../src/engine/distributions/weighted-choice.ts';
import { fingerprint } from './golden.ts';

const N = 100_000;

function frequencies(choice: WeightedChoice, seedName: string, n = N): number[] {
  const rng = streams(1).get(seedName);
  const counts = new Array<number>(choice.size).fill(0);
  for (let i = 0; i < n; i++) counts[choice.pick(rng)]++;
  return counts;
}

// Each item's count is Binomial(N, pᵢ): mean N·pᵢ, standard deviation √(N·pᵢ(1 − pᵢ)),
// so 5 standard deviations is wrong by chance with odds of ~6e-7 per item.
function expectCountsMatch(counts: number[], weights: number[], n = N): void {
  const total = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => {
    const p = w / total;
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(counts[i] - n * p), `item ${i}: ${counts[i]} picks`).toBeLessThanOrEqual(
      5 * sd,
    );
  });
}

describe('WeightedChoice', () => {
  it('gives the same first picks for seed 42 as it always has', () => {
    const choice = new WeightedChoice([5, 0, 1, 3]);
    const rng = streams(42).get('x');
    expect(Array.from({ length: 5 }, () => choice.pick(rng))).toEqual([2, 0, 0, 0, 3]);
  });

  it('gives the same 10,000 picks for seed 42 as it always has', () => {
    const choice = new WeightedChoice([5, 0, 1, 3, 0.25, 7]);
    const rng = streams(42).get('x');
    expect(fingerprint(10_000, () => choice.pick(rng))).toBe(1961714916);
  });

  it.each([
    [[1, 1]],
    [[90, 10]],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    [[0.001, 1000, 0.5, 37]],
    [Array.from({ length: 100 }, (_, i) => (i % 7) + 1)],
  ])('picks each item in proportion to its weight: %j', (weights) => {
    const choice = new WeightedChoice(weights);
    expectCountsMatch(frequencies(choice, `weights ${weights.length}`), weights);
  });

  it('never picks an item of weight 0', () => {
    const weights = [0, 3, 0, 0, 1, 0, 2, 0, 0, 0.5, 0];
    const counts = frequencies(new WeightedChoice(weights), 'zeros');
    weights.forEach((w, i) => {
      if (w === 0) expect(counts[i], `item ${i}`).toBe(0);
    });
    expectCountsMatch(counts, weights);
  });

  it('never picks a zero among many, however the table is laid out', () => {
    // Mostly zeros with uneven positives: the alias table pairs every zero column.
    const weights = Array.from({ length: 1000 }, (_, i) => (i % 37 === 5 ? 1 + (i % 5) : 0));
    const choice = new WeightedChoice(weights);
    const counts = frequencies(choice, 'sparse', 200_000);
    weights.forEach((w, i) => {
      if (w === 0) expect(counts[i]).toBe(0);
    });
  });

  it('always picks the only item of a one-item list', () => {
    const choice = new WeightedChoice([4]);
    const rng = streams(1).get('x');
    for (let i = 0; i < 1000; i++) expect(choice.pick(rng)).toBe(0);
  });

  it('accepts typed arrays and any scale of weights', () => {
    const rng1 = streams(6).get('x');
    const rng2 = streams(6).get('x');
    const a = new WeightedChoice(Float64Array.of(1, 3, 6));
    const b = new WeightedChoice([10, 30, 60]);
    for (let i = 0; i < 1000; i++) expect(a.pick(rng1)).toBe(b.pick(rng2));
  });

  it('refuses an empty list, bad weights and all-zero weights with a clear message', () => {
    expect(() => new WeightedChoice([])).toThrow(/weights is empty/);
    expect(() => new WeightedChoice(new Float64Array(2 ** 20 + 1).fill(1))).toThrow(/supported/);
    expect(() => new WeightedChoice([1, -2])).toThrow(/weights\[1\] is -2/);
    expect(() => new WeightedChoice([1, NaN])).toThrow(/weights\[1\] is NaN/);
    expect(() => new WeightedChoice([Infinity])).toThrow(/finite numbers ≥ 0/);
    expect(() => new WeightedChoice([0, 0, 0])).toThrow(/all weights are 0/);
    expect(() => new WeightedChoice([1e308, 1e308])).toThrow(/sum to Infinity/);
  });
});
