import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { normalQuantile } from '../../../src/engine/distributions/normal.ts';
import {
  lognormal,
  lognormalParams,
  lognormalQuantile,
  Z_99,
} from '../../../src/engine/distributions/lognormal.ts';
import { expectMoments } from './statistical-bounds.ts';

const N = 100_000;

// Raw moments of LogNormal(μ, σ) are E[Xᵏ] = exp(kμ + k²σ²/2); the central ones follow.
function lognormalMoments(mu: number, sigma: number) {
  const m = (k: number) => Math.exp(k * mu + (k * k * sigma * sigma) / 2);
  const [m1, m2, m3, m4] = [m(1), m(2), m(3), m(4)];
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    mu4: m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4,
  };
}

describe('lognormal', () => {
  it('gives the same first draws for seed 42 as it always has', () => {
    const { mu, sigma } = lognormalParams(40, 180);
    const rng = streams(42).get('x');
    expect(Array.from({ length: 5 }, () => lognormal(rng, mu, sigma))).toEqual([
      41.970593747228264, 32.711572862308415, 36.29322479380377, 31.127159743942606,
      100.07926830625877,
    ]);
  });

  it.each([
    [0, 0.25],
    [3, 0.5],
    [lognormalParams(40, 180).mu, lognormalParams(40, 180).sigma],
  ])('has the mean and variance of LogNormal(%s, %s)', (mu, sigma) => {
    const rng = streams(1).get(`lognormal ${mu} ${sigma}`);
    expectMoments(N, () => lognormal(rng, mu, sigma), lognormalMoments(mu, sigma));
  });

  it('puts the sample median and p99 of lognormalParams(40, 180) near 40 and 180', () => {
    const { mu, sigma } = lognormalParams(40, 180);
    const rng = streams(1).get('latency');
    const xs = Float64Array.from({ length: N }, () => lognormal(rng, mu, sigma)).sort();
    // A sample quantile's standard error is √(q(1 − q)/N) / density there: at N = 10⁵
    // that is 0.26 % of the median and 0.76 % of the p99, so 1.5 % and 4 % are ~6 and
    // ~5 standard errors.
    expect(Math.abs(xs[N / 2] / 40 - 1)).toBeLessThan(0.015);
    expect(Math.abs(xs[Math.floor(0.99 * N)] / 180 - 1)).toBeLessThan(0.04);
  });
});

describe('lognormalParams', () => {
  it('sets mu to ln median and sigma to (ln p99 − mu) / z₀.₉₉', () => {
    const { mu, sigma } = lognormalParams(40, 180);
    expect(mu).toBe(Math.log(40));
    expect(sigma).toBeCloseTo(Math.log(180 / 40) / 2.3263478740408408, 15);
  });

  it('uses the exact 99th percentile point of the standard normal', () => {
    expect(Z_99).toBeCloseTo(normalQuantile(0.99), 14);
  });

  it('gives sigma 0 when p99 equals the median', () => {
    expect(lognormalParams(5, 5)).toEqual({ mu: Math.log(5), sigma: 0 });
  });

  it('rejects a median that is not positive and a p99 below the median', () => {
    expect(() => lognormalParams(0, 10)).toThrow(RangeError);
    expect(() => lognormalParams(-1, 10)).toThrow(/median must be a positive/);
    expect(() => lognormalParams(NaN, 10)).toThrow(RangeError);
    expect(() => lognormalParams(40, 39)).toThrow(/p99 must be .* ≥ the median \(40\), got 39/);
    expect(() => lognormalParams(40, Infinity)).toThrow(RangeError);
  });
});

describe('lognormalQuantile', () => {
  it('gives back the median and p99 the parameters were made from', () => {
    const { mu, sigma } = lognormalParams(40, 180);
    expect(lognormalQuantile(mu, sigma, 0.5)).toBeCloseTo(40, 10);
    expect(lognormalQuantile(mu, sigma, 0.99)).toBeCloseTo(180, 10);
  });

  it('is 0 at q = 0, Infinity at q = 1, and the constant when sigma is 0', () => {
    expect(lognormalQuantile(1, 0.5, 0)).toBe(0);
    expect(lognormalQuantile(1, 0.5, 1)).toBe(Infinity);
    expect(lognormalQuantile(Math.log(5), 0, 1)).toBeCloseTo(5, 12);
  });

  it('rejects a q outside [0, 1]', () => {
    expect(() => lognormalQuantile(0, 1, 1.5)).toThrow(RangeError);
    expect(() => lognormalQuantile(0, 1, NaN)).toThrow(/probability/);
  });
});
