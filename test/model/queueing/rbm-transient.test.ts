// Reflected Brownian motion from empty: the closed form, its inverse, and the fill step.
import { describe, expect, it } from 'vitest';
import { erfc } from '../../../src/model/metrics/latency-histogram.ts';
import { rbmAgeForMean, rbmFill, rbmMeanFromEmpty } from '../../../src/model/queueing/rbm-transient.ts';

/** 2∫₀^∞ P(sup_{s≤t} B(s) − s > x) dx by the midpoint rule (first passage of drifted BM). */
function byIntegral(t: number): number {
  const tail = (z: number) => 0.5 * erfc(z * Math.SQRT1_2);
  let sum = 0;
  const dx = 2e-4;
  for (let x = dx / 2; x < 40; x += dx) sum += tail((x + t) / Math.sqrt(t)) + Math.exp(-2 * x) * tail((x - t) / Math.sqrt(t));
  return 2 * sum * dx;
}

describe('rbmMeanFromEmpty', () => {
  it.each([0.01, 0.1, 1, 3, 10])('equals the first-passage integral at t = %d', (t) => {
    expect(rbmMeanFromEmpty(t)).toBeCloseTo(byIntegral(t), 6);
  });

  it('starts like 1.6√t and ends at 1', () => {
    expect(rbmMeanFromEmpty(0)).toBe(0);
    expect(rbmMeanFromEmpty(1e-6) / Math.sqrt(1e-6)).toBeCloseTo(4 / Math.sqrt(2 * Math.PI), 2);
    expect(rbmMeanFromEmpty(100)).toBe(1);
  });
});

describe('rbmAgeForMean', () => {
  it.each([1e-6, 0.01, 0.5, 0.85, 0.999, 0.99999])('inverts H at %d', (h) => {
    expect(rbmMeanFromEmpty(rbmAgeForMean(h))).toBeCloseTo(h, 10);
  });

  it('is 0 for an empty queue and Infinity for a full one', () => {
    expect(rbmAgeForMean(0)).toBe(0);
    expect(rbmAgeForMean(1)).toBe(Infinity);
  });
});

describe('rbmFill', () => {
  it('is a semigroup: two half ticks make one tick', () => {
    const [m, v, room] = [4, 101, 1000];
    expect(rbmFill(rbmFill(0.2, 0.5, m, v, room), 0.5, m, v, room)).toBeCloseTo(rbmFill(0.2, 1, m, v, room), 12);
  });

  it('relaxes a single-slot queue at ρ = 0.96 over tens of seconds', () => {
    // 10 ms service, E_100 arrivals: m = 4/s, v = 96·0.01 + 100 = 101/s; time scale v/m² ≈ 6.3 s.
    const after = (t: number) => rbmFill(0, t, 4, 101, 1000);
    expect(after(5)).toBeGreaterThan(0.75);
    expect(after(5)).toBeLessThan(0.85);
    expect(after(30)).toBeGreaterThan(0.99);
  });

  it('relaxes faster in a small waiting room', () => {
    expect(rbmFill(0, 1, 0.1, 100, 10)).toBeGreaterThan(rbmFill(0, 1, 0.1, 100, 1000));
  });
});
