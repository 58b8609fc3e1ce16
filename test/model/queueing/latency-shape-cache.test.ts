// The shape cache: quantized keys, results independent of what it holds, and the add helpers.
import { describe, expect, it } from 'vitest';
import { lognormalParams } from '../../../src/engine/distributions/lognormal.ts';
import { LatencyHistogram } from '../../../src/model/metrics/latency-histogram.ts';
import { serviceShape, withExponentialWait } from '../../../src/model/queueing/latency-shape.ts';
import { LatencyShapeCache } from '../../../src/model/queueing/latency-shape-cache.ts';
import { WaitMixture } from '../../../src/model/queueing/wait-mixture.ts';

const { mu, sigma } = lognormalParams(40, 180);

describe('LatencyShapeCache', () => {
  it('returns the same shape for parameters within one quantization step', () => {
    const cache = new LatencyShapeCache();
    const a = cache.shape(mu, sigma, 0, 0, 12.0);
    expect(cache.shape(mu, sigma, 0, 0, 12.0 * (1 + 1e-4))).toBe(a);
    expect(cache.shape(mu, sigma, 0, 0, 14)).not.toBe(a);
  });

  it('is close to the unquantized shape (within 0.3% at every quantile)', () => {
    const cache = new LatencyShapeCache();
    for (const [from, to, theta, cut] of [[0, 0, 7.3, Infinity], [0, 0, 123.4, 500], [333.3, 333.3, 0, 0], [100, 2345, 3.1, 154]]) {
      const quantized = new LatencyHistogram();
      cache.shape(mu, sigma, from, to, theta, cut).addTo(quantized, 1);
      const exact = new LatencyHistogram();
      const base = serviceShape(mu, sigma, from, to);
      (theta > 0 ? withExponentialWait(base, theta, cut) : base).addTo(exact, 1);
      for (const q of [0.1, 0.5, 0.9, 0.99]) expect(quantized.quantile(q) / exact.quantile(q)).toBeCloseTo(1, 2);
    }
  });

  it('gives the same numbers whatever it held before (a pure function of the key)', () => {
    const fresh = new LatencyShapeCache();
    const busy = new LatencyShapeCache(8);
    for (let i = 0; i < 50; i++) busy.shape(mu, sigma, 0, 0, 1 + i); // evicts repeatedly
    expect(Array.from(busy.shape(mu, sigma, 0, 0, 9.9, 80).masses)).toEqual(Array.from(fresh.shape(mu, sigma, 0, 0, 9.9, 80).masses));
    expect(busy.size).toBeLessThanOrEqual(8);
  });

  it('adds served requests with the right count and mean', () => {
    const cache = new LatencyShapeCache();
    const h = new LatencyHistogram();
    cache.addServed(h, 1000, mu, sigma, 0.25, 20);
    expect(h.count).toBeCloseTo(1000, 9);
    // E[S] + 0.25·20 ms, to the bucket midpoints' resolution.
    expect(h.mean / (Math.exp(mu + (sigma * sigma) / 2) + 5)).toBeCloseTo(1, 3);
  });

  it('adds a wait mixture component by component', () => {
    const cache = new LatencyShapeCache();
    const waits = new WaitMixture();
    waits.push(0.5, 0, 0, 0, Infinity);
    waits.push(0.3, 0, 0, 0.02, Infinity);
    waits.push(0.2, 0.1, 0.3, 0, Infinity);
    const viaMixture = new LatencyHistogram();
    cache.addMixture(viaMixture, 100, mu, sigma, waits);
    const byHand = new LatencyHistogram();
    cache.shape(mu, sigma).addTo(byHand, 50);
    cache.shape(mu, sigma, 0, 0, 20).addTo(byHand, 30);
    cache.shape(mu, sigma, 100, 300).addTo(byHand, 20);
    expect(Array.from(viaMixture.counts)).toEqual(Array.from(byHand.counts));
  });
});
