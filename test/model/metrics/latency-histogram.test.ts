// Tests for the log-linear latency histogram: layout, quantile accuracy, weights, merging, erfc.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LatencyHistogram, erfc } from '../../../src/model/metrics/latency-histogram.ts';

const H = LatencyHistogram;
const RESOLUTION = H.relativeResolution;

/** Numerical Recipes LCG, uniform in (0, 1): a fixed sequence with no dependency on a library. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return (x + 0.5) / 4294967296;
  };
}

function exponentialSample(n: number, meanMs: number, seed: number): Float64Array {
  const next = lcg(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -meanMs * Math.log(next());
  return out;
}

/** Nearest-rank quantile of sorted data: the smallest value with at least q·n values at or below it. */
function nearestRank(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

const QUANTILES = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

describe('bucket layout', () => {
  it('has 1730 contiguous buckets from 0 to Infinity covering 0.01 ms to 10 minutes', () => {
    expect(H.bucketCount).toBe(1730);
    expect(H.bucketLowerBound(0)).toBe(0);
    expect(H.bucketUpperBound(H.bucketCount - 1)).toBe(Infinity);
    for (let i = 0; i < H.bucketCount - 1; i++) {
      expect(H.bucketUpperBound(i)).toBe(H.bucketLowerBound(i + 1));
    }
    expect(H.lowestMs).toBeLessThanOrEqual(0.01);
    expect(H.highestMs).toBeGreaterThanOrEqual(10 * 60 * 1000);
  });

  it('keeps every regular bucket within 1/64 of its lower edge', () => {
    for (let i = 1; i < H.bucketCount - 1; i++) {
      const width = H.bucketUpperBound(i) / H.bucketLowerBound(i) - 1;
      expect(width).toBeLessThanOrEqual(RESOLUTION + 1e-15);
      expect(width).toBeGreaterThanOrEqual(RESOLUTION / 2 - 1e-15);
    }
  });

  it('indexes both edges of every regular bucket into that bucket', () => {
    for (let i = 1; i < H.bucketCount - 1; i++) {
      const lower = H.bucketLowerBound(i);
      const justBelowUpper = H.bucketUpperBound(i) * (1 - 2 ** -53);
      expect(justBelowUpper).toBeLessThan(H.bucketUpperBound(i));
      expect(H.bucketIndex(lower)).toBe(i);
      expect(H.bucketIndex(justBelowUpper)).toBe(i);
    }
  });

  it('puts any value in the range inside its bucket', () => {
    fc.assert(
      fc.property(fc.double({ min: H.lowestMs, max: H.highestMs, noNaN: true }), (v) => {
        const i = H.bucketIndex(v);
        return v === H.highestMs
          ? i === H.bucketCount - 1
          : H.bucketLowerBound(i) <= v && v < H.bucketUpperBound(i);
      }),
      { seed: 42, numRuns: 5000 },
    );
  });

  it('sends values below 2^-7 ms to bucket 0 and values from 2^20 ms on to the last bucket', () => {
    expect(H.bucketIndex(0.0078)).toBe(0);
    expect(H.bucketIndex(0.01)).toBe(1 + 17); // 0.01 = 2^-7 × 1.28, sub-bucket ⌊0.28 × 64⌋
    expect(H.bucketIndex(H.highestMs * (1 - 2 ** -53))).toBe(H.bucketCount - 2);
    expect(H.bucketIndex(H.highestMs)).toBe(H.bucketCount - 1);
    expect(H.bucketIndex(Infinity)).toBe(H.bucketCount - 1);
  });
});

describe('quantiles of known data', () => {
  it('match uniform integers 1..100000 ms within the resolution, with exact ends and mean', () => {
    const h = new LatencyHistogram();
    const sorted = new Float64Array(100_000);
    for (let v = 1; v <= 100_000; v++) {
      h.record(v);
      sorted[v - 1] = v;
    }
    for (const q of QUANTILES) {
      expect(relativeError(h.quantile(q), nearestRank(sorted, q))).toBeLessThanOrEqual(RESOLUTION);
    }
    // Interpolation by rank makes a uniform density far better than one bucket.
    expect(relativeError(h.quantile(0.5), 50_000)).toBeLessThan(0.001);
    expect(relativeError(h.quantile(0.99), 99_000)).toBeLessThan(0.001);
    expect(h.quantile(0)).toBe(1);
    expect(h.quantile(1)).toBe(100_000);
    expect(h.count).toBe(100_000);
    expect(h.mean).toBe(50_000.5);
    expect(h.min).toBe(1);
    expect(h.max).toBe(100_000);
  });

  it('match an exponential sample (mean 10 ms) within the resolution, p50 to a tenth of it', () => {
    const sample = exponentialSample(200_000, 10, 7);
    const h = new LatencyHistogram();
    for (const v of sample) h.record(v);
    const sorted = sample.slice().sort();
    for (const q of QUANTILES) {
      expect(relativeError(h.quantile(q), nearestRank(sorted, q))).toBeLessThanOrEqual(RESOLUTION);
    }
    expect(relativeError(h.quantile(0.5), nearestRank(sorted, 0.5))).toBeLessThan(RESOLUTION / 10);
    expect(h.quantile(0)).toBe(sorted[0]);
    expect(h.quantile(1)).toBe(sorted[sorted.length - 1]);
  });

  it('returns NaN for every statistic of an empty histogram', () => {
    const h = new LatencyHistogram();
    expect(h.count).toBe(0);
    expect(h.quantile(0.5)).toBeNaN();
    expect(h.mean).toBeNaN();
    expect(h.min).toBeNaN();
    expect(h.max).toBeNaN();
  });

  it('clamps q to 0..1', () => {
    const h = new LatencyHistogram();
    h.record(5);
    h.record(50);
    expect(h.quantile(-1)).toBe(5);
    expect(h.quantile(2)).toBe(50);
  });
});

describe('addLognormal', () => {
  const Z99 = 2.3263478740408408; // Φ⁻¹(0.99)
  const mu = Math.log(40);
  const sigma = Math.log(180 / 40) / Z99;

  it('gives p50 ≈ 40 ms and p99 ≈ 180 ms for 1e6 requests', () => {
    const h = new LatencyHistogram();
    h.addLognormal(mu, sigma, 1e6);
    expect(relativeError(h.quantile(0.5), 40)).toBeLessThan(0.02);
    expect(relativeError(h.quantile(0.99), 180)).toBeLessThan(0.02);
    // In fact within a small fraction of a bucket, tails included.
    expect(relativeError(h.quantile(0.5), 40)).toBeLessThan(0.001);
    expect(relativeError(h.quantile(0.99), 180)).toBeLessThan(0.001);
    const p9999 = Math.exp(mu + sigma * 3.7190164854556804);
    expect(relativeError(h.quantile(0.9999), p9999)).toBeLessThan(0.001);
  });

  it('adds exactly n in total, with the lognormal mean', () => {
    const h = new LatencyHistogram();
    h.addLognormal(mu, sigma, 1e6);
    expect(h.count).toBe(1e6);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(1e6, 6);
    expect(h.mean).toBeCloseTo(Math.exp(mu + sigma * sigma / 2), 9);
    expect(h.overflowCount).toBe(0);
  });

  it('puts the right mass in a far tail: P(Z > 6) of it above e^(mu + 6 sigma)', () => {
    const h = new LatencyHistogram();
    const wide = 2; // so that e^(mu + 6σ) ≈ 6.5 s stays inside the range
    h.addLognormal(0, wide, 1);
    const edge = H.bucketIndex(Math.exp(6 * wide));
    // Mass above the lower edge of that bucket, against the exact normal tail there.
    let above = 0;
    for (let i = edge; i < H.bucketCount; i++) above += h.counts[i];
    const z = Math.log(H.bucketLowerBound(edge)) / wide;
    expect(relativeError(above, 0.5 * erfc(z / Math.SQRT2))).toBeLessThan(1e-12);
  });

  it('records everything at e^mu when sigma is 0', () => {
    const h = new LatencyHistogram();
    h.addLognormal(mu, 0, 3);
    expect(h.count).toBe(3);
    expect(h.quantile(0.5)).toBeCloseTo(40, 12);
  });
});

describe('erfc', () => {
  // Reference values from CPython's math.erfc (the platform libm).
  const reference: Array<[number, number]> = [
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.3, 0.6713732405408726],
    [0.46875, 0.507386526782062],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047265],
    [3, 2.2090496998585438e-5],
    [4, 1.541725790028002e-8],
    [4.5, 1.9661604415428873e-10],
    [5, 1.5374597944280351e-12],
    [6, 2.1519736712498916e-17],
    [10, 2.088487583762545e-45],
    [20, 5.3958656116079005e-176],
    [26, 5.663192408856143e-296],
    [-0.3, 1.3286267594591274],
    [-1, 1.842700792949715],
    [-3, 1.9999779095030015],
  ];

  it('matches libm to 1e-14 relative, far tails included', () => {
    for (const [x, expected] of reference) {
      expect(relativeError(erfc(x), expected), `erfc(${x})`).toBeLessThan(1e-14);
    }
  });

  it('saturates at 0 and 2 and passes NaN through', () => {
    expect(erfc(30)).toBe(0);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
  });
});

