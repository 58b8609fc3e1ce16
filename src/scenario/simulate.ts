// The library's one entry point for a run: scenario (parsed) in, results contract out.
// Pure and deterministic: the same scenario, seed and fidelity give byte-identical JSON.
import { summarize } from '../analysis/outcomes/summary.ts';
import { RateCurve } from '../model/traffic/rate-curve.ts';
import { World, type Fidelity, type ModelConfig } from '../model/world.ts';
import { createController } from '../strategies/index.ts';
import { Expectation } from './expectations.ts';
import { isSweepExpectation } from './sweep-expectations.ts';
import { RESULTS_SCHEMA_VERSION, type RunResult, type Timeline } from './run-result.ts';
import type { Scenario } from './schema.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's fidelity. */
  fidelity?: Fidelity | 'auto';
}

/** Above this many expected requests, `auto` picks aggregate fidelity. */
const AUTO_REQUEST_LIMIT = 250_000;

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  const model = modelConfig(scenario);
  const fidelity = resolveFidelity(options.fidelity ?? scenario.fidelity, model);
  const world = new World(model, { seed, fidelity });
  const controller = createController(scenario.strategy, scenario.analysis);
  world.onStart((w) => controller.start(w));
  world.run();
  const summary = summarize(world, { rolloutDurationS: controller.rolloutDurationS(), rollback: controller.rollback() });
  const result: RunResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    scenario: scenario.name,
    seed,
    strategy: controller.kind,
    fidelity,
    outcome: controller.outcome(),
    summary,
    timeline: timeline(world),
    events: world.log.events,
    fleet: {
      instances: world.fleet.instances.map((i) => {
        const rs = world.fleet.replicaSets[i.pool];
        return { id: i.id, replicaSet: rs.name, version: world.versions[i.version], role: rs.role };
      }),
      transitions: world.fleet.transitions,
    },
    expectations: [],
  };
  // Expectations over sweep rates (rollbackRate >= 0.95) belong to `sweep`, not to one run.
  result.expectations = scenario.expect.filter((text) => !isSweepExpectation(text)).map((text) => {
    const { ok, actual, error } = Expectation.parse(text).evaluate(result);
    return error ? { expr: text, ok, actual, error } : { expr: text, ok, actual };
  });
  return result;
}

/** The model's part of a scenario, with run-level defaults resolved. */
export function modelConfig(scenario: Scenario): ModelConfig {
  return {
    fleet: scenario.fleet,
    releases: scenario.releases,
    traffic: scenario.traffic,
    router: scenario.router,
    metrics: scenario.metrics,
    slo: scenario.slo,
    durationS: scenario.duration,
    sampleStepS: scenario.sampleStep ?? defaultSampleStep(scenario.duration),
    compatibility: scenario.compatibility, // issue 5: the compatibility model's section
  };
}

/** About 600 timeline points, on a round step: 1, 2, 5, 10, 15, 30, 60 s, … */
export function defaultSampleStep(durationS: number): number {
  const target = durationS / 600;
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]) if (step >= target) return step;
  return 3600;
}

function resolveFidelity(requested: Fidelity | 'auto', model: ModelConfig): Fidelity {
  if (requested !== 'auto') return requested;
  const expected = new RateCurve(model.traffic.rate).integral(0, model.durationS);
  return expected <= AUTO_REQUEST_LIMIT ? 'request' : 'aggregate';
}

function timeline(world: World): Timeline {
  const r = world.recorder;
  const versions: Timeline['versions'] = {};
  world.versions.forEach((v, i) => {
    versions[v] = r.series[i];
  });
  const offeredRps: number[] = [];
  let from = 0;
  for (const t of r.t) {
    let n = 0;
    const to = Math.min(Math.ceil(t), r.offeredPerSecond.length);
    for (let s = Math.floor(from); s < to; s++) n += r.offeredPerSecond[s];
    offeredRps.push(t > from ? Math.round((n / (t - from)) * 1000) / 1000 : 0);
    from = t;
  }
  return world.router.dns ? { t: r.t, offeredRps, versions, dnsStragglerShare: r.dnsStragglerShare } : { t: r.t, offeredRps, versions };
}
