import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/scenario/simulate.ts';

const base = {
  name: 'flagger-timing',
  title: 'Flagger timing',
  duration: '1h',
  fleet: { replicas: 4, provisioning: 0, boot: 10, warmup: 0, readinessProbe: { periodSeconds: 1 } },
  traffic: { rate: 200, users: 1000 },
  releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
  analysis: {
    'success-rate': {
      interval: '1m',
      metrics: [{ name: 'request-success-rate', metric: 'successRate', thresholdRange: { min: 99 } }],
    },
  },
};

describe('Flagger’s analysis loop', () => {
  it('promotes after interval × maxWeight / stepWeight (1 m × 50 / 2 = 25 min), plus the primary’s rollout', () => {
    const result = simulate(
      scenarioSchema.parse({
        ...base,
        strategy: { kind: 'canary', deployAt: 0, flagger: { interval: '1m', stepWeight: 2, maxWeight: 50, analysis: 'success-rate' } },
      }),
      { fidelity: 'aggregate' },
    );
    expect(result.outcome).toBe('promoted');
    const advances = result.events.filter((e) => e.kind === 'weight-change' && String(e.reason).startsWith('Advance'));
    expect(advances.length).toBe(25);
    const promote = result.events.find((e) => e.kind === 'promote');
    const firstAdvance = advances[0].t;
    // 25 weight steps one interval apart, then one more passing check at 50%.
    expect((promote?.t ?? 0) - firstAdvance).toBe(25 * 60);
    // The primary's rollout (new pods: 10 s boot, 1 s probe, 2 s mesh propagation) comes on top.
    const rollout = result.summary.rolloutDurationS ?? 0;
    expect(rollout).toBeGreaterThan(25 * 60 + 10);
    expect(rollout).toBeLessThan(25 * 60 + 60);
  });

  it('rolls back after `threshold` failed checks, holding the weight in between', () => {
    const result = simulate(
      scenarioSchema.parse({
        ...base,
        releases: { stable: { version: 'v1' }, candidate: { version: 'v2', regressions: [{ kind: 'error-rate', errorRate: 0.2 }] } },
        strategy: { kind: 'canary', deployAt: 0, flagger: { interval: '1m', threshold: 3, stepWeight: 10, analysis: 'success-rate' } },
      }),
      { fidelity: 'aggregate' },
    );
    expect(result.outcome).toBe('rolled-back');
    const halts = result.events.filter((e) => e.kind === 'halt');
    expect(halts.map((h) => h.failedChecks)).toEqual([1, 2, 3]);
    const advances = result.events.filter((e) => e.kind === 'weight-change' && String(e.reason).startsWith('Advance'));
    expect(advances.length).toBe(1);
  });
});
