// Tests for the grouped per-user sums, on a population small enough to check by hand.
import { describe, expect, it } from 'vitest';
import { UserGroups } from '../../../src/model/traffic/user-groups.ts';

describe('user groups', () => {
  // Three weight bands: {0.4, 0.398} (within 1 % of each other), {0.1, 0.1} and {0.002}.
  const weights = Float64Array.from([0.4, 0.398, 0.1, 0.1, 0.002]);
  const cohort = Float64Array.from([0.9, 0.1, 0.5, 0.05, 0.3]);
  const client = Uint16Array.from([0, 1, 1, 0, 1]);
  const groups = new UserGroups(weights, cohort, client, 2);

  it('count and share the users that a cohort bound and a client admit, exactly', () => {
    expect(groups.count(1, -1)).toBe(5);
    expect(groups.count(0.31, -1)).toBe(3);
    expect(groups.count(0.31, 1)).toBe(2);
    expect(groups.share(0.31, -1)).toBeCloseTo(0.398 + 0.1 + 0.002, 15);
    expect(groups.share(0.31, 1)).toBeCloseTo(0.398 + 0.002, 15);
    expect(groups.share(0, -1)).toBe(0);
  });

  it('sum 1 − e^(−r·w) over them for distinct users, to 1e-7 of the exact sum', () => {
    const exact = (r: number, keep: number[]) => keep.reduce((s, u) => s - Math.expm1(-r * weights[u]), 0);
    for (const r of [0.3, 5, 40]) {
      for (const [below, c, keep] of [[1, -1, [0, 1, 2, 3, 4]], [0.51, 1, [1, 2, 4]]] as const) {
        const want = exact(r, [...keep]);
        expect(Math.abs(groups.expectedDistinct(r, below, c) / want - 1)).toBeLessThan(1e-7);
      }
    }
  });

  it('refuse weights that rise', () => {
    expect(() => new UserGroups(Float64Array.from([0.5, 0.2, 0.3]), new Float64Array(3), new Uint16Array(3), 1)).toThrow(RangeError);
  });
});
