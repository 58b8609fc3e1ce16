// Sorted copies, tie terms and pooled average ranks.
import { describe, expect, it } from 'vitest';
import { pooledRanks, sameSorted, sortedCopy, tieTerm } from '../../../src/analysis/statistics/sorted-sample.ts';

describe('sorted samples', () => {
  it('copies into an ascending Float64Array without touching the input', () => {
    const input = [3, -1, 2, 2];
    expect(Array.from(sortedCopy(input))).toEqual([-1, 2, 2, 3]);
    expect(input).toEqual([3, -1, 2, 2]);
    expect(() => sortedCopy([1, NaN], 'canary')).toThrow('canary contains NaN at index 1');
  });

  it('sums t³ − t over runs of equal values', () => {
    // runs of 2 and 3: (8 − 2) + (27 − 3) = 30
    expect(tieTerm(Float64Array.from([1, 1, 2, 5, 5, 5]))).toBe(30);
    expect(tieTerm(Float64Array.from([1, 2, 3]))).toBe(0);
  });

  it('gives tied values the average of the ranks they span', () => {
    // pooled 1 1 2 3 3 3 -> ranks 1.5 1.5 3 5 5 5; x = {1, 3, 3} takes 1.5 + 5 + 5
    const res = pooledRanks(Float64Array.from([1, 3, 3]), Float64Array.from([1, 2, 3]));
    expect(res).toEqual({ rankSumX: 11.5, tieTerm: 6 + 24 });
  });

  it('compares sorted multisets', () => {
    expect(sameSorted(Float64Array.from([1, 2]), Float64Array.from([1, 2]))).toBe(true);
    expect(sameSorted(Float64Array.from([1, 2]), Float64Array.from([1, 2, 2]))).toBe(false);
  });
});
