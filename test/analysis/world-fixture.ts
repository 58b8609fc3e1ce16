// Small worlds for analysis tests: a stable fleet, a canary replica set at a weight, and a hook to start a run.
import {
  fleetSchema,
  metricsSchema,
  releasesSchema,
  routerSchema,
  sloSchema,
  trafficSchema,
} from '../../src/model/config/index.ts';
import { AnalysisRun, type AnalysisRunDetail, type AnalysisRunOptions } from '../../src/analysis/analysis-run.ts';
import type { AnalysisRunPhase } from '../../src/analysis/phase.ts';
import { analysisTemplateSchema } from '../../src/analysis/schema.ts';
import type { RunEvent } from '../../src/model/recorder/run-events.ts';
import { World, type Fidelity } from '../../src/model/world.ts';

export interface CanaryWorldOptions {
  seed?: number;
  fidelity?: Fidelity;
  replicas?: number;
  rps?: number;
  /** Canary replicas and traffic weight (percent). */
  canaryReplicas?: number;
  canaryWeight?: number;
  /** Also run a fresh baseline of the stable version at the canary's size and weight. */
  freshBaseline?: boolean;
  /** Seconds of cold-start latency after boot (fleet.warmup); default 0. */
  warmup?: number;
  /** When the canary gets its weight, seconds. */
  deployAt?: number;
  durationS?: number;
  stable?: Record<string, unknown>;
  candidate?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  slo?: Record<string, unknown>;
}

export interface CanaryWorld {
  world: World;
  canary: number;
  baseline: number;
  stable: number;
}

/** A world with a stable fleet and a v2 canary that gets `canaryWeight`% of traffic at `deployAt`. */
export function canaryWorld(o: CanaryWorldOptions = {}): CanaryWorld {
  const replicas = o.replicas ?? 20;
  const releases = releasesSchema.parse({
    stable: { version: 'v1', ...(o.stable ?? {}) },
    candidate: { version: 'v2', ...(o.candidate ?? {}) },
  });
  const world = new World(
    {
      // Instances big enough (256 slots) that 20 000 requests/s never queue: these tests are about analysis, not capacity.
      fleet: fleetSchema.parse({ replicas, warmup: o.warmup ?? 0, instance: { concurrency: 256 } }),
      releases,
      traffic: trafficSchema.parse({ rate: o.rps ?? 2000 }),
      router: routerSchema.parse({ kind: 'mesh' }),
      metrics: metricsSchema.parse(o.metrics ?? {}),
      slo: sloSchema.parse(o.slo ?? {}),
      durationS: o.durationS ?? 1200,
      sampleStepS: 60,
    },
    { seed: o.seed ?? 1, fidelity: o.fidelity ?? 'aggregate' },
  );
  const stable = world.stableReplicaSet;
  const canaryRs = world.addReplicaSet('v2-canary', 1, 'canary');
  const baselineRs = o.freshBaseline ? world.addReplicaSet('v1-baseline', 0, 'baseline') : null;
  const weight = o.canaryWeight ?? 5;
  world.onStart((w) => {
    w.fleet.scale(canaryRs, o.canaryReplicas ?? 1);
    if (baselineRs) w.fleet.scale(baselineRs, o.canaryReplicas ?? 1);
    const shift = w.sim.handler(() => {
      const changes = [
        { replicaSet: stable, weight: 100 - weight * (baselineRs ? 2 : 1) },
        { replicaSet: canaryRs.index, weight },
      ];
      if (baselineRs) changes.push({ replicaSet: baselineRs.index, weight });
      w.router.setWeights(changes);
    });
    w.sim.after(o.deployAt ?? 60, shift);
  });
  return { world, canary: canaryRs.index, baseline: baselineRs ? baselineRs.index : stable, stable };
}


export interface RunOutcome {
  phase: AnalysisRunPhase | null;
  detail: AnalysisRunDetail | null;
  /** How many times onDone was called. */
  doneCalls: number;
  /** Simulated time of onDone, seconds. */
  doneAt: number;
  /** The run's events: analysis-start, analysis (one per round), analysis-done. */
  events: RunEvent[];
  run: AnalysisRun;
  world: World;
}

/**
 * Builds a canary world, starts an analysis run of `template` at `startAt` (default 90 s,
 * after the canary has had its weight for half a minute), optionally terminates it at
 * `terminateAt`, runs the world and reports.
 */
export function runAnalysis(
  world: CanaryWorldOptions,
  /** Anything the analysis template schema accepts. */
  template: unknown,
  run: Partial<AnalysisRunOptions> & { startAt?: number; terminateAt?: number } = {},
): RunOutcome {
  const w = canaryWorld(world);
  const parsed = analysisTemplateSchema.parse(template);
  const out: Omit<RunOutcome, 'run'> & { run?: AnalysisRun } = { phase: null, detail: null, doneCalls: 0, doneAt: NaN, events: [], world: w.world };
  const analysis = new AnalysisRun(w.world, parsed, {
    name: 'test-run',
    canary: w.canary,
    baseline: w.baseline,
    ...run,
    onDone: (phase, detail) => {
      out.phase = phase;
      out.detail = detail;
      out.doneCalls++;
      out.doneAt = w.world.sim.now;
      run.onDone?.(phase, detail);
    },
  });
  w.world.onStart((world) => {
    const h = world.sim.handler(() => analysis.start());
    world.sim.after(run.startAt ?? 90, h);
    if (run.terminateAt !== undefined) world.sim.after(run.terminateAt, world.sim.handler(() => analysis.terminate()));
  });
  w.world.run();
  out.events = w.world.log.events.filter((e) => e.kind.startsWith('analysis'));
  return { ...out, run: analysis };
}
