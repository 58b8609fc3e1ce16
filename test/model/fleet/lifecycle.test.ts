// Instance lifecycle with Kubernetes semantics, on fleets whose timings are fixed numbers:
// readiness (provisioning, boot, probe initialDelay/period/successThreshold, propagation),
// draining (endpoint lag vs preStop), the grace period, CrashLoopBackOff, cluster headroom
// and which instances a scale-down removes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Instance, InstanceState } from '../../../src/model/fleet/instance.ts';
import type { World } from '../../../src/model/world.ts';
import { at, expectPoisson, FIDELITIES, type ModelInput, outcomes, world } from '../world-fixtures.ts';

describe('readiness', () => {
  it('follows provisioning, boot, then initialDelay, period and successThreshold from container start, then propagation', () => {
    fc.assert(
      fc.property(
        fc.record({
          provisioning: fc.integer({ min: 0, max: 5 }),
          boot: fc.integer({ min: 1, max: 40 }),
          warmup: fc.integer({ min: 0, max: 20 }),
          initialDelaySeconds: fc.integer({ min: 0, max: 30 }),
          periodSeconds: fc.integer({ min: 1, max: 10 }),
          successThreshold: fc.integer({ min: 1, max: 3 }),
          propagation: fc.integer({ min: 0, max: 5 }),
        }),
        (p) => {
          const T0 = 10;
          const started = T0 + p.provisioning;
          const booted = started + p.boot;
          // Probes run at started + initialDelay + k·period; the first that finds the app up
          // (a probe at the very moment of boot does: boot was scheduled first) starts the
          // run of successThreshold successes.
          const firstUp = Math.max(0, Math.ceil((p.boot - p.initialDelaySeconds) / p.periodSeconds));
          const ready = started + p.initialDelaySeconds + (firstUp + p.successThreshold - 1) * p.periodSeconds;
          const routed = ready + p.propagation;

          const seen: Record<string, unknown> = {};
          let instance: Instance | undefined;
          const input: ModelInput = {
            fleet: {
              replicas: 1,
              provisioning: p.provisioning,
              boot: p.boot,
              warmup: p.warmup,
              readinessProbe: { initialDelaySeconds: p.initialDelaySeconds, periodSeconds: p.periodSeconds, successThreshold: p.successThreshold },
            },
            traffic: { rate: 1 },
            router: { kind: 'mesh', propagation: p.propagation },
            durationS: Math.max(routed, booted + p.warmup) + 1,
          };
          const w = world(input, 1, 'request', (w) => {
            at(w, T0, () => {
              w.fleet.scale(w.fleet.replicaSets[0], 2);
              instance = w.fleet.instances[1];
            });
            const look = (name: string, t: number, what: () => unknown) => at(w, t, () => (seen[name] = what()));
            look('provisionedAt', T0 + 0.25, () => instance!.provisionedAt);
            if (p.provisioning > 0) look('state while provisioning', started - 0.25, () => instance!.state);
            look('state while booting', started + 0.25, () => instance!.state);
            look('upSince', booted + 0.25, () => instance!.upSince);
            if (p.warmup > 0) look('state while warming', booted + Math.min(0.25, p.warmup / 2), () => instance!.state);
            look('state when warm', booted + p.warmup + 0.25, () => instance!.state);
            look('routed just before', routed - 0.25, () => instance!.inEndpoints);
            look('routed just after', routed + 0.25, () => instance!.inEndpoints);
          });
          w.run();
          const readyEvents = w.log.events.filter((e) => e.kind === 'instance-ready');
          expect(readyEvents.map((e) => e.t)).toEqual([ready]);
          expect(seen).toEqual({
            provisionedAt: T0,
            ...(p.provisioning > 0 ? { 'state while provisioning': InstanceState.Pending } : {}),
            'state while booting': InstanceState.Starting,
            upSince: booted,
            ...(p.warmup > 0 ? { 'state while warming': InstanceState.Warming } : {}),
            'state when warm': InstanceState.Ready,
            'routed just before': false,
            'routed just after': true,
          });
        },
      ),
      { seed: 31, numRuns: 60 },
    );
  });

  it('logs the ready event with the instance, version and replica set', () => {
    const w = world({ fleet: { replicas: 1, provisioning: 2, boot: 15, readinessProbe: { initialDelaySeconds: 1, periodSeconds: 4, successThreshold: 2 } }, traffic: { rate: 1 }, durationS: 40 }, 1, 'request', (w) =>
      at(w, 10, () => w.fleet.scale(w.fleet.replicaSets[0], 2)),
    );
    w.run();
    // Container starts at 12; probes at 13, 17, 21, 25 (down), 29 and 33 (up, twice): ready at 33.
    expect(w.log.events).toEqual([{ t: 33, kind: 'instance-ready', instance: 1, version: 'v1', replicaSet: 'v1-stable' }]);
  });
});

