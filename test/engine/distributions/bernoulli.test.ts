import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { bernoulli } from '../../../src/engine/distributions/bernoulli.ts';
import { expectMoments } from './statistical-bounds.ts';

const N = 100_000;

describe('bernoulli', () => {
  it('gives the same first draws for seed 42 as it always has', () => {
    const rng = streams(42).get('x');
    expect(Array.from({ length: 5 }, () => bernoulli(rng, 0.5))).toEqual([
      false, true, true, true, false,
    ]);
  });

  // As 0/1: mean p, variance pq, fourth central moment pq(1 − 3pq).
  it.each([0.5, 0.01, 0.999])('succeeds with probability %s, within binomial error', (p) => {
    const rng = streams(1).get(`bernoulli ${p}`);
    const pq = p * (1 - p);
    expectMoments(N, () => (bernoulli(rng, p) ? 1 : 0), {
      mean: p,
      variance: pq,
      mu4: pq * (1 - 3 * pq),
    });
  });

  it('never succeeds at p = 0 and always succeeds at p = 1', () => {
    const rng = streams(1).get('x');
    for (let i = 0; i < 10_000; i++) {
      expect(bernoulli(rng, 0)).toBe(false);
      expect(bernoulli(rng, 1)).toBe(true);
    }
  });

  it('takes one draw from the stream whatever p is', () => {
    const a = streams(3).get('x');
    const b = streams(3).get('x');
    bernoulli(a, 0);
    bernoulli(a, 1);
    bernoulli(a, 0.3);
    b.next();
    b.next();
    b.next();
    expect(a.next()).toBe(b.next());
  });

  it('rejects a p outside [0, 1]', () => {
    const rng = streams(1).get('x');
    expect(() => bernoulli(rng, -0.1)).toThrow(RangeError);
    expect(() => bernoulli(rng, 1.5)).toThrow(/probability/);
    expect(() => bernoulli(rng, NaN)).toThrow(RangeError);
  });
});
