// The router as requests experience it, in both fidelities: mesh weights split requests
// binomially, a Service splits by ready endpoints, a DNS flip has the tail its long-caching
// clients give it, health checks take failureThreshold × period to drop a dead instance,
// and session affinity pins a user to one instance.
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src/model/fleet/instance.ts';
import type { World } from '../../../src/model/world.ts';
import { at, expectBinomial, expectPoisson, FIDELITIES, type ModelInput, outcomes, world } from '../world-fixtures.ts';

/** Requests per version from the recorder (the truth), whole run. */
const totals = (w: World) => w.versions.map((_, v) => outcomes(w, v).total);

/**
 * Mean traffic share of version v over the timeline points in (from, to]. Callers leave
 * out the run's last point: it is empty in aggregate fidelity (see the BUG in
 * test/model/recorder/timeline.test.ts).
 */
function meanShare(w: World, v: number, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  w.recorder.t.forEach((t, k) => {
    if (t > from && t <= to) {
      sum += w.recorder.series[v].trafficShare[k];
      n++;
    }
  });
  return sum / n;
}

describe('a mesh router', () => {
  const input: ModelInput = {
    fleet: { replicas: 6 },
    traffic: { rate: 1000 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2' }, superseding: { version: 'v3' } },
    durationS: 120,
  };
  /** Three replica sets of 6 ready instances, weighted 60/30/10 from t = 0 (no propagation). */
  const weighted = (w: World) => {
    const v2 = w.addReplicaSet('v2', 1, 'canary');
    const v3 = w.addReplicaSet('v3', 2, 'canary');
    w.fleet.seedReady(v2, 6);
    w.fleet.seedReady(v3, 6);
    w.router.setInitialWeights([
      { replicaSet: 0, weight: 60 },
      { replicaSet: v2.index, weight: 30 },
      { replicaSet: v3.index, weight: 10 },
    ]);
  };

  for (const fidelity of FIDELITIES) {
    it(`splits requests by weight within binomial bounds (${fidelity} fidelity)`, () => {
      const w = world(input, 5, fidelity, weighted);
      w.run();
      const n = totals(w);
      const all = n[0] + n[1] + n[2];
      expect(all).toBeGreaterThan(100_000);
      [0.6, 0.3, 0.1].forEach((p, v) => expectBinomial(n[v], all, p, `${fidelity}: requests to ${w.versions[v]}`));
    });
  }

  for (const fidelity of FIDELITIES) {
    it(`applies a weight change after its propagation delay (${fidelity} fidelity)`, () => {
      const w = world({ ...input, router: { kind: 'mesh', propagation: 5 }, durationS: 60 }, 5, fidelity, (w) => {
        const v2 = w.addReplicaSet('v2', 1, 'canary');
        w.fleet.seedReady(v2, 6);
        at(w, 20, () => w.router.setWeights([{ replicaSet: 0, weight: 50 }, { replicaSet: v2.index, weight: 50 }]));
      });
      w.run();
      expect(meanShare(w, 1, 0, 25)).toBe(0);
      expect(Math.abs(meanShare(w, 1, 26, 59) - 0.5)).toBeLessThan(0.01);
    });
  }
});

describe('a Service router', () => {
  const input: ModelInput = {
    fleet: { replicas: 9, provisioning: 1, boot: 5, warmup: 0, readinessProbe: { periodSeconds: 1 } },
    traffic: { rate: 1000 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
    router: { kind: 'service' },
    durationS: 120,
  };

  for (const fidelity of FIDELITIES) {
    it(`sends each selected replica set its share of ready endpoints, whatever the weights (${fidelity} fidelity)`, () => {
      let canary = -1;
      const w = world(input, 6, fidelity, (w) => {
        const rs = w.addReplicaSet('v2', 1, 'canary');
        canary = rs.index;
        w.fleet.seedReady(rs, 3);
        // Weight 1 only "selects" the canary: 3 of 12 endpoints take a quarter of the requests.
        w.router.setInitialWeights([{ replicaSet: 0, weight: 99 }, { replicaSet: rs.index, weight: 1 }]);
        // At 60 s the canary grows to 6 instances; once they are ready it has 6 of 15 endpoints.
        at(w, 60, () => w.fleet.scale(rs, 6));
      });
      const counted = { early: [0, 0], late: [0, 0] };
      // Count requests by the replica set the router chose, in the two settled periods.
      const choose = w.router.choose.bind(w.router);
      w.router.choose = (user, cohort, rng) => {
        const rs = choose(user, cohort, rng);
        const t = w.sim.now;
        if (t < 60) counted.early[rs === canary ? 1 : 0]++;
        else if (t > 80) counted.late[rs === canary ? 1 : 0]++;
        return rs;
      };
      w.run();
      // The timeline agrees with the endpoints at every point: share = ready share.
      w.recorder.t.forEach((t, k) => {
        if ((t > 58 && t < 80) || t === w.durationS) return; // the canary's new instances joining; the empty last point
        const ready = w.recorder.series.map((s) => s.readyInstances[k]);
        const expected = ready[1] / (ready[0] + ready[1]);
        expect(expected).toBeCloseTo(t < 60 ? 3 / 12 : 6 / 15, 10);
        expect(Math.abs(w.recorder.series[1].trafficShare[k] - expected), `share at ${t}`).toBeLessThan(0.1);
      });
      expect(Math.abs(meanShare(w, 1, 0, 58) - 3 / 12)).toBeLessThan(0.01);
      expect(Math.abs(meanShare(w, 1, 80, 119) - 6 / 15)).toBeLessThan(0.01);
      if (fidelity === 'request') {
        expectBinomial(counted.early[1], counted.early[0] + counted.early[1], 3 / 12, 'requests to the canary, 3 of 12 endpoints');
        expectBinomial(counted.late[1], counted.late[0] + counted.late[1], 6 / 15, 'requests to the canary, 6 of 15 endpoints');
      }
    });
  }
});

describe('a DNS router', () => {
  const TTL = 60;
  const LONG = 600;
  const FLIP = 100;
  const input: ModelInput = {
    fleet: { replicas: 10 },
    // Every user alike (userSkew 0), so 5% of the clients send 5% of the requests.
    traffic: { rate: 1000, users: 20_000, userSkew: 0 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
    router: { kind: 'dns', dns: { ttl: TTL, longCacheShare: 0.05, longCacheSeconds: LONG } },
    durationS: 800,
    sampleStepS: 10,
  };
  /** Blue (v1) and green (v2), both fully up; the records flip to green at 100 s. */
  const flip = (w: World) => {
    const green = w.addReplicaSet('green', 1, 'green');
    w.fleet.seedReady(green, 10);
    at(w, FLIP, () => w.router.setWeights([{ replicaSet: 0, weight: 0 }, { replicaSet: green.index, weight: 100 }]));
  };
  /**
   * The long-caching clients' share on blue t seconds after the flip: their caches expire
   * spread evenly over one long TTL, so 5% falls linearly to 0 over 600 s.
   */
  const longTail = (t: number) => 0.05 * Math.max(0, 1 - (t - FLIP) / LONG);

  for (const fidelity of FIDELITIES) {
    it(`leaves the long-caching 5% on the old target until their cache expires, the rest within the TTL (${fidelity} fidelity)`, () => {
      const w = world(input, 3, fidelity, flip);
      w.run();
      expect(meanShare(w, 0, 0, FLIP)).toBe(1);
      // Within about one TTL the normal clients have moved: what is left is the long tail.
      for (let from = FLIP + TTL; from < FLIP + LONG; from += 20) {
        const share = meanShare(w, 0, from, from + 20);
        expect(Math.abs(share - longTail(from + 10)), `blue's share in (${from}, ${from + 20}]: ${share}`).toBeLessThanOrEqual(0.01);
      }
      // The tail is still there late in the long cache's life, and gone after it.
      expect(meanShare(w, 0, FLIP + 300, FLIP + 400)).toBeGreaterThan(0.01);
      expect(meanShare(w, 0, FLIP + LONG + 60, w.durationS - 10)).toBeLessThan(0.002);
    });
  }

  // BUG (src/model/router/dns-cache.ts, `shares`): the aggregate model assumes each client
  // re-resolves exactly every TTL, so right after a flip it keeps (TTL − x)/TTL of the
  // normal clients on the old target. Clients only re-resolve when they next send a
  // request, and any client whose cache had already expired moves at once; request
  // fidelity shows it. Seen (seed 3, 20,000 users at 1,000 requests/s, one request per
  // user every 20 s): blue's share in (100, 110] is 0.696 in request fidelity, 0.916 in
  // aggregate (expected by the TTL-average model 0.920); (150, 160]: 0.102 vs 0.120.
  it.skip('moves the normal clients as request fidelity does in the first TTL after a flip', () => {
    const r = world(input, 3, 'request', flip);
    const a = world(input, 3, 'aggregate', flip);
    r.run();
    a.run();
    for (let from = FLIP; from < FLIP + TTL; from += 10) {
      expect(Math.abs(meanShare(a, 0, from, from + 10) - meanShare(r, 0, from, from + 10)), `(${from}, ${from + 10}]`).toBeLessThanOrEqual(0.01);
    }
  });

  // BUG (src/model/router/dns-cache.ts, `shares`): the aggregate tail is the long-caching
  // share of *clients* (5%), but with Zipf-skewed users that share of clients sends a
  // different share of the requests, and request fidelity routes requests. Seen (seed 3,
  // default userSkew 1, 20,000 users): blue's share in (200, 210] is 0.027 in request
  // fidelity vs 0.044 in aggregate; over (160, 220] they differ by 1.75 points. The
  // aggregate should weigh the client classes by the users' request shares (it would need
  // UserPopulation.userShare from the World).
  it('weighs the long-caching clients by their requests when users are skewed', () => {
    const skewed = { ...input, traffic: { rate: 1000, users: 20_000, userSkew: 1 } };
    const r = world(skewed, 3, 'request', flip);
    const a = world(skewed, 3, 'aggregate', flip);
    r.run();
    a.run();
    for (let from = FLIP + TTL; from < FLIP + LONG; from += 60) {
      expect(Math.abs(meanShare(a, 0, from, from + 60) - meanShare(r, 0, from, from + 60)), `(${from}, ${from + 60}]`).toBeLessThanOrEqual(0.01);
    }
  });
});

describe('health checks', () => {
  const PERIOD = 10;
  const FAILURES = 3;
  /**
   * 4 stable replicas and one v2 instance behind a Service (1 s endpoint propagation),
   * 1,000 requests/s. v2 provisions at 0 (1 s), boots in 5 s (probes every 10 s from its
   * start at 1 s, so it is ready at 11 s) and crashes `crashAfter` seconds after booting
   * (at 6 + crashAfter); it does not restart within the run.
   */
  const input = (crashAfter: number): ModelInput => ({
    fleet: {
      replicas: 4,
      provisioning: 1,
      boot: 5,
      warmup: 0,
      readinessProbe: { periodSeconds: PERIOD, failureThreshold: FAILURES },
      crashLoopBackOff: { initial: 1000, max: 1000 },
    },
    traffic: { rate: 1000 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2', regressions: [{ kind: 'crash-loop', crashAfter }] } },
    router: { kind: 'service' },
    durationS: 120,
  });
  const withCandidate = (w: World) => {
    const rs = w.addReplicaSet('v2', 1, 'canary');
    w.fleet.scale(rs, 1);
    w.router.setInitialWeights([{ replicaSet: 0, weight: 1 }, { replicaSet: rs.index, weight: 1 }]);
  };

  for (const crashAfter of [30, 33, 37]) {
    it(`take failureThreshold × period (± one period) to mark a crashed instance unready, crashing ${crashAfter} s after boot`, () => {
      const w = world(input(crashAfter), 8, 'request', withCandidate);
      w.run();
      const crash = w.log.events.find((e) => e.kind === 'instance-crash');
      const unready = w.log.events.find((e) => e.kind === 'instance-unready');
      expect(crash?.t).toBe(6 + crashAfter);
      const delay = unready!.t - crash!.t;
      expect(delay).toBeGreaterThan((FAILURES - 1) * PERIOD);
      expect(delay).toBeLessThanOrEqual(FAILURES * PERIOD);
    });
  }

  for (const fidelity of FIDELITIES) {
    it(`keep sending a crashed instance its share until then, and none after (${fidelity} fidelity)`, () => {
      const w = world(input(30), 8, fidelity, withCandidate);
      w.run();
      // Crash at 36 s; failed probes at 41, 51, 61 s; out of the Service's endpoints at 62 s.
      const crashAt = 36;
      const removedAt = 61 + 1;
      const v2 = outcomes(w, 1);
      // While it is one of 5 endpoints it takes a fifth of the requests, all dropped.
      expectPoisson(v2.dropped, (1000 / 5) * (removedAt - crashAt), `${fidelity}: requests dropped by the dead instance`);
      expect(v2.ok + v2.errors).toBeGreaterThan(0.9 * (1000 / 5) * (crashAt - 12));
      const after = w.recorder.t.findIndex((t) => t > removedAt + 1);
      expect(w.recorder.series[1].trafficShare.slice(after).every((s) => s === 0)).toBe(true);
    });
  }
});

describe('session affinity', () => {
  const input = (sessionAffinity: boolean, balancer = 'round-robin'): ModelInput => ({
    fleet: { replicas: 10 },
    traffic: { rate: 500, users: 300 },
    releases: { stable: { version: 'v1' } },
    router: { kind: 'mesh', sessionAffinity, balancer },
    durationS: 60,
  });

  /** For each user, the instances that served them. */
  function instancesPerUser(w: World): Map<number, Set<number>> {
    const seen = new Map<number, Set<number>>();
    const pick = w.router.pick.bind(w.router);
    w.router.pick = (rs, user, rng, outstanding) => {
      const i: Instance | null = pick(rs, user, rng, outstanding);
      if (i) {
        if (!seen.has(user)) seen.set(user, new Set());
        seen.get(user)!.add(i.id);
      }
      return i;
    };
    return seen;
  }

  it('pins every user to one instance while the endpoints stay the same', () => {
    const w = world(input(true), 9, 'request');
    const seen = instancesPerUser(w);
    w.run();
    expect(seen.size).toBeGreaterThan(250);
    for (const [user, instances] of seen) expect(instances.size, `user ${user}`).toBe(1);
    // And the users spread over every instance.
    expect(new Set([...seen.values()].map((s) => [...s][0])).size).toBe(10);
  });

  for (const balancer of ['round-robin', 'least-outstanding', 'random']) {
    it(`is what keeps a user on one instance: without it (${balancer}) a frequent user meets many`, () => {
      const w = world(input(false, balancer), 9, 'request');
      const seen = instancesPerUser(w);
      w.run();
      expect(seen.get(0)!.size).toBe(10);
    });
  }

  // BUG (src/model/router/router.ts, `pick`): affinity is `hash(user) mod endpoints`, so
  // any change to the endpoints re-pins almost every user; consistent hashing (Istio's
  // consistentHash ring, Maglev) moves only ~1/N of them. Seen (seed 9): growing 10 → 11
  // instances moves 278 of 300 users (93%) instead of ≈ 1/11 (9%).
  it('moves only about 1/N of the users when an instance joins', () => {
    const w = world({ ...input(true), fleet: { replicas: 10, provisioning: 0, boot: 1, warmup: 0, readinessProbe: { periodSeconds: 1 } } }, 9, 'request', (w) =>
      at(w, 20, () => w.fleet.scale(w.fleet.replicaSets[0], 11)),
    );
    const before = new Map<number, number>();
    const after = new Map<number, number>();
    const pick = w.router.pick.bind(w.router);
    w.router.pick = (rs, user, rng, outstanding) => {
      const i = pick(rs, user, rng, outstanding);
      if (i) (w.sim.now < 20 ? before : w.sim.now > 30 ? after : new Map()).set(user, i.id);
      return i;
    };
    w.run();
    let moved = 0;
    let both = 0;
    for (const [user, id] of before) {
      if (!after.has(user)) continue;
      both++;
      if (after.get(user) !== id) moved++;
    }
    expect(moved / both, `${moved} of ${both} users moved`).toBeLessThan(0.2);
  });

  it('does not hold across weighted versions (the documented caveat): a user meets both', () => {
    const w = world({ ...input(true), releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } } }, 9, 'request', (w) => {
      const rs = w.addReplicaSet('v2', 1, 'canary');
      w.fleet.seedReady(rs, 10);
      w.router.setInitialWeights([{ replicaSet: 0, weight: 50 }, { replicaSet: rs.index, weight: 50 }]);
    });
    const seen = instancesPerUser(w);
    w.run();
    // User 0 (the heaviest) lands on one instance per version: two in all.
    expect(seen.get(0)!.size).toBe(2);
  });
});