describe('recording', () => {
  it('takes fractional weights with recordN', () => {
    const h = new LatencyHistogram();
    h.recordN(10, 0.25);
    h.recordN(20, 0.75);
    expect(h.count).toBe(1);
    expect(h.sum).toBe(17.5);
    expect(h.mean).toBe(17.5);
    expect(h.counts[H.bucketIndex(10)]).toBe(0.25);
    expect(h.counts[H.bucketIndex(20)]).toBe(0.75);
    // Rank 0.2 of 1 falls in the bucket of 10, [10, 10.125); rank 0.5 in the bucket starting at
    // 20, which is also the max, so the answer is 20 exactly.
    expect(H.bucketLowerBound(H.bucketIndex(10))).toBe(10);
    expect(H.bucketUpperBound(H.bucketIndex(10))).toBe(10.125);
    expect(h.quantile(0.2)).toBeGreaterThan(10);
    expect(h.quantile(0.2)).toBeLessThan(10.125);
    expect(h.quantile(0.5)).toBe(20);
  });

  it('ignores weights that are zero, negative or NaN', () => {
    const h = new LatencyHistogram();
    h.recordN(10, 0);
    h.recordN(10, -1);
    h.recordN(10, NaN);
    expect(h.count).toBe(0);
    expect(h.counts.every((c) => c === 0)).toBe(true);
  });

  it('keeps min, max and mean exact', () => {
    const h = new LatencyHistogram();
    for (const v of [3.25, 0.5, 1234.5, 42]) h.record(v);
    expect(h.min).toBe(0.5);
    expect(h.max).toBe(1234.5);
    expect(h.sum).toBe(1280.25);
    expect(h.mean).toBe(320.0625);
  });

  it('records 0, negative values and NaN as 0 ms in bucket 0', () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(-5);
    h.record(NaN);
    h.recordN(-1, 2);
    expect(h.counts[0]).toBe(5);
    expect(h.count).toBe(5);
    expect(h.sum).toBe(0);
    expect(h.min).toBe(0);
    expect(h.max).toBe(0);
    expect(h.quantile(0.5)).toBe(0);
  });

  it('counts overflow at 2^20 ms and above, and still reports the true max', () => {
    const h = new LatencyHistogram();
    h.record(10 * 60 * 1000); // 10 minutes is inside the range
    expect(h.overflowCount).toBe(0);
    h.record(2_000_000);
    h.recordN(5_000_000, 0.5);
    expect(h.overflowCount).toBe(1.5);
    expect(h.max).toBe(5_000_000);
    expect(h.quantile(1)).toBe(5_000_000);
  });

  it('adds whole buckets with addBucket', () => {
    const h = new LatencyHistogram();
    const i = H.bucketIndex(100);
    h.addBucket(i, 4);
    expect(h.counts[i]).toBe(4);
    expect(h.count).toBe(4);
    expect(h.min).toBe(H.bucketLowerBound(i));
    expect(h.max).toBe(H.bucketUpperBound(i));
    expect(h.mean).toBeCloseTo(Math.sqrt(H.bucketLowerBound(i) * H.bucketUpperBound(i)), 12);
    const p50 = h.quantile(0.5);
    expect(p50).toBeGreaterThanOrEqual(H.bucketLowerBound(i));
    expect(p50).toBeLessThan(H.bucketUpperBound(i));
  });
});

