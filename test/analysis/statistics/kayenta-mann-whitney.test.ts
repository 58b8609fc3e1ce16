// Kayenta's root-finding shift interval: its reference case, its statistic, and how far it sits from the exact bounds.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from '../../../src/analysis/statistics/hodges-lehmann.ts';
import { kayentaShiftInterval, wilcoxonDiff } from '../../../src/analysis/statistics/kayenta-mann-whitney.ts';
import { kthSmallestDifference } from '../../../src/analysis/statistics/pairwise-differences.ts';
import { NEAR_TEN_A, NEAR_TEN_B, NEAR_TWENTY_HIGH, ZERO_HEAVY_BASELINE, ZERO_HEAVY_CANARY } from './kayenta-fixtures.ts';
import { naiveWdiff } from './naive-wilcox.ts';

const sorted = (v: readonly number[]) => Float64Array.from(v).sort();

describe('kayentaShiftInterval', () => {
  it("reproduces Kayenta's own reference case", () => {
    // spinnaker/kayenta kayenta-mannwhitney/src/test/scala/com/netflix/kayenta/mannwhitney/MannWhitneySuite.scala,
    // "returns expected values": control [1, 2, 3, 4], experiment [10, 20, 30, 40], confidence 0.95
    // -> interval (6.0, 39.0) and estimate 22.5, each asserted to within E = 1e-6.
    const res = kayentaShiftInterval([10, 20, 30, 40], [1, 2, 3, 4], 0.95);
    expect(Math.abs(res.lowerConfidence - 6)).toBeLessThan(1e-6);
    expect(Math.abs(res.upperConfidence - 39)).toBeLessThan(1e-6);
    expect(Math.abs(res.estimate - 22.5)).toBeLessThan(1e-6);
  });

  it('evaluates the same rank statistic as re-ranking from scratch', () => {
    const rng = seedrandom.alea('wilcoxon-diff');
    const x = Array.from({ length: 23 }, () => Math.round(rng() * 8) / 2);
    const y = Array.from({ length: 17 }, () => Math.round(rng() * 8) / 2);
    const xs = sorted(x);
    const ys = sorted(y);
    for (let k = 0; k < 200; k++) {
      // Half of the probes sit exactly on a pairwise difference, where extra ties appear.
      const d = k % 2 === 0 ? (rng() - 0.5) * 10 : x[k % x.length] - y[k % y.length];
      const zq = [0, 2.326, -2.326][k % 3];
      expect(wilcoxonDiff(xs, ys, d, zq)).toBe(naiveWdiff(x, y, d, zq));
    }
  });

  it('lands within the solver tolerance of the exact bounds', () => {
    const rng = seedrandom.alea('kayenta-vs-exact');
    const cases: [number[], number[]][] = [
      [NEAR_TEN_A, NEAR_TEN_B],
      [NEAR_TWENTY_HIGH, NEAR_TEN_B],
      [Array.from({ length: 300 }, () => rng() * 50), Array.from({ length: 200 }, () => rng() * 45)],
    ];
    for (const [x, y] of cases) {
      const kayenta = kayentaShiftInterval(x, y, 0.98);
      const exact = hodgesLehmann(x, y, 0.98);
      expect(Math.abs(kayenta.lowerConfidence - exact.lowerConfidence)).toBeLessThanOrEqual(1.0001e-4);
      expect(Math.abs(kayenta.upperConfidence - exact.upperConfidence)).toBeLessThanOrEqual(1.0001e-4);
      // The estimate is any point where the corrected statistic is 0: between the differences
      // either side of the median, give or take the tolerance.
      const xs = sorted(x);
      const ys = sorted(y);
      const total = x.length * y.length;
      const below = kthSmallestDifference(xs, ys, Math.floor((total - 1) / 2));
      const above = kthSmallestDifference(xs, ys, Math.ceil((total + 3) / 2));
      expect(kayenta.estimate).toBeGreaterThanOrEqual(below - 1e-4);
      expect(kayenta.estimate).toBeLessThanOrEqual(above + 1e-4);
    }
  });

  it('puts bounds that fall on a zero difference a hair above zero, as Kayenta does', () => {
    // Mostly-zero error rates: every exact bound is 0, but the 1e-4 solver stops just right of 0,
    // which is what makes Kayenta's ClassifierSuite "High Metric (Large Input)" come out High.
    const exact = hodgesLehmann(ZERO_HEAVY_CANARY, ZERO_HEAVY_BASELINE, 0.95);
    const kayenta = kayentaShiftInterval(ZERO_HEAVY_CANARY, ZERO_HEAVY_BASELINE, 0.95);
    expect([exact.lowerConfidence, exact.estimate, exact.upperConfidence]).toEqual([0, 0, 0]);
    expect(kayenta.lowerConfidence).toBeGreaterThan(0);
    expect(kayenta.lowerConfidence).toBeLessThan(1e-4);
    expect(Math.abs(kayenta.upperConfidence)).toBeLessThan(1e-4);
  });

  it('refuses samples where every observation is tied, as Kayenta does', () => {
    expect(() => kayentaShiftInterval([3, 3], [3, 3, 3])).toThrow(/all observations are tied/);
  });
});
