import { describe, expect, it } from 'vitest';
import { riskAxis } from '../../../src/ui/views/risk-scale.ts';

describe('riskAxis', () => {
  it('stays linear from zero when the values are of one order of magnitude', () => {
    const axis = riskAxis([0.01, 0.02, 0.03], 200);
    expect(axis.log).toBe(false);
    expect(axis.scale(0)).toBe(200);
    expect(axis.scale.domain()[1]).toBeGreaterThan(0.03);
  });

  it('turns logarithmic when they span orders of magnitude, with zero at the bottom and ticks at each decade', () => {
    const axis = riskAxis([0.0278, 0.00897, 0.00884, 0.000033], 200);
    expect(axis.log).toBe(true);
    expect(axis.scale(0)).toBe(200);
    expect(axis.ticks).toEqual([0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]);
    // Each decade takes about the same height above the smallest.
    const step1 = axis.scale(1e-3) - axis.scale(1e-2);
    const step2 = axis.scale(1e-2) - axis.scale(1e-1);
    expect(Math.abs(step1 - step2)).toBeLessThan(step1 * 0.1);
    // The smallest value sits clear of zero.
    expect(200 - axis.scale(0.000033)).toBeGreaterThan(20);
  });

  it('thins the decades to every other one when they would crowd', () => {
    const axis = riskAxis([1e-7, 0.5], 60);
    expect(axis.ticks.length).toBeLessThan(9);
    expect(axis.ticks).toContain(1);
  });

  it('copes with no values, all zeros and one value', () => {
    expect(riskAxis([], 100).log).toBe(false);
    expect(riskAxis([0, 0], 100).scale(0)).toBe(100);
    expect(riskAxis([0, 0.2], 100).log).toBe(false);
  });
});
