// Shared by the model tests: a ModelConfig from partial scenario sections, a World run with
// a controller, independent ledgers of what was offered and what is still in flight, and
// the statistical bounds (binomial, Poisson, two proportions) the assertions use.
import { expect } from 'vitest';
import {
  fleetSchema,
  metricsSchema,
  releasesSchema,
  routerSchema,
  sloSchema,
  trafficSchema,
} from '../../src/model/config/index.ts';
import { AggregateEngine } from '../../src/model/fidelity/aggregate-engine.ts';
import { RequestEngine } from '../../src/model/fidelity/request-engine.ts';
import { FLAG_MIRROR } from '../../src/model/fidelity/request-pool.ts';
import { LatencyHistogram } from '../../src/model/metrics/latency-histogram.ts';
import { Outcome } from '../../src/model/metrics/outcome.ts';
import { type Controller, type Fidelity, type ModelConfig, World } from '../../src/model/world.ts';

export const FIDELITIES: readonly Fidelity[] = ['request', 'aggregate'];

/** Scenario sections as a user writes them (zod input); each is parsed with its defaults. */
export interface ModelInput {
  fleet?: unknown;
  releases?: unknown;
  traffic?: unknown;
  router?: unknown;
  metrics?: unknown;
  slo?: unknown;
  durationS?: number;
  sampleStepS?: number;
}

export function modelConfig(input: ModelInput = {}): ModelConfig {
  return {
    fleet: fleetSchema.parse(input.fleet ?? { replicas: 10 }),
    releases: releasesSchema.parse(input.releases ?? { stable: { version: 'v1' }, candidate: { version: 'v2' } }),
    traffic: trafficSchema.parse(input.traffic ?? { rate: 100 }),
    router: routerSchema.parse(input.router ?? {}),
    metrics: metricsSchema.parse(input.metrics ?? {}),
    slo: sloSchema.parse(input.slo ?? {}),
    durationS: input.durationS ?? 60,
    sampleStepS: input.sampleStepS ?? 1,
  };
}

/** Builds a world, registers the controllers and returns it (not yet run). */
export function world(input: ModelInput, seed: number, fidelity: Fidelity, ...controllers: Controller[]): World {
  const w = new World(modelConfig(input), { seed, fidelity });
  for (const c of controllers) w.onStart(c);
  return w;
}

/** Runs `fn` at simulated time `t` (a one-off event). */
export function at(w: World, t: number, fn: () => void): void {
  w.sim.at(t, w.sim.handler(fn));
}

/** Requests offered per version, counted at the engine's door. */
export interface OfferedLedger {
  offered: Float64Array;
  /**
   * Aggregate fidelity: per version, Σ over replica-set ticks of (requests booked in the
   * tick) − (arrivals + backlog before − backlog after). A tick serves a whole number of
   * requests out of a fluid (fractional) backlog, so each tick may be off by up to ½;
   * 0 in request fidelity.
   */
  roundingDrift: Float64Array;
  /** The largest |imbalance| of any one replica-set tick (≤ ½ when the books balance). */
  worstTick: number;
}

/**
 * Counts the requests offered to each version as the engine receives them, independently
 * of how the engine then books their outcomes. Request fidelity: every request admitted
 * to a replica set (mirrored shadow copies excluded; "nowhere to go" counts for the stable
 * version, as the engine books it). Aggregate fidelity: each tick's arrivals per replica
 * set, plus the tick's requests that no weight selected; and each replica-set tick's
 * imbalance. Install before `run()`.
 */
export function offeredLedger(w: World): OfferedLedger {
  const offered = new Float64Array(w.versions.length);
  const ledger: OfferedLedger = { offered, roundingDrift: new Float64Array(w.versions.length), worstTick: 0 };
  const stableVersion = w.fleet.replicaSets[w.stableReplicaSet].version;
  const versionOf = (rs: number) => (rs < 0 ? stableVersion : w.fleet.replicaSets[rs].version);
  if (w.engine instanceof RequestEngine) {
    const engine = w.engine as unknown as { admit(id: number, rs: number): void; pool: { flags: Uint8Array } };
    const admit = engine.admit.bind(engine);
    engine.admit = (id, rs) => {
      if (!(engine.pool.flags[id] & FLAG_MIRROR)) offered[versionOf(rs)]++;
      admit(id, rs);
    };
  } else {
    const engine = w.engine as unknown as {

      servePool(p: number, arrivals: number, copies: number, now: number, end: number): void;
      countDropped(p: number, n: number): void;
      lose(i: unknown): void;
    };
    // countDropped called straight from the tick (not from servePool or lose) books the
    // requests no replica set was selected for: offered, and dropped at once.
    let depth = 0;
    const servePool = engine.servePool.bind(engine);
    const countDropped = engine.countDropped.bind(engine);
    const lose = engine.lose.bind(engine);
    const booked = (v: number) => w.recorder.byVersion[v].reduce((a, b) => a + b, 0);
    engine.servePool = (p, arrivals, copies, now, end) => {
      const v = versionOf(p);
      offered[v] += arrivals;
      // Every admitted request is booked in the tick it arrives: nothing is carried.
      const queued = () => 0;
      const backlogBefore = queued();
      const bookedBefore = booked(v);
      const mirroredBefore = w.recorder.mirroredRequests;
      depth++;
      servePool(p, arrivals, copies, now, end);
      depth--;
      // Mirrored copies share the pool's queue but are booked apart from the truth.
      const mirrored = w.recorder.mirroredRequests - mirroredBefore;
      const imbalance = booked(v) + mirrored - bookedBefore - (arrivals + copies + backlogBefore - queued());
      ledger.roundingDrift[v] += imbalance;
      ledger.worstTick = Math.max(ledger.worstTick, Math.abs(imbalance));
    };
    engine.lose = (i) => {
      depth++;
      lose(i);
      depth--;
    };
    engine.countDropped = (p, n) => {
      if (depth === 0 && n > 0) offered[versionOf(p)] += n;
      countDropped(p, n);
    };
  }
  return ledger;
}

