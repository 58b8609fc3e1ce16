import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { uniform } from '../../../src/engine/distributions/uniform.ts';
import { expectMoments } from './statistical-bounds.ts';

const N = 100_000;

describe('uniform', () => {
  it('gives the same first draws for seed 42 as it always has', () => {
    const rng = streams(42).get('x');
    expect(Array.from({ length: 5 }, () => uniform(rng, -3, 5))).toEqual([
      1.2371684554964304, 0.02284255251288414, 0.521753553301096, -0.207666277885437,
      4.375758986920118,
    ]);
  });

  it('defaults to [0, 1) and then is exactly the stream’s own draw', () => {
    const a = streams(42).get('x');
    const b = streams(42).get('x');
    for (let i = 0; i < 100; i++) expect(uniform(a)).toBe(b.next());
  });

  // Uniform on a width w: variance w²/12, fourth central moment w⁴/80.
  it.each([
    [0, 1],
    [-3, 5],
    [100, 100.5],
  ])('has the mean and variance of Uniform[%s, %s) and stays inside it', (min, max) => {
    const rng = streams(1).get(`uniform ${min} ${max}`);
    const w = max - min;
    let inside = true;
    expectMoments(
      N,
      () => {
        const x = uniform(rng, min, max);
        if (!(x >= min && x < max)) inside = false;
        return x;
      },
      { mean: (min + max) / 2, variance: (w * w) / 12, mu4: w ** 4 / 80 },
    );
    expect(inside).toBe(true);
  });

  it('returns min when min equals max', () => {
    expect(uniform(streams(1).get('x'), 7, 7)).toBe(7);
  });

  it('rejects min above max and non-finite bounds', () => {
    const rng = streams(1).get('x');
    expect(() => uniform(rng, 2, 1)).toThrow(RangeError);
    expect(() => uniform(rng, 0, Infinity)).toThrow(/finite/);
    expect(() => uniform(rng, NaN, 1)).toThrow(RangeError);
  });
});
