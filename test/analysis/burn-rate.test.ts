// SLO burn rate over two windows: a fast burn fires, a slow one does not, a short blip does not
// fire while the long window is still clean, and the target comes from the scenario's SLO.
import { describe, expect, it } from 'vitest';
import { burnRate } from '../../src/analysis/burn-rate.ts';
import { runAnalysis } from './world-fixture.ts';
import { RandomStream } from '../../src/engine/random-stream.ts';
import { metricsSchema } from '../../src/model/config/metrics.ts';
import { MetricSeries } from '../../src/model/metrics/metric-series.ts';
import { Outcome } from '../../src/model/metrics/outcome.ts';

const BURN = { interval: '1m', metrics: [{ name: 'availability-burn', burnRate: {} }] };
const errors = (errorRate: number) => ({ regressions: [{ kind: 'error-rate', errorRate }] });
const DEFAULTS = { shortWindow: 300, longWindow: 3600, threshold: 14.4 };

/** One pool with a scrape every 15 s for `seconds`, failing `bad(t)` of 1000 requests per window. */
function pool(seconds: number, bad: (t: number) => number) {
  const metricsConfig = metricsSchema.parse({});
  const metrics = new MetricSeries(metricsConfig, new RandomStream('burn-rate-test'));
  metrics.addPool();
  for (let t = 15; t <= seconds; t += 15) {
    metrics.count(0, Outcome.Error, bad(t));
    metrics.count(0, Outcome.Ok, 1000 - bad(t));
    metrics.scrape(t);
  }
  return { metrics, metricsConfig };
}

describe('the burn rate of an availability SLO', () => {
  it('divides the error ratio by the error budget in each window', () => {
    const r = burnRate(pool(3600, () => 5), 0, 3600, DEFAULTS, 0.999);
    expect(r.short).toBeCloseTo(5, 9);
    expect(r.long).toBeCloseTo(5, 9);
    expect(r.firing).toBe(false);
    expect(burnRate(pool(3600, () => 20), 0, 3600, DEFAULTS, 0.999).firing).toBe(true);
  });

  it('does not fire on a short blip while the long window stays under the threshold', () => {
    // Five minutes at 3% errors after 55 clean minutes: short window 30×, long window 2.5×.
    const blip = pool(3600, (t) => (t > 3300 ? 30 : 0));
    const r = burnRate(blip, 0, 3600, DEFAULTS, 0.999);
    expect(r.short).toBeCloseTo(30, 9);
    expect(r.long).toBeCloseTo(2.5, 9);
    expect(r.firing).toBe(false);
  });

  it('stops firing soon after a burn ends, when the short window is clean again', () => {
    const ended = pool(3600, (t) => (t > 1800 && t <= 3000 ? 50 : 0));
    expect(burnRate(ended, 0, 3000, DEFAULTS, 0.999).firing).toBe(true);
    expect(burnRate(ended, 0, 3600, DEFAULTS, 0.999).firing).toBe(false);
  });

  it('uses the metric’s own availability over the scenario’s', () => {
    const p = pool(600, () => 5);
    expect(burnRate(p, 0, 600, { ...DEFAULTS, availability: 0.99 }, 0.999).short).toBeCloseTo(0.5, 9);
  });
});

describe('a burn-rate metric in an analysis run', () => {
  it('fires on a fast burn (2% extra errors ≈ 21× a 99.9% budget)', () => {
    const r = runAnalysis({ candidate: errors(0.02) }, BURN, { duration: 900 });
    expect(r.phase).toBe('Failed');
    expect(r.doneAt).toBe(150);
    const m = (r.events[1].metrics as Record<string, unknown>[])[0];
    expect(m).toMatchObject({ name: 'availability-burn', metric: 'errorRate', verdict: 'fail', burnRate: { threshold: 14.4, shortWindow: 300, longWindow: 3600, availability: 0.999 } });
    expect((m.burnRate as { short: number }).short).toBeGreaterThan(18);
  });

  it('does not fire on a slow burn (0.4% extra errors ≈ 5×) over 15 minutes', () => {
    const r = runAnalysis({ candidate: errors(0.004) }, BURN, { duration: 900 });
    expect(r.phase).toBe('Successful');
    expect(r.detail!.rounds).toBe(15);
    const burns = r.events.filter((e) => e.kind === 'analysis').map((e) => ((e.metrics as Record<string, { short: number }>[])[0].burnRate.short));
    expect(Math.max(...burns)).toBeLessThan(10);
    expect(Math.min(...burns)).toBeGreaterThan(2);
  });

  it('takes the availability target from the scenario’s SLO', () => {
    const r = runAnalysis({ candidate: errors(0.004), slo: { availability: 0.9995 } }, BURN, { duration: 300 });
    const m = (r.events[1].metrics as Record<string, { availability: number; short: number }>[])[0];
    expect(m.burnRate.availability).toBe(0.9995);
    expect(m.burnRate.short).toBeGreaterThan(8);
  });
});
