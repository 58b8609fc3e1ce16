// A metrics window's shapes, gathered cheaply and added to the histogram once.
import { describe, expect, it } from 'vitest';
import { lognormalParams } from '../../../src/engine/distributions/lognormal.ts';
import { LatencyHistogram } from '../../../src/model/metrics/latency-histogram.ts';
import { LatencyMix } from '../../../src/model/queueing/latency-mix.ts';
import { LatencyShapeCache } from '../../../src/model/queueing/latency-shape-cache.ts';

const { mu, sigma } = lognormalParams(40, 180);

describe('LatencyMix', () => {
  it('adds to a histogram what direct addition adds, however many shapes it juggles', () => {
    const cache = new LatencyShapeCache();
    const mix = new LatencyMix();
    const direct = new LatencyHistogram();
    for (let tick = 0; tick < 40; tick++) {
      const shape = cache.shape(mu, sigma, 0, 0, 1 + (tick % 11)); // 11 distinct shapes: spills
      mix.add(shape, 10 + tick);
      shape.addTo(direct, 10 + tick);
    }
    const viaMix = new LatencyHistogram();
    mix.flushInto(viaMix);
    expect(viaMix.count).toBeCloseTo(direct.count, 9);
    for (let i = 0; i < LatencyHistogram.bucketCount; i++) expect(viaMix.counts[i]).toBeCloseTo(direct.counts[i], 9);
    expect(viaMix.quantile(0.99)).toBeCloseTo(direct.quantile(0.99), 9);
  });

  it('is empty after a flush', () => {
    const mix = new LatencyMix();
    mix.add(new LatencyShapeCache().shape(mu, sigma), 5);
    mix.flushInto(new LatencyHistogram());
    const h = new LatencyHistogram();
    mix.flushInto(h);
    expect(h.count).toBe(0);
  });
});
