// Conservation, as property tests over generated scenarios: every request offered to a
// version ends as ok, a client error, an error, a timeout or a drop, or is still in flight
// when the run ends — per version and in total, in both fidelities, whatever the fleet,
// the router, the regressions and a meddling controller do. And every timeline point's
// traffic shares sum to 1 (or to 0 when no request ended in the step).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fidelity, World } from '../../src/model/world.ts';
import { at, inFlight, type ModelInput, type OfferedLedger, offeredLedger, outcomes, world } from './world-fixtures.ts';

/** One thing the generated controller does, at a fraction of the time left after the deploy. */
type Action =
  | { kind: 'weights'; at: number; stable: number; candidate: number }
  | { kind: 'terminate'; at: number; pick: number }
  | { kind: 'scale'; at: number; candidate: boolean; replicas: number }
  | { kind: 'mirror'; at: number; share: number };

interface Generated {
  input: ModelInput;
  deployAt: number;
  canaryReplicas: number;
  actions: Action[];
  /** Scale actions may only add instances. */
  scaleUpOnly: boolean;
  seed: number;
}

interface Faults {
  /** Crashes (crash-loop, memory leak with an OOM limit), terminations, scale-downs, flapping or failing readiness of serving instances. */
  capacityLoss: boolean;
  /** Mirroring (shadow copies) to the candidate. */
  mirror: boolean;
}

const share = fc.double({ min: 0, max: 1, noNaN: true });

/** A regression; without `capacityLoss`, none that crashes instances or (on the stable version) fails its readiness. */
const regression = (capacityLoss: boolean, stable: boolean) =>
  fc
    .oneof(
      fc.record({ kind: fc.constant('error-rate'), errorRate: share }),
      fc.record({ kind: fc.constant('latency'), multiplier: fc.double({ min: 0.5, max: 20, noNaN: true }), tailOnly: fc.boolean() }),
      fc.record({
        kind: fc.constant('load'),
        aboveConcurrency: fc.integer({ min: 1, max: 20 }),
        errorRate: share,
        latencyMultiplier: fc.double({ min: 1, max: 5, noNaN: true }),
      }),
      capacityLoss
        ? fc.record({ kind: fc.constant('memory-leak'), latencyGrowthPerHour: fc.double({ min: 0, max: 50, noNaN: true }), crashAfter: fc.integer({ min: 5, max: 60 }) })
        : fc.record({ kind: fc.constant('memory-leak'), latencyGrowthPerHour: fc.double({ min: 0, max: 50, noNaN: true }) }),
      capacityLoss ? fc.record({ kind: fc.constant('crash-loop'), crashAfter: fc.integer({ min: 1, max: 30 }) }) : fc.record({ kind: fc.constant('error-rate'), errorRate: share }),
      capacityLoss || !stable ? fc.record({ kind: fc.constant('readiness') }) : fc.record({ kind: fc.constant('error-rate'), errorRate: share }),
      fc.record({ kind: fc.constant('business'), conversionMultiplier: share }),
    )
    .chain((r) =>
      fc
        .record({
          onset: fc.oneof(
            fc.constant('deploy' as const),
            fc.record({ at: fc.integer({ min: 0, max: 100 }) }),
            fc.record({ afterUptime: fc.integer({ min: 0, max: 30 }) }),
          ),
          scope: fc.oneof(fc.constant('all' as const), fc.record({ userShare: share })),
        })
        .map((extra) => ({ ...r, ...extra })),
    );

const action = (faults: Faults): fc.Arbitrary<Action> => {
  const when = fc.double({ min: 0, max: 1, noNaN: true });
  const kinds: fc.Arbitrary<Action>[] = [
    fc.record({ kind: fc.constant('weights' as const), at: when, stable: fc.integer({ min: 0, max: 100 }), candidate: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ kind: fc.constant('scale' as const), at: when, candidate: fc.boolean(), replicas: fc.integer({ min: 0, max: 12 }) }),
  ];
  if (faults.capacityLoss) kinds.push(fc.record({ kind: fc.constant('terminate' as const), at: when, pick: fc.nat() }));
  if (faults.mirror) kinds.push(fc.record({ kind: fc.constant('mirror' as const), at: when, share }));
  return fc.oneof(...kinds);
};

