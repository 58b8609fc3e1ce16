import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { exponential } from '../../../src/engine/distributions/exponential.ts';
import { expectMoments } from './statistical-bounds.ts';

const N = 100_000;

describe('exponential', () => {
  it('gives the same first draws for seed 42 as it always has', () => {
    const rng = streams(42).get('x');
    expect(Array.from({ length: 5 }, () => exponential(rng, 2))).toEqual([
      0.3771348986732667, 0.23729130364264356, 0.29010499501229337, 0.21465485878686716,
      1.2753301439767628,
    ]);
  });

  // Rate λ: mean 1/λ, variance 1/λ², fourth central moment 9/λ⁴.
  it.each([1, 0.25, 40])('has mean 1/rate and variance 1/rate² at rate %s', (rate) => {
    const rng = streams(1).get(`exponential ${rate}`);
    let positive = true;
    expectMoments(
      N,
      () => {
        const x = exponential(rng, rate);
        if (!(x >= 0 && x < Infinity)) positive = false;
        return x;
      },
      { mean: 1 / rate, variance: 1 / rate ** 2, mu4: 9 / rate ** 4 },
    );
    expect(positive).toBe(true);
  });

  it('defaults to rate 1', () => {
    expect(exponential(streams(9).get('x'))).toBe(exponential(streams(9).get('x'), 1));
  });

  it('rejects a rate that is not positive and finite', () => {
    const rng = streams(1).get('x');
    expect(() => exponential(rng, 0)).toThrow(RangeError);
    expect(() => exponential(rng, -1)).toThrow(/positive/);
    expect(() => exponential(rng, Infinity)).toThrow(RangeError);
    expect(() => exponential(rng, NaN)).toThrow(RangeError);
  });
});
