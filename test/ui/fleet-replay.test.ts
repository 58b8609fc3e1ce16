import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countStates, FleetReplay, INSTANCE_STATES, synthesizeFleet, type FleetRecord } from '../../src/ui/lib/fleet-replay.ts';
import { fleetLayout } from '../../src/ui/views/fleet-layout.ts';
import { catalogRun } from './run-fixture.ts';

const record: FleetRecord = {
  instances: [
    { id: 0, replicaSet: 'v1-stable', version: 'v1' },
    { id: 1, replicaSet: 'v1-stable', version: 'v1' },
    { id: 2, replicaSet: 'v2-canary', version: 'v2' },
  ],
  transitions: [
    [0, 0, 'pending'],
    [0, 0, 'ready'],
    [0, 1, 'pending'],
    [0, 1, 'ready'],
    [60, 2, 'pending'],
    [61, 2, 'starting'],
    [80, 2, 'warming'],
    [90, 2, 'ready'],
    [100, 1, 'terminating'],
    [130, 1, 'gone'],
    [140, 2, 'crashed'],
  ],
};

const states = (r: FleetReplay, t: number) => r.at(t).map((g) => `${g.replicaSet}:${g.cells.map((c) => `${c.id}=${c.state}`).join(',')}`);

describe('FleetReplay', () => {
  const replay = new FleetReplay(record.instances, record.transitions);

  it('gives each instance its latest state, grouped by replica set, and drops gone ones', () => {
    expect(states(replay, 0)).toEqual(['v1-stable:0=ready,1=ready']);
    expect(states(replay, 60.5)).toEqual(['v1-stable:0=ready,1=ready', 'v2-canary:2=pending']);
    expect(states(replay, 85)).toEqual(['v1-stable:0=ready,1=ready', 'v2-canary:2=warming']);
    expect(states(replay, 100)).toEqual(['v1-stable:0=ready,1=terminating', 'v2-canary:2=ready']);
    expect(states(replay, 135)).toEqual(['v1-stable:0=ready', 'v2-canary:2=ready']);
    expect(states(replay, 999)).toEqual(['v1-stable:0=ready', 'v2-canary:2=crashed']);
  });

  it('counts the most instances alive at once and the states that last', () => {
    expect(replay.peakAlive()).toBe(3);
    // "pending" at t=0 lasts no time for instances 0 and 1, but instance 2 waits a second.
    expect(replay.statesSeen()).toEqual(['pending', 'starting', 'warming', 'ready', 'crashed', 'terminating']);
  });

  it('counts instances per version and state', () => {
    const c = countStates(replay.at(100));
    expect(c.get('v1')).toMatchObject({ ready: 1, terminating: 1 });
    expect(c.get('v2')).toMatchObject({ ready: 1 });
  });

  it('agrees with a naive replay at any time, across checkpoints', () => {
    const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1000 }), fc.constantFrom(...INSTANCE_STATES, 'gone')), { maxLength: 1500 });
    fc.assert(
      fc.property(arb, fc.integer({ min: -1, max: 1001 }), (raw, probe) => {
        const transitions = raw.map(([id, t, s]) => [t, id, s] as [number, number, string]).sort((a, b) => a[0] - b[0]);
        const instances = Array.from({ length: 41 }, (_, id) => ({ id, replicaSet: id % 2 ? 'b' : 'a', version: id % 2 ? 'v2' : 'v1' }));
        const r = new FleetReplay(instances, transitions);
        const naive = new Map<number, string>();
        for (const [t, id, s] of transitions) if (t <= probe) naive.set(id, s);
        const got = new Map(r.at(probe).flatMap((g) => g.cells.map((c) => [c.id, c.state] as const)));
        const want = new Map([...naive].filter(([, s]) => s !== 'gone'));
        expect(got).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});

describe('FleetReplay of a real run', () => {
  it.each(['four-strategies-rolling', 'why-it-matters-recreate-outage', 'blue-green-in-detail'])(
    '%s: at every sample, instances per version match the timeline, and ready ones within draining',
    (name) => {
      const { result, scenario } = catalogRun(name);
      const replay = FleetReplay.of(result, scenario.fleet.replicas);
      const tl = result.timeline;
      tl.t.forEach((t, i) => {
        const counts = countStates(replay.at(t));
        for (const [v, s] of Object.entries(tl.versions)) {
          const c = counts.get(v);
          const alive = c ? INSTANCE_STATES.reduce((n, st) => n + c[st], 0) : 0;
          const ready = c ? c.ready + c.warming : 0;
          expect([t, v, alive], `${name} alive`).toEqual([t, v, s.instances[i]]);
          // A terminating instance still serves during its preStop hook, so the timeline may count it ready.
          expect(s.readyInstances[i], `${name} ready at ${t} (${v})`).toBeGreaterThanOrEqual(ready);
          expect(s.readyInstances[i], `${name} ready at ${t} (${v})`).toBeLessThanOrEqual(ready + (c?.terminating ?? 0));
        }
      });
    },
  );
});

describe('synthesizeFleet (runs without a fleet record)', () => {
  it('reproduces the timeline counts per version from counts and scale events alone', () => {
    const { result, scenario } = catalogRun('four-strategies-rolling');
    const { fleet: _omit, ...bare } = result as typeof result & { fleet?: unknown };
    const replay = FleetReplay.of(bare as typeof result, scenario.fleet.replicas);
    expect(replay.synthesized).toBe(true);
    const tl = result.timeline;
    tl.t.forEach((t, i) => {
      const counts = countStates(replay.at(t));
      for (const [v, s] of Object.entries(tl.versions)) {
        const c = counts.get(v);
        const alive = c ? INSTANCE_STATES.reduce((n, st) => n + c[st], 0) : 0;
        expect(alive).toBe(s.instances[i]);
        expect(c?.ready ?? 0).toBe(s.readyInstances[i]);
      }
    });
  });

  it('marks instances beyond the desired size as terminating and the rest of the not-ready as starting', () => {
    const { result } = catalogRun('why-it-matters-recreate-outage');
    const rec = synthesizeFleet(result, 10);
    const replay = new FleetReplay(rec.instances, rec.transitions, true);
    // Recreate: at 60 s the old fleet is told to stop (desired 0) while its 10 instances drain.
    const at61 = countStates(replay.at(61));
    expect(at61.get('v2')?.starting).toBe(10);
    const at60 = countStates(replay.at(60));
    expect(at60.get('v1')?.terminating).toBe(10);
  });
});

describe('fleetLayout', () => {
  it('picks the largest cell that fits the peak in the box', () => {
    const small = fleetLayout(500, 120, 20, 2);
    expect(small.cell).toBe(24);
    const big = fleetLayout(600, 120, 500, 3);
    const rows = Math.ceil(500 / big.columns) + 2;
    expect(rows * big.pitch + 8).toBeLessThanOrEqual(120);
    expect(big.cell).toBeGreaterThanOrEqual(3);
  });
});
