// Hodges–Lehmann estimate and interval: Kayenta's reference case, R's algorithm run literally, brute force, properties.
import fc from 'fast-check';
import jstatPkg from 'jstat';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from '../../../src/analysis/statistics/hodges-lehmann.ts';
import { NEAR_TEN_A, NEAR_TEN_B, NEAR_TWENTY_HIGH } from './kayenta-fixtures.ts';
import { naiveRoot } from './naive-wilcox.ts';

const { jStat } = jstatPkg;

function sortedDifferences(x: readonly number[], y: readonly number[]): Float64Array {
  const out = new Float64Array(x.length * y.length);
  let k = 0;
  for (const a of x) for (const b of y) out[k++] = a - b;
  return out.sort();
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

describe('hodgesLehmann', () => {
  it("reproduces Kayenta's own reference case", () => {
    // spinnaker/kayenta kayenta-mannwhitney/src/test/scala/com/netflix/kayenta/mannwhitney/MannWhitneySuite.scala,
    // "returns expected values": MannWhitneyParams(mu = 0, confidenceLevel = 0.95,
    // controlData = [1, 2, 3, 4], experimentData = [10, 20, 30, 40]) -> interval (6, 39), estimate 22.5.
    const res = hodgesLehmann([10, 20, 30, 40], [1, 2, 3, 4], 0.95);
    expect(res).toEqual({ estimate: 22.5, lowerConfidence: 6, upperConfidence: 39, confidence: 0.95 });
  });

  it("gives the bounds R's wilcox.test root finder converges to", () => {
    // naiveRoot transcribes R's asymptotic conf.int code (stats/R/wilcox.test.R, as quoted in
    // Kayenta's MannWhitneyRSuite.scala) and bisects to adjacent doubles instead of stopping at 1e-4.
    const rng = seedrandom.alea('hodges-lehmann-r');
    const cases: [number[], number[], number][] = [
      // R's documented two-sample example (Hollander & Wolfe permeability data).
      [[0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.9, 0.74, 1.21], 0.95],
      [NEAR_TEN_A, NEAR_TEN_B, 0.98],
      [NEAR_TWENTY_HIGH, NEAR_TEN_B, 0.9],
      // Tie-heavy integer counts of unequal sizes.
      [Array.from({ length: 40 }, () => Math.floor(rng() * 6)), Array.from({ length: 25 }, () => Math.floor(rng() * 5)), 0.98],
    ];
    for (const [x, y, confidence] of cases) {
      const z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
      const res = hodgesLehmann(x, y, confidence);
      const scale = Math.max(...x.map(Math.abs), ...y.map(Math.abs));
      expect(Math.abs(res.lowerConfidence - naiveRoot(x, y, z))).toBeLessThanOrEqual(1e-12 * scale);
      expect(Math.abs(res.upperConfidence - naiveRoot(x, y, -z))).toBeLessThanOrEqual(1e-12 * scale);
      expect(res.estimate).toBe(median(sortedDifferences(x, y)));
    }
  });

  it('estimates the median of all pairwise differences', () => {
    fc.assert(
      fc.property(sample(), sample(), (x, y) => {
        expect(hodgesLehmann(x, y).estimate).toBe(median(sortedDifferences(x, y)));
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('keeps the estimate inside its interval, and a wider level gives a wider interval', () => {
    fc.assert(
      fc.property(sample(), sample(), (x, y) => {
        const narrow = hodgesLehmann(x, y, 0.8);
        const wide = hodgesLehmann(x, y, 0.98);
        expect(narrow.lowerConfidence).toBeLessThanOrEqual(narrow.estimate);
        expect(narrow.estimate).toBeLessThanOrEqual(narrow.upperConfidence);
        expect(wide.lowerConfidence).toBeLessThanOrEqual(narrow.lowerConfidence);
        expect(wide.upperConfidence).toBeGreaterThanOrEqual(narrow.upperConfidence);
      }),
      { seed: 4, numRuns: 200 },
    );
  });

  it('swapping canary and baseline negates the estimate and mirrors the interval', () => {
    fc.assert(
      fc.property(sample(), sample(), (x, y) => {
        const ab = hodgesLehmann(x, y, 0.95);
        const ba = hodgesLehmann(y, x, 0.95);
        expect(ba.estimate).toBe(-ab.estimate + 0);
        expect(ba.lowerConfidence).toBe(-ab.upperConfidence + 0);
        expect(ba.upperConfidence).toBe(-ab.lowerConfidence + 0);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('shifting both samples by the same constant changes nothing', () => {
    fc.assert(
      fc.property(sample(), sample(), fc.integer({ min: -1000, max: 1000 }), (x, y, shift) => {
        // Quarter-grid values plus an integer shift subtract exactly.
        const moved = hodgesLehmann(x.map((v) => v + shift), y.map((v) => v + shift), 0.9);
        expect(moved).toEqual(hodgesLehmann(x, y, 0.9));
      }),
      { seed: 6, numRuns: 200 },
    );
  });

  it('handles 2,000 × 2,000 samples (4M differences) in milliseconds and matches a full sort', () => {
    const rng = seedrandom.alea('hodges-lehmann-large');
    const x = Array.from({ length: 2000 }, () => rng() * 10 + 0.3);
    const y = Array.from({ length: 2000 }, () => rng() * 10);
    const started = performance.now();
    const res = hodgesLehmann(x, y, 0.98);
    const elapsed = performance.now() - started;
    const all = sortedDifferences(x, y); // the 32 MB, ~0.4 s way, for comparison only
    expect(res.estimate).toBe(median(all));
    expect(all.includes(res.lowerConfidence) && all.includes(res.upperConfidence)).toBe(true);
    expect(elapsed).toBeLessThan(500); // typically under 10 ms
  });

  it('rejects empty samples, non-finite values and levels outside (0, 1)', () => {
    expect(() => hodgesLehmann([], [1])).toThrow(RangeError);
    expect(() => hodgesLehmann([1, Infinity], [1])).toThrow(/finite/);
    expect(() => hodgesLehmann([1], [2], 1)).toThrow(/confidence/);
  });
});

/** Small samples on a quarter grid, so ties (and zero differences) are common. */
function sample() {
  return fc.array(fc.integer({ min: -40, max: 40 }).map((k) => k / 4), { minLength: 1, maxLength: 20 });
}
