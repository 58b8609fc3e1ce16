// Request and aggregate fidelity agree on a shared set of scenarios — steady state,
// overload, and a 5% mesh-weighted canary with an error-rate or a latency regression:
// error rates within 99% two-proportion binomial bounds of each other, p50 and p99 within
// 10% of the request model's, traffic shares within 1 percentage point, and under
// overload the share of requests dropped within 1 percentage point.
import { describe, expect, it } from 'vitest';
import type { Fidelity, World } from '../../../src/model/world.ts';
import { at, expectSameProportion, expectWithin, type ModelInput, windowed, world } from '../world-fixtures.ts';

const SEED = 11;
/** Measurements start after the canary's weight reached the data plane (60 s + 2 s) and a scrape boundary. */
const SINCE = 75;

/** Adds a 2-replica v2 canary at 1 s and gives it `weight`% of the traffic at 60 s (mesh: effective at 62 s). */
function canaryAt(weight: number) {
  return (w: World) => {
    at(w, 1, () => {
      const rs = w.addReplicaSet('v2-canary', 1, 'canary');
      w.fleet.scale(rs, 2);
      w.deployStartedAt = w.sim.now;
    });
    at(w, 60, () => w.router.setWeights([{ replicaSet: w.stableReplicaSet, weight: 100 - weight }, { replicaSet: 1, weight }]));
  };
}

const canaryFleet = { replicas: 20, provisioning: 1, boot: 5, warmup: 0 };

interface Case {
  name: string;
  input: ModelInput;
  controller: (w: World) => void;
}

/** 10 replicas at 1,000 requests/s: 40 ms median, 180 ms p99 service, 0.1% errors; far from saturation. */
const steady: Case = {
  name: 'steady state',
  input: { fleet: { replicas: 10 }, traffic: { rate: 1000 }, releases: { stable: { version: 'v1' } }, durationS: 600 },
  controller: () => {},
};

/**
 * 4 replicas × concurrency 4, service 20 ms median / 60 ms p99 (mean 22.3 ms): capacity
 * 16 / 0.0223 s ≈ 717 requests/s, offered 1,000/s, queueLimit 20: ≈ 28% dropped.
 */
const overload: Case = {
  name: 'overload',
  input: {
    fleet: { replicas: 4, instance: { concurrency: 4, queueLimit: 20 } },
    traffic: { rate: 1000 },
    releases: { stable: { version: 'v1', latency: { median: 20, p99: 60 } } },
    durationS: 300,
  },
  controller: () => {},
};