describe('merging and resetting', () => {
  const sample = exponentialSample(50_000, 10, 11);

  it('addFrom of two halves equals recording everything into one', () => {
    const all = new LatencyHistogram();
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    sample.forEach((v, i) => {
      all.record(v);
      (i % 2 === 0 ? a : b).record(v);
    });
    a.addFrom(b);
    expect(a.counts).toEqual(all.counts);
    expect(a.count).toBe(all.count);
    expect(a.min).toBe(all.min);
    expect(a.max).toBe(all.max);
    expect(relativeError(a.sum, all.sum)).toBeLessThan(1e-12);
    for (const q of QUANTILES) expect(a.quantile(q)).toBe(all.quantile(q));
  });

  it('copyFrom makes an identical, independent copy', () => {
    const src = new LatencyHistogram();
    for (const v of sample) src.record(v);
    const copy = new LatencyHistogram();
    copy.record(1e9);
    copy.copyFrom(src);
    expect(copy.counts).toEqual(src.counts);
    expect([copy.count, copy.sum, copy.min, copy.max]).toEqual([src.count, src.sum, src.min, src.max]);
    copy.record(1);
    expect(src.count).toBe(sample.length);
  });

  it('reset empties everything', () => {
    const h = new LatencyHistogram();
    for (const v of sample) h.record(v);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.sum).toBe(0);
    expect(h.counts.every((c) => c === 0)).toBe(true);
    expect(h.quantile(0.5)).toBeNaN();
    h.record(7);
    expect([h.min, h.max, h.quantile(0.5)]).toEqual([7, 7, 7]);
  });
});

/** p50, p90, p99 in ms of run() below: if these move, every seeded result moves with them. */
const GOLDEN = [10.340917929599252, 38.50932154160305, 96.77455937867293];

describe('determinism', () => {
  function run(): LatencyHistogram {
    const h = new LatencyHistogram();
    for (const v of exponentialSample(100_000, 12.6, 2026)) h.record(v);
    h.addLognormal(Math.log(40), 0.65, 12_345.5);
    return h;
  }

  it('gives identical counts and quantiles for identical inputs', () => {
    const a = run();
    const b = run();
    expect(a.counts).toEqual(b.counts);
    for (const q of QUANTILES) expect(a.quantile(q)).toBe(b.quantile(q));
  });

  it('pins golden quantiles for a fixed sequence', () => {
    const h = run();
    expect([0.5, 0.9, 0.99].map((q) => h.quantile(q))).toEqual(GOLDEN);
  });
});