/** Small scenarios: fleets 1–20, 1–2,000 requests/s, 10–120 s, every router and lifecycle knob. */
function scenario(faults: Faults): fc.Arbitrary<Generated> {
  return fc
    .record({
      replicas: fc.integer({ min: 1, max: 20 }),
      maxInstances: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      concurrency: fc.integer({ min: 1, max: 32 }),
      queueLimit: fc.integer({ min: 0, max: 100 }),
      provisioning: fc.integer({ min: 0, max: 5 }),
      bootMedian: fc.integer({ min: 1, max: 20 }),
      bootSpread: fc.double({ min: 1, max: 3, noNaN: true }),
      warmup: fc.integer({ min: 0, max: 30 }),
      probe: fc.record({
        initialDelaySeconds: fc.integer({ min: 0, max: 5 }),
        periodSeconds: fc.integer({ min: 1, max: 10 }),
        failureThreshold: fc.integer({ min: 1, max: 3 }),
        successThreshold: fc.integer({ min: 1, max: 3 }),
      }),
      termination: fc.record({
        endpointRemovalLag: fc.integer({ min: 0, max: 5 }),
        preStopSeconds: fc.integer({ min: 0, max: 5 }),
        terminationGracePeriodSeconds: fc.integer({ min: 0, max: 10 }),
      }),
      crashLoopBackOff: fc.record({ initial: fc.integer({ min: 1, max: 10 }), max: fc.integer({ min: 10, max: 40 }) }),
      healthCheckFailureShare: faults.capacityLoss ? fc.constantFrom(0, 0, 0.2) : fc.constant(0),
      rate: fc.integer({ min: 1, max: 2000 }),
      users: fc.integer({ min: 1, max: 5000 }),
      requestTimeout: fc.constantFrom(0.1, 1, 30),
      latencyMedian: fc.integer({ min: 2, max: 200 }),
      latencySpread: fc.double({ min: 1, max: 8, noNaN: true }),
      errorRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
      clientErrorRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
      stableRegressions: fc.array(regression(faults.capacityLoss, true), { maxLength: 1 }),
      candidateRegressions: fc.array(regression(faults.capacityLoss, false), { maxLength: 3 }),
      router: fc.record({
        kind: fc.constantFrom('mesh', 'service', 'dns'),
        propagation: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        balancer: fc.constantFrom('round-robin', 'least-outstanding', 'random'),
        sessionAffinity: fc.boolean(),
        dns: fc.record({ ttl: fc.integer({ min: 1, max: 60 }), longCacheShare: fc.double({ min: 0, max: 0.3, noNaN: true }), longCacheSeconds: fc.integer({ min: 60, max: 600 }) }),
      }),
      durationS: fc.integer({ min: 10, max: 120 }),
      deployAt: fc.double({ min: 0, max: 0.8, noNaN: true }),
      canaryReplicas: fc.integer({ min: 0, max: 10 }),
      actions: fc.array(action(faults), { maxLength: 10 }),
      seed: fc.nat(),
    })
    .map((g) => {
      const release = (version: string, regressions: unknown[]) => ({
        version,
        latency: { median: g.latencyMedian, p99: g.latencyMedian * g.latencySpread },
        errorRate: g.errorRate,
        clientErrorRate: g.clientErrorRate,
        regressions,
      });
      return {
        input: {
          fleet: {
            replicas: g.replicas,
            maxInstances: g.maxInstances,
            instance: { concurrency: g.concurrency, queueLimit: g.queueLimit },
            provisioning: g.provisioning,
            boot: { median: g.bootMedian, p99: g.bootMedian * g.bootSpread },
            warmup: g.warmup,
            readinessProbe: g.probe,
            termination: g.termination,
            crashLoopBackOff: g.crashLoopBackOff,
            healthCheckFailureShare: g.healthCheckFailureShare,
          },
          traffic: { rate: g.rate, users: g.users, requestTimeout: g.requestTimeout },
          releases: { stable: release('v1', g.stableRegressions), candidate: release('v2', g.candidateRegressions) },
          router: g.router,
          durationS: g.durationS,
          sampleStepS: 1,
        },
        deployAt: g.deployAt * g.durationS,
        canaryReplicas: g.canaryReplicas,
        actions: g.actions,
        scaleUpOnly: !faults.capacityLoss,
        seed: g.seed,
      };
    });
}

