// The sweep's statistics: Wilson intervals against published values, type-7 quantiles.
import { describe, expect, it } from 'vitest';
import { quantiles, quantileSorted, wilson } from '../../src/scenario/sweep-stats.ts';

describe('wilson', () => {
  it.each([
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I:
    // 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0–0.1611, 1/29 → 0.0061–0.1718.
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i runs: %f to %f', (count, n, low, high) => {
    const r = wilson(count, n);
    expect(r).toMatchObject({ count, n, value: Math.round((count / n) * 1e6) / 1e6 });
    expect(r.low).toBeCloseTo(low, 4);
    expect(r.high).toBeCloseTo(high, 4);
  });

  it('says nothing is known of no runs', () => {
    expect(wilson(0, 0)).toEqual({ count: 0, n: 0, value: 0, low: 0, high: 1 });
  });
});

describe('quantiles', () => {
  it('interpolates between order statistics (R type 7, numpy’s default)', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(s, 0.05)).toBeCloseTo(1.45, 9);
    expect(quantileSorted(s, 0.5)).toBe(5.5);
    expect(quantileSorted(s, 0.95)).toBeCloseTo(9.55, 9);
  });

  it('leaves out runs without the measure, and gives nulls when none has it', () => {
    expect(quantiles([3, null, 1, 2, Number.NaN])).toEqual({ n: 3, p5: 1.1, p50: 2, p95: 2.9 });
    expect(quantiles([null, null])).toEqual({ n: 0, p5: null, p50: null, p95: null });
  });

  it('does not depend on the order of the values', () => {
    const values = Array.from({ length: 101 }, (_, i) => (i * 37) % 101);
    expect(quantiles(values)).toEqual(quantiles([...values].reverse()));
  });
});
