import { describe, expect, it } from 'vitest';
import { stirlingCorrection } from '../../../src/engine/distributions/stirling-correction.ts';

// ln k! summed directly: exact to rounding (~1e-16 per term) for the k used here.
function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

// fc(k) = ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π], the definition.
function direct(k: number): number {
  return logFactorial(k) - ((k + 0.5) * Math.log(k + 1) - (k + 1) + 0.5 * Math.log(2 * Math.PI));
}

describe('stirlingCorrection', () => {
  it('matches its definition in the tabulated range 0…9', () => {
    for (let k = 0; k < 10; k++) expect(stirlingCorrection(k)).toBeCloseTo(direct(k), 14);
  });

  it('matches its definition from 10 on, where the series takes over', () => {
    // The first omitted term, 1/1680(k + 1)⁷, is 3.1e-11 at k = 10.
    for (const k of [10, 11, 15, 30, 100, 1000]) {
      expect(Math.abs(stirlingCorrection(k) - direct(k))).toBeLessThan(4e-11);
    }
  });

  it('tends to 1/12(k + 1) for large k', () => {
    expect(stirlingCorrection(1e6) * 12 * (1e6 + 1)).toBeCloseTo(1, 10);
  });
});