/** A controller that deploys a candidate replica set, then meddles: weights, kills, scaling, mirroring. */
function meddler(g: Generated) {
  return (w: World) => {
    let canary = -1;
    at(w, g.deployAt, () => {
      const rs = w.addReplicaSet('v2-canary', 1, 'canary');
      canary = rs.index;
      w.deployStartedAt = w.sim.now;
      w.fleet.scale(rs, g.canaryReplicas);
    });
    for (const a of g.actions) {
      at(w, g.deployAt + a.at * (w.durationS - g.deployAt), () => {
        switch (a.kind) {
          case 'weights':
            w.router.setWeights([
              { replicaSet: w.stableReplicaSet, weight: a.stable },
              { replicaSet: canary, weight: a.candidate },
            ]);
            break;
          case 'terminate':
            w.fleet.terminate(w.fleet.instances[a.pick % w.fleet.instances.length]);
            break;
          case 'scale': {
            const rs = w.fleet.replicaSets[a.candidate ? canary : w.stableReplicaSet];
            w.fleet.scale(rs, g.scaleUpOnly ? Math.max(rs.current, a.replicas) : a.replicas);
            break;
          }
          case 'mirror':
            w.router.mirrorTo = canary;
            w.router.mirrorShare = a.share;
            break;
        }
      });
    }
  };
}

/**
 * Asserts offered = ok + clientErrors + errors + timeouts + dropped + in flight for each
 * version and in total. Aggregate fidelity serves whole requests out of a fractional
 * backlog, so each replica-set tick may book up to ½ a request more or less than it
 * received: the books must balance to within that tick by tick, and exactly over the run
 * once the ticks' rounding is added back.
 */
function expectBooksBalance(w: World, ledger: OfferedLedger, what = ''): void {
  const flying = inFlight(w);
  let offeredTotal = 0;
  let accounted = 0;
  expect(ledger.worstTick, `${what} worst imbalance of one replica-set tick`).toBeLessThanOrEqual(0.5 + 1e-9);
  for (let v = 0; v < w.versions.length; v++) {
    const offered = ledger.offered[v];
    const o = outcomes(w, v);
    const drift = ledger.roundingDrift[v];
    const books =
      `${what} ${w.fidelity} ${w.versions[v]}: offered ${offered} vs ok ${o.ok} + 4xx ${o.clientErrors} + 5xx ${o.errors} + ` +
      `timeouts ${o.timeouts} + dropped ${o.dropped} + in flight ${flying[v]} − rounding ${drift}`;
    expect(Math.abs(offered - (o.total + flying[v] - drift)), books).toBeLessThanOrEqual(1e-6 * Math.max(1, offered));
    offeredTotal += offered;
    accounted += o.total + flying[v] - drift;
  }
  expect(Math.abs(offeredTotal - accounted), `${what} ${w.fidelity}: offered ${offeredTotal} in total vs ${accounted}`).toBeLessThanOrEqual(1e-6 * Math.max(1, offeredTotal));
}

/** Every timeline point's traffic shares sum to 1, or to 0 when no request ended in the step. */
function expectSharesSumToOne(w: World): void {
  for (let k = 0; k < w.recorder.t.length; k++) {
    const sum = w.recorder.series.reduce((s, v) => s + v.trafficShare[k], 0);
    expect(Math.abs(sum - 1) <= 1e-5 || sum === 0, `${w.fidelity}: traffic shares at t = ${w.recorder.t[k]} sum to ${sum}`).toBe(true);
  }
}

function expectConserved(g: Generated, fidelity: Fidelity): void {
  const w = world(g.input, g.seed, fidelity, meddler(g));
  const ledger = offeredLedger(w);
  w.run();
  expectBooksBalance(w, ledger);
  expectSharesSumToOne(w);
}

const EVERYTHING: Faults = { capacityLoss: true, mirror: true };
const NO_LOSS_NO_MIRROR: Faults = { capacityLoss: false, mirror: false };

describe('conservation of requests', () => {
  it('holds exactly in request fidelity, crashes, kills, flapping probes and mirroring included', () => {
    fc.assert(
      fc.property(scenario(EVERYTHING), (g) => expectConserved(g, 'request')),
      { seed: 20_261, numRuns: 100 },
    );
  });

  it('holds in aggregate fidelity while no capacity is lost and nothing is mirrored (to within the fluid backlog’s rounding)', () => {
    fc.assert(
      fc.property(scenario(NO_LOSS_NO_MIRROR), (g) => expectConserved(g, 'aggregate')),
      { seed: 20_262, numRuns: 200 },
    );
  });

  // BUG (src/model/fidelity/aggregate-engine.ts, pool-tick.ts): in aggregate fidelity a
  // crash books drops out of thin air, a shrinking queue loses requests, and shadow copies
  // leak into the real books; see the three cases below. Unskip when those are fixed.
  it('holds in aggregate fidelity with crashes, kills, flapping probes and mirroring', () => {
    fc.assert(
      fc.property(scenario(EVERYTHING), (g) => expectConserved(g, 'aggregate')),
      { seed: 20_263, numRuns: 60 },
    );
  });
});

