// A rollout superseded by a third release mid-way: the newer release replaces the candidate.
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/scenario/simulate.ts';

const base = {
  name: 'supersede',
  title: 'superseded rollout',
  duration: '30m',
  fleet: { replicas: 8, provisioning: 0, boot: 10, warmup: 0, readinessProbe: { periodSeconds: 1 }, termination: { preStopSeconds: 3 } },
  traffic: { rate: 200, users: 2000 },
  releases: {
    stable: { version: 'v1' },
    candidate: { version: 'v2' },
    superseding: { version: 'v3' },
  },
};
const run = (strategy: Record<string, unknown>) => simulate(scenarioSchema.parse({ ...base, strategy: { deployAt: 60, supersedeAt: 180, ...strategy } }), { fidelity: 'aggregate' });
const last = (xs: number[]) => xs[xs.length - 1];

describe('a rollout superseded by a newer release', () => {
  it('canary: the v2 canary loses its traffic, the steps start over with v3, and v3 reaches everyone', () => {
    const r = run({ kind: 'canary', steps: [{ setWeight: 20 }, { pause: { duration: 300 } }, { setWeight: 50 }, { pause: { duration: 300 } }] });
    expect(r.outcome).toBe('promoted');
    const superseded = r.events.find((e) => e.kind === 'superseded');
    expect(superseded).toMatchObject({ from: 'v2', to: 'v3' });
    const steps = r.events.filter((e) => e.kind === 'step' && e.t >= (superseded?.t ?? 0));
    expect(steps[0]).toMatchObject({ index: 0 });
    expect(last(r.timeline.versions.v3.trafficShare)).toBeCloseTo(1, 3);
    expect(last(r.timeline.versions.v2.instances)).toBe(0);
    expect(Math.max(...r.timeline.versions.v2.trafficShare)).toBeGreaterThan(0.15);
  });

  it('rolling: v3 becomes the new replica set and both older ones are scaled down', () => {
    const r = run({ kind: 'rolling', maxSurge: 1, maxUnavailable: 0, supersedeAt: 90 });
    expect(r.outcome).toBe('promoted');
    expect(last(r.timeline.versions.v3.instances)).toBe(8);
    expect(last(r.timeline.versions.v2.instances)).toBe(0);
    expect(last(r.timeline.versions.v1.instances)).toBe(0);
    expect(r.summary.downtimeS).toBe(0);
  });

  it('recreate: the v2 instances are replaced by v3 ones', () => {
    const r = run({ kind: 'recreate', supersedeAt: 65 });
    expect(r.outcome).toBe('promoted');
    expect(last(r.timeline.versions.v3.instances)).toBe(8);
    expect(last(r.timeline.versions.v2.instances)).toBe(0);
  });

  it('is not a blue-green field (refused as unknown)', () => {
    const parsed = scenarioSchema.safeParse({ ...base, strategy: { kind: 'blue-green', supersedeAt: 100 } });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/supersedeAt/);
  });
});
