// AWS CodeDeploy's deployment configurations, expanded into Kubernetes and Argo fields.
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/scenario/simulate.ts';
import { presetSteps } from '../../src/strategies/canary-presets.ts';

const base = {
  name: 'presets',
  title: 'CodeDeploy presets',
  duration: '40m',
  fleet: { replicas: 10, provisioning: 0, boot: 10, warmup: 0, readinessProbe: { periodSeconds: 1 }, termination: { preStopSeconds: 3 } },
  traffic: { rate: 100, users: 1000 },
  releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
};
const run = (strategy: Record<string, unknown>) => simulate(scenarioSchema.parse({ ...base, strategy: { deployAt: 60, ...strategy } }), { fidelity: 'aggregate' });

describe('CodeDeploy presets', () => {
  it('expands the canary configurations into Argo steps', () => {
    expect(presetSteps('Canary10Percent5Minutes')).toEqual([{ setWeight: 10 }, { pause: { duration: 300 } }]);
    const linear = presetSteps('Linear10PercentEvery1Minute');
    expect(linear.filter((s) => 'setWeight' in s).map((s) => ('setWeight' in s ? s.setWeight : 0))).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(presetSteps('AllAtOnce')).toEqual([]);
  });

  it('Canary10Percent5Minutes holds 10% for five minutes, then shifts everything', () => {
    const r = run({ kind: 'canary', preset: 'Canary10Percent5Minutes' });
    expect(r.outcome).toBe('promoted');
    const weights = r.events.filter((e) => e.kind === 'weight-change');
    expect(weights.map((e) => (e.weights as Record<string, number>)['v2-canary'])).toEqual([10, 100]);
    expect(weights[1].t - weights[0].t).toBeGreaterThanOrEqual(300);
    expect(weights[1].t - weights[0].t).toBeLessThan(330);
  });

  it('Linear10PercentEvery1Minute reaches everyone after nine one-minute steps', () => {
    const r = run({ kind: 'canary', preset: 'Linear10PercentEvery1Minute' });
    expect(r.outcome).toBe('promoted');
    const weights = r.events.filter((e) => e.kind === 'weight-change').map((e) => (e.weights as Record<string, number>)['v2-canary']);
    expect(weights).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(r.summary.rolloutDurationS).toBeGreaterThan(9 * 60);
  });

  it('in-place OneAtATime, HalfAtATime and AllAtOnce replace hosts 1, half and all at a time with no extra instances', () => {
    const oneAtATime = run({ kind: 'rolling', preset: 'OneAtATime' });
    const half = run({ kind: 'rolling', preset: 'HalfAtATime' });
    const all = run({ kind: 'rolling', preset: 'AllAtOnce' });
    for (const r of [oneAtATime, half, all]) {
      expect(r.outcome).toBe('promoted');
      // Terminating hosts still bill while they drain, so only the replacement count is bounded.
      const scaleUps = r.events.filter((e) => e.kind === 'scale' && e.replicaSet === 'v2').map((e) => e.replicas as number);
      expect(scaleUps.length).toBeGreaterThan(0);
    }
    const stepsOf = (r: typeof oneAtATime) => r.events.filter((e) => e.kind === 'scale' && e.replicaSet === 'v2').length;
    expect(stepsOf(oneAtATime)).toBe(10);
    expect(stepsOf(half)).toBe(2);
    expect(stepsOf(all)).toBe(1);
    // Taking everything down at once is the recreate outage by another name.
    expect(all.summary.downtimeS).toBeGreaterThan(5);
    expect(oneAtATime.summary.downtimeS).toBe(0);
    expect(oneAtATime.summary.rolloutDurationS ?? 0).toBeGreaterThan((half.summary.rolloutDurationS ?? 0) * 2);
  });
});

describe('a blue-green flip through each kind of router', () => {
  // Users alike (userSkew 0), so 5% of the clients send 5% of the requests.
  const flip = (router: Record<string, unknown>) =>
    simulate(scenarioSchema.parse({ ...base, traffic: { rate: 100, users: 1000, userSkew: 0 }, duration: '30m', router, strategy: { kind: 'blue-green', deployAt: 60, scaleDownDelaySeconds: 1200 } }), { fidelity: 'aggregate' });

  it('takes the mesh’s propagation delay through a mesh', () => {
    const r = flip({ kind: 'mesh', propagation: 5 });
    expect(r.timeline.dnsStragglerShare).toBeUndefined();
    const flipAt = r.events.find((e) => e.kind === 'flip')?.t ?? 0;
    expect((r.events.find((e) => e.kind === 'promoted')?.t ?? 0) - flipAt).toBeCloseTo(5, 0);
  });

  it('leaves the long-caching DNS clients on blue long after the TTL', () => {
    const r = flip({ kind: 'dns', dns: { ttl: 60, longCacheShare: 0.05, longCacheSeconds: 900 } });
    const flipAt = r.events.find((e) => e.kind === 'flip')?.t ?? 0;
    const v1 = r.timeline.versions.v1.trafficShare;
    const at = (s: number) => v1[r.timeline.t.findIndex((t) => t >= s)];
    expect(at(flipAt + 120)).toBeGreaterThan(0.03); // normal clients have moved; the long cachers have not
    expect(at(flipAt + 120)).toBeLessThan(0.08);
    expect(at(flipAt + 960)).toBeLessThan(0.005); // after the long cache expires
    // The timeline names the stragglers: a few percent on blue's stale answers, then none.
    const stragglers = r.timeline.dnsStragglerShare ?? [];
    const idx = (s: number) => r.timeline.t.findIndex((t) => t >= s);
    expect(stragglers[idx(flipAt + 120)]).toBeGreaterThan(0.03);
    expect(stragglers[idx(flipAt + 960)]).toBeLessThan(0.005);
    // "All traffic on green" waits for the long cachers: 99.9% is reached ~880 s after the flip.
    expect(r.summary.rolloutDurationS ?? 0).toBeGreaterThan(850);
  });
});
