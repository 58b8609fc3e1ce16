import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { binomial } from '../../../src/engine/distributions/binomial.ts';
import { expectMoments, expectPmfFit, pmfFromRatios } from './statistical-bounds.ts';
import { fingerprint } from './golden.ts';

const N = 100_000;

describe('binomial', () => {
  it('gives the same first draws for seed 42 as it always has, by inversion and by BTRD', () => {
    const five = (n: number, p: number) => {
      const rng = streams(42).get('x');
      return Array.from({ length: 5 }, () => binomial(rng, n, p));
    };
    expect(five(20, 0.3)).toEqual([6, 5, 6, 5, 9]);
    expect(five(1e6, 0.4)).toEqual([400209, 399976, 400069, 399932, 400191]);
    expect(five(1e7, 0.999)).toEqual([9989955, 9990003, 9989984, 9990012, 9989961]);
  });

  it('gives the same 10,000 draws for seed 42 as it always has, rare paths included', () => {
    const run = (n: number, p: number) => {
      const rng = streams(42).get('x');
      return fingerprint(10_000, () => binomial(rng, n, p));
    };
    expect(run(20, 0.3)).toBe(3355231252);
    expect(run(20, 0.5)).toBe(2240071726);
    expect(run(100, 0.3)).toBe(862912366);
    expect(run(1e6, 0.4)).toBe(1553034201);
    expect(run(1e7, 0.999)).toBe(166741988);
  });

  // Binomial(n, p): mean np, variance npq, fourth central moment npq(1 + 3(n − 2)pq).
  it.each([
    [20, 0.3],
    [1000, 0.01],
    [40, 0.75],
    [100, 0.5],
    [1e6, 0.4],
    [1e7, 0.999],
  ])('has the mean and variance of Binomial(%s, %s), in integers 0…n', (n, p) => {
    const rng = streams(1).get(`binomial ${n} ${p}`);
    const npq = n * p * (1 - p);
    let inSupport = true;
    expectMoments(
      N,
      () => {
        const k = binomial(rng, n, p);
        if (!Number.isInteger(k) || k < 0 || k > n) inSupport = false;
        return k;
      },
      { mean: n * p, variance: npq, mu4: npq * (1 + 3 * (n - 2) * p * (1 - p)) },
    );
    expect(inSupport).toBe(true);
  });

  // Mean and variance could survive a subtle error in BTRD's acceptance steps; the whole
  // probability mass function must fit too: inversion, BTRD near the switch (n·p = 10,
  // where the mode recurrence of step 3.1 decides most draws) and far from it (3.2–3.3).
  it.each([
    [20, 0.3],
    [25, 0.39],
    [20, 0.5],
    [100, 0.3],
    [200, 0.9],
    [1e6, 0.4],
  ])('follows the Binomial(%s, %s) probabilities', (n, p) => {
    const rng = streams(2).get(`binomial fit ${n} ${p}`);
    const mean = n * p;
    const sd = Math.sqrt(mean * (1 - p));
    const lo = Math.max(0, Math.floor(mean - 12 * sd - 5));
    const hi = Math.min(n, Math.ceil(mean + 12 * sd + 5));
    const mode = Math.floor((n + 1) * p);
    const pmf = pmfFromRatios(lo, hi, mode, (k) => ((n - k) / (k + 1)) * (p / (1 - p)));
    expectPmfFit(N, () => binomial(rng, n, p), lo, pmf);
  });

  it('returns 0 for n = 0 or p = 0 and n for p = 1, without drawing', () => {
    const a = streams(4).get('x');
    const b = streams(4).get('x');
    expect(binomial(a, 0, 0.5)).toBe(0);
    expect(binomial(a, 10, 0)).toBe(0);
    expect(binomial(a, 10, 1)).toBe(10);
    expect(a.next()).toBe(b.next());
  });

  it('stays inside 0…n when p is a hair from 0 or 1', () => {
    const rng = streams(5).get('x');
    for (let i = 0; i < 10_000; i++) {
      const low = binomial(rng, 1e7, 1e-12);
      const high = binomial(rng, 1e7, 1 - 1e-12);
      expect(low >= 0 && low <= 1e7 && high >= 0 && high <= 1e7).toBe(true);
    }
  });

  it('rejects a non-integer or negative n and a p outside [0, 1]', () => {
    const rng = streams(1).get('x');
    expect(() => binomial(rng, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomial(rng, -1, 0.5)).toThrow(/integer ≥ 0/);
    expect(() => binomial(rng, Infinity, 0.5)).toThrow(RangeError);
    expect(() => binomial(rng, 10, 1.2)).toThrow(/probability/);
    expect(() => binomial(rng, 10, NaN)).toThrow(RangeError);
  });
});
