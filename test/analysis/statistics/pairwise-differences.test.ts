// The k-th smallest pairwise difference, checked against building and sorting every difference.
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { countDifferencesAtMost, kthSmallestDifference } from '../../../src/analysis/statistics/pairwise-differences.ts';

function sortedDifferences(xs: Float64Array, ys: Float64Array): Float64Array {
  const out = new Float64Array(xs.length * ys.length);
  let k = 0;
  for (const x of xs) for (const y of ys) out[k++] = x - y;
  return out.sort();
}

describe('kthSmallestDifference', () => {
  it('returns every order statistic that a full sort of the differences gives', () => {
    fc.assert(
      fc.property(sample(), sample(), (x, y) => {
        const xs = Float64Array.from(x).sort();
        const ys = Float64Array.from(y).sort();
        const all = sortedDifferences(xs, ys);
        for (let k = 1; k <= all.length; k++) expect(kthSmallestDifference(xs, ys, k)).toBe(all[k - 1]);
      }),
      { seed: 99, numRuns: 60 },
    );
  });

  it('works on continuous values of mixed sign and magnitude', () => {
    const rng = seedrandom.alea('pairwise-differences');
    const xs = Float64Array.from({ length: 37 }, () => (rng() - 0.3) * 1e-3).sort();
    const ys = Float64Array.from({ length: 23 }, () => (rng() - 0.5) * 1e4).sort();
    const all = sortedDifferences(xs, ys);
    for (const k of [1, 2, 17, 425, 426, all.length - 1, all.length]) {
      expect(kthSmallestDifference(xs, ys, k)).toBe(all[k - 1]);
    }
  });

  it('counts differences at or below a value in one sweep', () => {
    const xs = Float64Array.from([1, 2, 2, 5]);
    const ys = Float64Array.from([0, 2, 3]);
    // differences: 1,-1,-2, 2,0,-1, 2,0,-1, 5,3,2
    expect(countDifferencesAtMost(xs, ys, 0)).toBe(6);
    expect(countDifferencesAtMost(xs, ys, -3)).toBe(0);
    expect(countDifferencesAtMost(xs, ys, 5)).toBe(12);
  });

  it('rejects k outside 1..m·n', () => {
    const xs = Float64Array.from([1, 2]);
    expect(() => kthSmallestDifference(xs, xs, 0)).toThrow(RangeError);
    expect(() => kthSmallestDifference(xs, xs, 5)).toThrow(RangeError);
  });
});

/** Small samples on a half grid, so many differences tie (and some are exactly 0). */
function sample() {
  return fc.array(fc.integer({ min: -10, max: 10 }).map((k) => k / 2), { minLength: 1, maxLength: 12 });
}
