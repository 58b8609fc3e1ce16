// Latency shapes on the histogram's buckets, against closed forms and seeded Monte Carlo.
import { describe, expect, it } from 'vitest';
import { exponential } from '../../../src/engine/distributions/exponential.ts';
import { lognormal, lognormalParams } from '../../../src/engine/distributions/lognormal.ts';
import { uniform } from '../../../src/engine/distributions/uniform.ts';
import { streams } from '../../../src/engine/streams.ts';
import { LatencyHistogram } from '../../../src/model/metrics/latency-histogram.ts';
import { LatencyShape, serviceShape, withExponentialWait } from '../../../src/model/queueing/latency-shape.ts';

const { mu, sigma } = lognormalParams(40, 180);
const QUANTILES = [0.5, 0.9, 0.99, 0.999];

function histogramOf(shape: LatencyShape): LatencyHistogram {
  const h = new LatencyHistogram();
  shape.addTo(h, 1);
  return h;
}

function sampled(n: number, seed: string, draw: (rng: ReturnType<ReturnType<typeof streams>['get']>) => number): LatencyHistogram {
  const rng = streams(7).get(seed);
  const h = new LatencyHistogram();
  for (let i = 0; i < n; i++) h.record(draw(rng));
  return h;
}

/**
 * Quantiles agree within `tolerance` (relative), twice that at p99.9: 200,000 draws leave
 * only 200 beyond it, so the sample's own p99.9 wanders by ~2%.
 */
function expectSameQuantiles(actual: LatencyHistogram, expected: LatencyHistogram, tolerance: number): void {
  for (const q of QUANTILES) {
    const a = actual.quantile(q);
    const e = expected.quantile(q);
    expect(Math.abs(a / e - 1), `q${q}: ${a} vs ${e}`).toBeLessThanOrEqual(q > 0.995 ? 2 * tolerance : tolerance);
  }
}

describe('serviceShape', () => {
  it('puts exactly the masses of LatencyHistogram.addLognormal', () => {
    const expected = new LatencyHistogram();
    expected.addLognormal(mu, sigma, 1);
    const shape = serviceShape(mu, sigma, 0, 0);
    const actual = histogramOf(shape);
    for (let i = 0; i < LatencyHistogram.bucketCount; i++) expect(actual.counts[i]).toBeCloseTo(expected.counts[i], 12);
  });

  it('sums to one', () => {
    for (const shape of [serviceShape(mu, sigma, 0, 0), serviceShape(mu, sigma, 150, 150), serviceShape(mu, sigma, 100, 2000)]) {
      expect(shape.masses.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.min(...shape.masses)).toBeGreaterThanOrEqual(0);
    }
  });

  it('adds a fixed delay', () => {
    expectSameQuantiles(histogramOf(serviceShape(mu, sigma, 150, 150)), sampled(200_000, 'fixed', (r) => lognormal(r, mu, sigma) + 150), 0.015);
  });

  it('adds a delay uniform on a range (a draining backlog)', () => {
    expectSameQuantiles(
      histogramOf(serviceShape(mu, sigma, 100, 200)),
      sampled(200_000, 'uniform', (r) => lognormal(r, mu, sigma) + uniform(r, 100, 200)),
      0.015,
    );
  });
});

describe('withExponentialWait', () => {
  it('turns a point mass into the exponential, to the bucket', () => {
    const exp10 = histogramOf(withExponentialWait(serviceShape(Math.log(1e-4), 0, 0, 0), 10, Infinity));
    for (const q of QUANTILES) expect(exp10.quantile(q) / (-10 * Math.log(1 - q))).toBeCloseTo(1, 2);
  });

  it('adds an exponential wait to a lognormal service', () => {
    expectSameQuantiles(
      histogramOf(withExponentialWait(serviceShape(mu, sigma, 0, 0), 20, Infinity)),
      sampled(200_000, 'exp', (r) => lognormal(r, mu, sigma) + exponential(r, 1 / 20)),
      0.015,
    );
  });

  it('cuts the exponential off at a full queue', () => {
    const cut = (r: Parameters<typeof exponential>[0]) => {
      for (;;) {
        const e = exponential(r, 1 / 30);
        if (e <= 25) return e;
      }
    };
    expectSameQuantiles(
      histogramOf(withExponentialWait(serviceShape(mu, sigma, 0, 0), 30, 25)),
      sampled(200_000, 'cut', (r) => lognormal(r, mu, sigma) + cut(r)),
      0.015,
    );
  });

  it('stays a distribution when the cut-off is tiny against the mean', () => {
    const shape = withExponentialWait(serviceShape(mu, sigma, 0, 0), 1e12, 15);
    expect(shape.masses.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Math.min(...shape.masses)).toBeGreaterThanOrEqual(0);
    expectSameQuantiles(histogramOf(shape), histogramOf(serviceShape(mu, sigma, 0, 15)), 0.002);
  });
});
