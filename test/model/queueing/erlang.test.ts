// Erlang B and C: textbook values, the plain recursion, and the shortcut for large pools.
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC } from '../../../src/model/queueing/erlang.ts';

/** The recursion B(j) = aB(j−1)/(j + aB(j−1)) from B(0) = 1, step by step. */
function plainErlangB(s: number, a: number): number {
  let b = 1;
  for (let j = 1; j <= s; j++) b = (a * b) / (j + a * b);
  return b;
}

describe('erlangB', () => {
  it('matches textbook values', () => {
    // M/M/1/1: a/(1 + a); M/M/2/2 at a = 1: (1/2)/(1 + 1 + 1/2) = 0.2.
    expect(erlangB(1, 3)).toBeCloseTo(0.75, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    // The classic table value: 10 circuits at 5 erlangs block 1.84%.
    expect(erlangB(10, 5)).toBeCloseTo(0.0183846, 7);
  });

  it.each([
    [32, 30.4],
    [300, 250],
    [1000, 999.5],
    [3200, 3040],
    [3200, 3300],
    [3200, 1000],
  ])('agrees with the plain recursion to 1e-12 for s = %d, a = %d', (s, a) => {
    const exact = plainErlangB(s, a);
    expect(Math.abs(erlangB(s, a) - exact)).toBeLessThanOrEqual(1e-12 * Math.max(exact, 1e-300));
  });

  it('is 0 without load and 1 without servers', () => {
    expect(erlangB(5, 0)).toBe(0);
    expect(erlangB(0, 2)).toBe(1);
  });
});

describe('erlangC', () => {
  it('is ρ for one server and B/(1 − ρ(1 − B)) in general', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14);
    const b = erlangB(32, 30.4);
    expect(erlangC(32, 30.4)).toBeCloseTo(b / (1 - 0.95 * (1 - b)), 14);
    expect(erlangC(32, 30.4)).toBeCloseTo(0.6957101, 6);
  });

  it('is 1 at and above saturation', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 9)).toBe(1);
  });
});