describe('conservation, case by case', () => {
  function expectBalancedRun(fidelity: Fidelity, input: ModelInput, controller: (w: World) => void): void {
    const w = world(input, 1, fidelity, controller);
    const ledger = offeredLedger(w);
    w.run();
    expectBooksBalance(w, ledger, JSON.stringify(input.fleet));
  }

  /** 4 stable replicas and 4 crash-looping canary replicas at 50%, 1,000 requests/s for 120 s (12 crashes). */
  const crashLoop: [ModelInput, (w: World) => void] = [
    {
      fleet: { replicas: 4, provisioning: 0, boot: 5, warmup: 0, readinessProbe: { periodSeconds: 1 } },
      traffic: { rate: 1000 },
      releases: { stable: { version: 'v1' }, candidate: { version: 'v2', regressions: [{ kind: 'crash-loop', crashAfter: 10 }] } },
      durationS: 120,
    },
    (w) =>
      at(w, 1, () => {
        const rs = w.addReplicaSet('v2-canary', 1, 'canary');
        w.fleet.scale(rs, 4);
        w.router.setWeights([{ replicaSet: w.stableReplicaSet, weight: 50 }, { replicaSet: rs.index, weight: 50 }]);
      }),
  ];

  /** 4 replicas (concurrency 2, queueLimit 100, 150 ms) at 100/s, so queues fill; 3 are terminated at 20.5 s. */
  const shrinkingQueue: [ModelInput, (w: World) => void] = [
    {
      fleet: { replicas: 4, instance: { concurrency: 2, queueLimit: 100 }, termination: { endpointRemovalLag: 0, preStopSeconds: 0 } },
      traffic: { rate: 100 },
      releases: { stable: { version: 'v1', latency: { median: 150, p99: 150 } } },
      durationS: 60,
    },
    (w) => at(w, 20.5, () => [0, 1, 2].forEach((k) => w.fleet.terminate(w.fleet.instances[k]))),
  ];

  /** Every request mirrored to a 1-instance v2 pool (concurrency 2, 200 ms) that gets no real traffic. */
  const mirrored: [ModelInput, (w: World) => void] = [
    {
      fleet: { replicas: 4, provisioning: 0, boot: 5, warmup: 0, instance: { concurrency: 2, queueLimit: 10 }, readinessProbe: { periodSeconds: 1 } },
      traffic: { rate: 100 },
      releases: { stable: { version: 'v1', latency: { median: 20, p99: 40 } }, candidate: { version: 'v2', latency: { median: 200, p99: 400 } } },
      durationS: 60,
    },
    (w) =>
      at(w, 1, () => {
        const rs = w.addReplicaSet('v2-shadow', 1, 'canary');
        w.fleet.scale(rs, 1);
        w.router.mirrorTo = rs.index;
        w.router.mirrorShare = 1;
      }),
  ];

  it('holds in request fidelity when instances crash, when an overloaded pool shrinks, and under mirroring', () => {
    for (const [input, controller] of [crashLoop, shrinkingQueue, mirrored]) expectBalancedRun('request', input, controller);
  });

  // BUG (src/model/fidelity/aggregate-engine.ts, `lose`): a crash draws
  // Poisson(rate per instance × mean latency) extra drops, but those requests were already
  // booked as served in the tick they arrived. Seen (seed 1): v2 offered 58,099, booked
  // 58,178 with nothing in flight (+79 ≈ 12 crashes × 125/s × 65.6 ms).
  it('holds in aggregate fidelity when instances crash', () => {
    expectBalancedRun('aggregate', ...crashLoop);
  });

  // BUG (src/model/fidelity/pool-tick.ts): when a pool's queue room (accepting instances ×
  // queueLimit) shrinks below its backlog, the excess leaves the backlog as `overflow` but
  // only min(overflow, arrivals) is booked as dropped; the rest vanishes. Seen (seed 1): the
  // tick after the 3 terminations is 287 requests short (backlog ≈ 400 → 100 with ≈ 100
  // arrivals). Fix: out.dropped = refused + overflow.
  it('holds in aggregate fidelity when an overloaded pool loses instances', () => {
    expectBalancedRun('aggregate', ...shrinkingQueue);
  });

  // BUG (src/model/fidelity/aggregate-engine.ts, `serveMirror`): shadow copies go through
  // the target pool's real backlog, so under load they come back out as real outcomes of
  // the target version (and real queued requests can leave as shadows). Seen (seed 1): v2
  // offered 0, booked 500 (ok 499, 5xx 1) with 10 more in its backlog.
  it('holds in aggregate fidelity under mirroring', () => {
    expectBalancedRun('aggregate', ...mirrored);
  });
});