/**
 * Requests of each version that arrived but have no outcome yet: in service or queued
 * (request fidelity). Aggregate fidelity books every admitted request in the tick it
 * arrives, with the wait its queue gives it, so nothing is in flight between ticks.
 */
export function inFlight(w: World): Float64Array {
  if (w.engine instanceof RequestEngine) return w.engine.inFlight();
  return new Float64Array(w.versions.length);
}

/** Requests of `version` by outcome, as the recorder (the truth) has them. */
export function outcomes(w: World, version: number) {
  const c = w.recorder.byVersion[version];
  return {
    ok: c[Outcome.Ok],
    clientErrors: c[Outcome.ClientError],
    errors: c[Outcome.Error],
    timeouts: c[Outcome.Timeout],
    dropped: c[Outcome.Dropped],
    total: c[Outcome.Ok] + c[Outcome.ClientError] + c[Outcome.Error] + c[Outcome.Timeout] + c[Outcome.Dropped],
  };
}

/** What the metrics pipeline saw for replica set `pool` in windows ending in (since, until]. */
export function windowed(w: World, pool: number, since: number, until = w.sim.now) {
  let requests = 0;
  let errors = 0;
  let dropped = 0;
  let timeouts = 0;
  for (const p of w.metrics.visible(pool, Infinity, since)) {
    if (p.t > until + 1e-9) break;
    requests += p.requests;
    errors += p.errors;
    dropped += p.dropped;
    timeouts += p.timeouts;
  }
  const latency = new LatencyHistogram();
  w.metrics.mergeLatency(pool, until, since, latency);
  return { requests, errors, dropped, timeouts, latency };
}

/** Standard normal quantiles used for two-sided bounds. */
export const Z_99 = 2.5758293035489;
export const Z_5SD = 5;

/** Asserts `count` successes of `n` lie within `z` standard deviations of Binomial(n, p). */
export function expectBinomial(count: number, n: number, p: number, what: string, z = Z_5SD): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p), `${what}: ${count} of ${n}, expected ${(n * p).toFixed(1)} ± ${(z * sd).toFixed(1)}`).toBeLessThanOrEqual(z * sd);
}

/** Asserts a count lies within `z` standard deviations of Poisson(mean). */
export function expectPoisson(count: number, mean: number, what: string, z = Z_5SD): void {
  const sd = Math.sqrt(mean);
  expect(Math.abs(count - mean), `${what}: ${count}, expected ${mean.toFixed(1)} ± ${(z * sd).toFixed(1)}`).toBeLessThanOrEqual(z * sd);
}

/**
 * Two proportions x1/n1 and x2/n2 agree: their difference is within the 99% two-sided
 * bound of the pooled binomial, z·√(p(1−p)(1/n1 + 1/n2)). Returns the two rates.
 */
export function expectSameProportion(x1: number, n1: number, x2: number, n2: number, what: string, z = Z_99): void {
  const p = (x1 + x2) / (n1 + n2);
  const bound = z * Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  const d = x1 / n1 - x2 / n2;
  expect(Math.abs(d), `${what}: ${x1}/${n1} = ${(x1 / n1).toFixed(5)} vs ${x2}/${n2} = ${(x2 / n2).toFixed(5)}, bound ±${bound.toFixed(5)}`).toBeLessThanOrEqual(bound);
}

/** Asserts |a − b| ≤ tol·|b| (a relative tolerance around the reference b). */
export function expectWithin(a: number, b: number, tol: number, what: string): void {
  expect(Math.abs(a - b), `${what}: ${a.toFixed(3)} vs reference ${b.toFixed(3)} (±${(tol * 100).toFixed(0)}%)`).toBeLessThanOrEqual(tol * Math.abs(b));
}