describe('draining', () => {
  const RATE = 1000;
  const N = 10;
  const LAG = 3;
  const input = (preStopSeconds: number): ModelInput => ({
    fleet: { replicas: N, termination: { endpointRemovalLag: LAG, preStopSeconds } },
    traffic: { rate: RATE },
    durationS: 60,
  });
  /** Terminates instances 0, 1 and 2 at 20.5 s. */
  const terminateThree = (w: World) => at(w, 20.5, () => [0, 1, 2].forEach((k) => w.fleet.terminate(w.fleet.instances[k])));

  for (const fidelity of FIDELITIES) {
    for (const preStop of [LAG, LAG + 2]) {
      it(`drops no request when preStop (${preStop} s) covers the endpoint lag (${LAG} s) (${fidelity} fidelity)`, () => {
        const w = world(input(preStop), 2, fidelity, terminateThree);
        w.run();
        expect(outcomes(w, 0).dropped).toBe(0);
        for (const k of [0, 1, 2]) expect(w.fleet.instances[k].state).toBe(InstanceState.Gone);
      });
    }

    it(`without preStop drops what the router still sends during the endpoint lag: rate × share × lag (${fidelity} fidelity)`, () => {
      const w = world(input(0), 2, fidelity, terminateThree);
      w.run();
      // 1,000/s over 10 instances, 3 of them stopped but still routed to for 3 s: 900 expected.
      expectPoisson(outcomes(w, 0).dropped, RATE * (3 / N) * LAG, `${fidelity}: dropped`);
    });
  }
});

