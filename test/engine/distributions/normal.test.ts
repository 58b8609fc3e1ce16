import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { normal, normalQuantile } from '../../../src/engine/distributions/normal.ts';
import { expectMoments } from './statistical-bounds.ts';

const N = 100_000;

describe('normal', () => {
  it('gives the same first draws for seed 42 as it always has', () => {
    const rng = streams(42).get('x');
    expect(Array.from({ length: 5 }, () => normal(rng, 10, 2.5))).toEqual([
      10.185950428178417, 9.222204080533146, 9.62396624158962, 9.03022767878983,
      13.546117917101036,
    ]);
  });

  // Normal(μ, σ): variance σ², fourth central moment 3σ⁴.
  it.each([
    [0, 1],
    [10, 2.5],
    [-1000, 0.01],
  ])('has mean %s and standard deviation %s', (mu, sigma) => {
    const rng = streams(1).get(`normal ${mu} ${sigma}`);
    expectMoments(N, () => normal(rng, mu, sigma), {
      mean: mu,
      variance: sigma ** 2,
      mu4: 3 * sigma ** 4,
    });
  });

  it('defaults to the standard normal', () => {
    expect(normal(streams(5).get('x'))).toBe(normal(streams(5).get('x'), 0, 1));
  });

  it('keeps no state between calls, so streams can be interleaved in any order', () => {
    const alone = streams(8);
    const a = Array.from({ length: 7 }, () => normal(alone.get('a')));
    const b = Array.from({ length: 7 }, () => normal(alone.get('b')));
    const mixed = streams(8);
    const a2: number[] = [];
    const b2: number[] = [];
    for (let i = 0; i < 7; i++) {
      b2.push(normal(mixed.get('b')));
      a2.push(normal(mixed.get('a')));
    }
    expect(a2).toEqual(a);
    expect(b2).toEqual(b);
  });

  it('replays the same values after the stream is restored to a snapshot', () => {
    const rng = streams(8).get('a');
    normal(rng); // an odd number of draws: a cached Box–Muller spare would be pending now
    const snapshot = rng.state();
    const first = Array.from({ length: 4 }, () => normal(rng));
    rng.restore(snapshot);
    expect(Array.from({ length: 4 }, () => normal(rng))).toEqual(first);
  });
});

describe('normalQuantile', () => {
  it('matches the true percentage points in all three of its ranges', () => {
    // Reference values: roots of Φ(z) = q found with mpmath at 400 digits, rounded.
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 14); // Φ(1)
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400542, 14);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408411, 14);
    expect(normalQuantile(0.999)).toBeCloseTo(3.0902323061678135, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.3613409024040562, 13);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.2623400897984076, 13);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.047096299361199, 12);
  });

  it('is odd about one half', () => {
    for (const q of [0.001, 0.02, 0.2, 0.4, 0.49]) {
      expect(normalQuantile(1 - q)).toBeCloseTo(-normalQuantile(q), 12);
    }
  });

  it('goes to ±Infinity at 0 and 1 and is NaN outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