const canary = (name: string, regression: unknown): Case => ({
  name,
  input: {
    fleet: canaryFleet,
    traffic: { rate: 1000 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2', regressions: [regression] } },
    durationS: 676,
  },
  controller: canaryAt(5),
});

const canaryErrors = canary('a 5% canary with +2% errors', { kind: 'error-rate', errorRate: 0.02 });
const canaryTail = canary('a 5% canary whose p99 is 1.6× (tail only)', { kind: 'latency', multiplier: 1.6, tailOnly: true });
const canarySlow = canary('a 5% canary 1.5× slower throughout', { kind: 'latency', multiplier: 1.5 });

/** Both fidelities' metrics per replica set, over the windows after SINCE. */
function measure(c: Case, fidelity: Fidelity) {
  const w = world(c.input, SEED, fidelity, c.controller);
  w.run();
  const pools = w.fleet.replicaSets.map((rs, p) => ({ name: rs.name, ...windowed(w, p, SINCE) }));
  return { w, pools };
}

/**
 * Per-minute traffic share of version v from the timeline (1 s steps), minutes after
 * SINCE, leaving out the run's last point (empty in aggregate fidelity: see the timeline
 * BUG in test/model/recorder/timeline.test.ts).
 */
function minuteShares(w: World, v: number): number[] {
  const { t, series } = { t: w.recorder.t, series: w.recorder.series[v] };
  const out: number[] = [];
  for (let from = SINCE; from + 60 < w.durationS; from += 60) {
    let sum = 0;
    let n = 0;
    t.forEach((time, k) => {
      if (time > from && time <= from + 60) {
        sum += series.trafficShare[k];
        n++;
      }
    });
    out.push(sum / n);
  }
  return out;
}

function expectAgreement(c: Case): void {
  const request = measure(c, 'request');
  const aggregate = measure(c, 'aggregate');
  let totalR = 0;
  let totalA = 0;
  for (const pool of request.pools) totalR += pool.requests;
  for (const pool of aggregate.pools) totalA += pool.requests;
  request.pools.forEach((r, p) => {
    const a = aggregate.pools[p];
    const servedR = r.requests - r.dropped;
    const servedA = a.requests - a.dropped;
    expect(servedR, `${r.name} served something`).toBeGreaterThan(1000);
    expectSameProportion(r.errors, servedR, a.errors, servedA, `${c.name}, ${r.name}: 5xx rate, request vs aggregate`);
    expectWithin(a.latency.quantile(0.5), r.latency.quantile(0.5), 0.1, `${c.name}, ${r.name}: p50 ms, aggregate vs request`);
    expectWithin(a.latency.quantile(0.99), r.latency.quantile(0.99), 0.1, `${c.name}, ${r.name}: p99 ms, aggregate vs request`);
    expect(Math.abs(a.requests / totalA - r.requests / totalR), `${c.name}, ${r.name}: share of requests`).toBeLessThanOrEqual(0.01);
  });
  for (let v = 0; v < request.w.versions.length; v++) {
    const r = minuteShares(request.w, v);
    const a = minuteShares(aggregate.w, v);
    r.forEach((share, k) => {
      expect(Math.abs(a[k] - share), `${c.name}, ${request.w.versions[v]}: traffic share in minute ${k + 1} after ${SINCE} s`).toBeLessThanOrEqual(0.01);
    });
  }
}

describe('request and aggregate fidelity agree', () => {
  it('in the steady state', () => expectAgreement(steady));

  it('under overload, dropping the same share of requests to within 1 percentage point', () => {
    expectAgreement(overload);
    const r = measure(overload, 'request').pools[0];
    const a = measure(overload, 'aggregate').pools[0];
    // The excess over capacity is dropped: ≈ (1,000 − 717) / 1,000 of the offered load.
    expect(r.dropped / r.requests).toBeGreaterThan(0.2);
    expect(Math.abs(a.dropped / a.requests - r.dropped / r.requests), `dropped ${a.dropped}/${a.requests} vs ${r.dropped}/${r.requests}`).toBeLessThanOrEqual(0.01);
  });

  it('on a 5% canary with an error-rate regression', () => expectAgreement(canaryErrors));

  it('on a 5% canary with a tail-latency regression', () => expectAgreement(canaryTail));

  it('on a 5% canary with a latency regression over the whole distribution', () => expectAgreement(canarySlow));

  it('and the canary really is worse than the stable version in both', () => {
    for (const fidelity of ['request', 'aggregate'] as const) {
      const errors = measure(canaryErrors, fidelity).pools;
      expect(errors[1].errors / errors[1].requests).toBeGreaterThan(0.015);
      const tail = measure(canaryTail, fidelity).pools;
      expectWithin(tail[1].latency.quantile(0.99), 1.6 * tail[0].latency.quantile(0.99), 0.05, `${fidelity}: canary p99 = 1.6 × stable p99`);
      expectWithin(tail[1].latency.quantile(0.5), tail[0].latency.quantile(0.5), 0.05, `${fidelity}: canary p50 = stable p50`);
    }
  });

  // BUG (src/model/fidelity/pool-tick.ts): below saturation the aggregate model adds no
  // queueing delay at all (a wait only comes from a fluid backlog at ρ ≥ 1), so with few
  // slots per instance it misses the queueing that round-robin produces (issue 3 asks for
  // an E_N/M/1-like correction). Seen (seed 11): 10 replicas × concurrency 1, service
  // 10 ms median / 50 ms p99 (mean 12.7 ms), 630 requests/s (ρ = 0.8): request p50 19.05,
  // p99 125.0 ms; aggregate p50 10.02 (−47%), p99 49.9 ms (−60%). At 394/s (ρ = 0.5):
  // p99 65.9 vs 49.9 ms (−24%). With concurrency 8 at ρ = 0.8 they agree (p50 −7.6%, p99 −3%).
  it('at 80% utilisation with one slot per instance', () =>
    expectAgreement({
      name: 'ρ = 0.8, concurrency 1',
      input: {
        fleet: { replicas: 10, instance: { concurrency: 1, queueLimit: 1000 } },
        traffic: { rate: 630 },
        releases: { stable: { version: 'v1', latency: { median: 10, p99: 50 } } },
        durationS: 300,
      },
      controller: () => {},
    }));
});