describe('terminating a crashed instance', () => {
  /**
   * 4 stable replicas and one v2 instance behind a Service, 1,000 requests/s: v2 is ready
   * at 11 s and crashes at 36 s (probes would only notice at 61 s); it is terminated at
   * 40 s, with a 3 s endpoint-removal lag.
   */
  const input: ModelInput = {
    fleet: {
      replicas: 4,
      provisioning: 1,
      boot: 5,
      warmup: 0,
      readinessProbe: { periodSeconds: 10, failureThreshold: 3 },
      crashLoopBackOff: { initial: 1000, max: 1000 },
      termination: { endpointRemovalLag: 3 },
    },
    traffic: { rate: 1000 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2', regressions: [{ kind: 'crash-loop', crashAfter: 30 }] } },
    router: { kind: 'service' },
    durationS: 80,
  };

  for (const fidelity of FIDELITIES) {
    it(`leaves it in the endpoints for the removal lag, dropping its share meanwhile (${fidelity} fidelity)`, () => {
      const w = world(input, 8, fidelity, (w) => {
        const rs = w.addReplicaSet('v2', 1, 'canary');
        w.fleet.scale(rs, 1);
        w.router.setInitialWeights([{ replicaSet: 0, weight: 1 }, { replicaSet: rs.index, weight: 1 }]);
        at(w, 40, () => w.fleet.terminate(w.fleet.instances[4]));
      });
      w.run();
      expect(w.fleet.instances[4].goneAt).toBe(40);
      // One of 5 endpoints from the crash at 36 s until the removal at 43 s: 200/s × 7 s.
      expectPoisson(outcomes(w, 1).dropped, 200 * 7, `${fidelity}: dropped`);
    });
  }
});

describe('the termination grace period', () => {
  const SERVICE_S = 20;
  /** 2 replicas, every request takes exactly 20 s, 4 requests/s; one instance is terminated at 60.5 s. */
  const input = (grace: number): ModelInput => ({
    fleet: {
      replicas: 2,
      instance: { concurrency: 1000, queueLimit: 0 },
      termination: { endpointRemovalLag: 0, preStopSeconds: 0, terminationGracePeriodSeconds: grace },
    },
    traffic: { rate: 4, requestTimeout: 60 },
    releases: { stable: { version: 'v1', latency: { median: SERVICE_S * 1000, p99: SERVICE_S * 1000 } } },
    durationS: 120,
  });

  it('kills the requests still in flight when it ends', () => {
    const GRACE = 5;
    let inFlightAtKill = -1;
    const w = world(input(GRACE), 12, 'request', (w) => {
      at(w, 60.5, () => w.fleet.terminate(w.fleet.instances[0]));
      at(w, 60.5 + GRACE - 1e-6, () => (inFlightAtKill = w.fleet.instances[0].inflight));
    });
    w.run();
    const dropped = outcomes(w, 0).dropped;
    // Everything that started on it in (45.5, 60.5] is still running at 65.5: ≈ 2/s × 15 s.
    expect(dropped).toBe(inFlightAtKill);
    expectPoisson(dropped, 2 * (SERVICE_S - GRACE), 'killed in flight');
    expect(w.fleet.instances[0].goneAt).toBe(60.5 + GRACE);
  });

  it('kills nothing when it outlasts the longest request, and the instance goes as it drains', () => {
    const w = world(input(25), 12, 'request', (w) => at(w, 60.5, () => w.fleet.terminate(w.fleet.instances[0])));
    w.run();
    expect(outcomes(w, 0).dropped).toBe(0);
    const gone = w.fleet.instances[0].goneAt;
    expect(gone).toBeGreaterThan(60.5 + SERVICE_S - 1);
    expect(gone).toBeLessThanOrEqual(60.5 + SERVICE_S);
  });

  // BUG (src/model/fidelity/aggregate-engine.ts, `outstanding`): aggregate fidelity reports
  // 0 requests outstanding, so a terminating instance goes the moment preStop ends and the
  // grace period never kills anything. Seen (seed 12): request fidelity drops 25 requests
  // killed in flight; aggregate drops 0 and the instance is gone at 60.5 s, not 65.5 s.
  it.skip('kills the requests still in flight when it ends (aggregate fidelity)', () => {
    const w = world(input(5), 12, 'aggregate', (w) => at(w, 60.5, () => w.fleet.terminate(w.fleet.instances[0])));
    w.run();
    expectPoisson(outcomes(w, 0).dropped, 2 * (SERVICE_S - 5), 'killed in flight');
  });
});

describe('CrashLoopBackOff', () => {
  it('doubles the restart delay after each crash, up to the maximum', () => {
    const BOOT = 1;
    const CRASH_AFTER = 2;
    const w = world(
      {
        fleet: { replicas: 1, provisioning: 0, boot: BOOT, warmup: 0, crashLoopBackOff: { initial: 1, max: 8 } },
        traffic: { rate: 1 },
        releases: { stable: { version: 'v1' }, candidate: { version: 'v2', regressions: [{ kind: 'crash-loop', crashAfter: CRASH_AFTER }] } },
        durationS: 60,
      },
      1,
      'request',
      (w) => at(w, 0, () => w.fleet.scale(w.addReplicaSet('v2', 1, 'canary'), 1)),
    );
    w.run();
    const crashes = w.log.events.filter((e) => e.kind === 'instance-crash');
    expect(crashes.map((e) => e.restartInS)).toEqual([1, 2, 4, 8, 8, 8, 8]);
    expect(crashes.map((e) => e.crashes)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Each crash comes boot + crashAfter after the previous restart.
    let t = BOOT + CRASH_AFTER;
    for (const c of crashes) {
      expect(c.t).toBe(t);
      t += (c.restartInS as number) + BOOT + CRASH_AFTER;
    }
  });
});

describe('cluster headroom', () => {
  const input: ModelInput = {
    fleet: { replicas: 4, maxInstances: 6, termination: { endpointRemovalLag: 1, preStopSeconds: 0 } },
    traffic: { rate: 100 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
    durationS: 120,
  };

  for (const fidelity of FIDELITIES) {
    it(`makes a scale-up wait, visibly, until instances go (${fidelity} fidelity)`, () => {
      const w = world(input, 1, fidelity, (w) => {
        at(w, 10, () => w.fleet.scale(w.addReplicaSet('v2', 1, 'canary'), 4));
        at(w, 50, () => w.fleet.scale(w.fleet.replicaSets[0], 2));
      });
      w.run();
      const waits = w.log.events.filter((e) => e.kind === 'headroom-wait');
      expect(waits[0]).toEqual({ t: 10, kind: 'headroom-wait', instance: 6, waiting: 2, maxInstances: 6 });
      const canary = w.fleet.replicaSets[1].instances;
      expect(canary.slice(0, 2).map((i) => i.provisionedAt)).toEqual([10, 10]);
      // The two that waited start the moment two stable instances are gone.
      const gone = w.fleet.instances.filter((i) => i.state === InstanceState.Gone).map((i) => i.goneAt).sort((a, b) => a - b);
      expect(gone).toHaveLength(2);
      expect(canary.slice(2).map((i) => i.provisionedAt).sort((a, b) => a - b)).toEqual(gone);
      expect(gone[0]).toBeGreaterThanOrEqual(50);
      expect(w.fleet.peakProvisioned).toBe(6);
      expect(w.fleet.replicaSets[1].ready).toBe(4);
    });
  }
});

describe('scale-down', () => {
  const input = (maxInstances?: number): ModelInput => ({
    fleet: { replicas: 4, maxInstances, provisioning: 2, boot: 20 },
    traffic: { rate: 10 },
    durationS: 60,
  });
  const states = (w: World) => w.fleet.instances.map((i) => [i.id, i.state === InstanceState.Terminating || i.state === InstanceState.Gone ? 'stopping' : 'kept']);

  it('removes instances that are not ready before ready ones', () => {
    const w = world(input(), 1, 'request', (w) => {
      const rs = w.fleet.replicaSets[0];
      at(w, 10, () => w.fleet.scale(rs, 6));
      at(w, 15, () => w.fleet.scale(rs, 4));
    });
    w.run();
    expect(states(w)).toEqual([[0, 'kept'], [1, 'kept'], [2, 'kept'], [3, 'kept'], [4, 'stopping'], [5, 'stopping']]);
  });

  it('removes never-provisioned instances first, then booting ones, newest first', () => {
    const w = world(input(6), 1, 'request', (w) => {
      const rs = w.fleet.replicaSets[0];
      at(w, 10, () => w.fleet.scale(rs, 8)); // 4 and 5 provision, 6 and 7 wait for room
      at(w, 15, () => w.fleet.scale(rs, 5));
    });
    w.run();
    expect(states(w)).toEqual([[0, 'kept'], [1, 'kept'], [2, 'kept'], [3, 'kept'], [4, 'kept'], [5, 'stopping'], [6, 'stopping'], [7, 'stopping']]);
    expect(w.fleet.instances[6].provisionedAt).toBeNaN();
  });

  it('among ready instances, removes the most recently ready first', () => {
    const w = world({ ...input(), fleet: { replicas: 2, provisioning: 0, boot: 1, readinessProbe: { periodSeconds: 1 } } }, 1, 'request', (w) => {
      const rs = w.fleet.replicaSets[0];
      at(w, 10, () => w.fleet.scale(rs, 3));
      at(w, 20, () => w.fleet.scale(rs, 4));
      at(w, 40, () => w.fleet.scale(rs, 2));
    });
    w.run();
    expect(states(w)).toEqual([[0, 'kept'], [1, 'kept'], [2, 'stopping'], [3, 'stopping']]);
  });
});
