// Brent's root finder on smooth functions and on the step functions the rank test produces.
import { describe, expect, it } from 'vitest';
import { brentRoot, WILCOX_ROOT_TOLERANCE } from '../../../src/analysis/statistics/brent-root.ts';

describe('brentRoot', () => {
  it('finds √2 as the zero of x² − 2 to within the tolerance', () => {
    const f = (x: number) => x * x - 2;
    expect(Math.abs(brentRoot(f, 0, 2, f(0), f(2)) - Math.SQRT2)).toBeLessThan(WILCOX_ROOT_TOLERANCE);
    expect(Math.abs(brentRoot(f, 0, 2, f(0), f(2), 1e-12) - Math.SQRT2)).toBeLessThan(1e-11);
  });

  it('returns an end of the bracket when the function is already zero there', () => {
    const f = (x: number) => x - 1;
    expect(brentRoot(f, 1, 5, 0, 4)).toBe(1);
    expect(brentRoot(f, -3, 1, -4, 0)).toBe(1);
  });

  it('stops within the tolerance of a jump, on either side of it', () => {
    const step = (x: number) => (x < 0.3 ? 1 : -1);
    const root = brentRoot(step, -10, 10, 1, -1);
    expect(Math.abs(root - 0.3)).toBeLessThanOrEqual(WILCOX_ROOT_TOLERANCE);
  });
});
