import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { poisson } from '../../../src/engine/distributions/poisson.ts';
import { expectMoments, expectPmfFit, pmfFromRatios } from './statistical-bounds.ts';
import { fingerprint } from './golden.ts';

const N = 100_000;

describe('poisson', () => {
  it('gives the same first draws for seed 42 as it always has, by inversion and by PTRS', () => {
    const five = (mean: number) => {
      const rng = streams(42).get('x');
      return Array.from({ length: 5 }, () => poisson(rng, mean));
    };
    expect(five(3)).toEqual([3, 2, 3, 2, 6]);
    expect(five(5000)).toEqual([5006, 4988, 5123, 4950, 4972]);
    expect(five(1e6)).toEqual([1000083, 999832, 1001747, 999292, 999611]);
  });

  it('gives the same 10,000 draws for seed 42 as it always has, rare paths included', () => {
    const run = (mean: number) => {
      const rng = streams(42).get('x');
      return fingerprint(10_000, () => poisson(rng, mean));
    };
    expect(run(3)).toBe(3403531587);
    expect(run(15)).toBe(477458317);
    expect(run(5000)).toBe(3358987734);
    expect(run(1e6)).toBe(947622590);
  });

  // Poisson(λ): variance λ, fourth central moment λ(1 + 3λ).
  it.each([0.5, 5, 9.99, 10, 50, 5000, 1e6])(
    'has mean and variance %s, in non-negative integers',
    (mean) => {
      const rng = streams(1).get(`poisson ${mean}`);
      let integral = true;
      expectMoments(
        N,
        () => {
          const k = poisson(rng, mean);
          if (!Number.isInteger(k) || k < 0) integral = false;
          return k;
        },
        { mean, variance: mean, mu4: mean * (1 + 3 * mean) },
      );
      expect(integral).toBe(true);
    },
  );

  // Mean and variance could survive a subtle error in the rejection step; the whole
  // probability mass function must fit too, on both sides of the switch at mean 10.
  it.each([3, 9.5, 10, 15, 1000, 1e6])('follows the Poisson(%s) probabilities', (mean) => {
    const rng = streams(2).get(`poisson fit ${mean}`);
    const lo = Math.max(0, Math.floor(mean - 12 * Math.sqrt(mean)));
    const hi = Math.ceil(mean + 12 * Math.sqrt(mean) + 15);
    const pmf = pmfFromRatios(lo, hi, Math.floor(mean), (k) => mean / (k + 1));
    expectPmfFit(N, () => poisson(rng, mean), lo, pmf);
  });

  it('returns 0 for mean 0 without drawing', () => {
    const a = streams(4).get('x');
    const b = streams(4).get('x');
    expect(poisson(a, 0)).toBe(0);
    expect(a.next()).toBe(b.next());
  });

  it('rejects a negative, NaN or infinite mean', () => {
    const rng = streams(1).get('x');
    expect(() => poisson(rng, -1)).toThrow(RangeError);
    expect(() => poisson(rng, NaN)).toThrow(/finite number ≥ 0/);
    expect(() => poisson(rng, Infinity)).toThrow(RangeError);
  });
});
