// Shared by the compatibility tests: a World with a compatibility section, catalog scenarios
// with a field or two changed, and the counts the assertions read.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compatibilitySchema } from '../../../src/model/config/compatibility.ts';
import type { Fidelity, World as WorldType } from '../../../src/model/world.ts';
import { World } from '../../../src/model/world.ts';
import { type Scenario, scenarioSchema } from '../../../src/scenario/schema.ts';
import { createController } from '../../../src/strategies/index.ts';
import { strategySchema } from '../../../src/strategies/schema.ts';
import { type ModelInput, modelConfig, outcomes } from '../world-fixtures.ts';

export const STRATEGIES = ['recreate', 'rolling', 'blue-green', 'canary'] as const;

/** A world from partial sections plus a compatibility section (zod input), and an optional strategy. */
export function compatWorld(input: ModelInput & { compatibility: unknown; strategy?: unknown }, seed: number, fidelity: Fidelity): WorldType {
  const w = new World({ ...modelConfig(input), compatibility: compatibilitySchema.parse(input.compatibility) }, { seed, fidelity });
  if (input.strategy) {
    const controller = createController(strategySchema.parse(input.strategy));
    w.onStart((world) => controller.start(world));
  }
  return w;
}

/** Runs `fn` at simulated time `t`. */
export function at(w: WorldType, t: number, fn: () => void): void {
  w.sim.at(t, w.sim.handler(fn));
}

/** Requests of `version` that were served (answered, well or badly). */
export function served(w: WorldType, version: number): number {
  const o = outcomes(w, version);
  return o.total - o.dropped;
}

/** A catalog scenario, parsed, after `patch` edits its raw YAML object. */
export function catalog(name: string, patch: (raw: Record<string, any>) => void = () => {}): Scenario {
  const raw = parse(readFileSync(`scenarios/${name}.yaml`, 'utf8')) as Record<string, any>;
  patch(raw);
  return scenarioSchema.parse(raw);
}

/** The strategy section for `kind` with the catalog's deploy time; canary climbs 20% → 60% → all. */
export function strategyOf(kind: (typeof STRATEGIES)[number], deployAt: number | string): unknown {
  if (kind === 'canary') return { kind, deployAt, steps: [{ setWeight: 20 }, { pause: { duration: 60 } }, { setWeight: 60 }, { pause: { duration: 60 } }] };
  return { kind, deployAt };
}

/** A canary that sends `weight`% of the traffic to v2 from `deployAt` and stays there. */
export function split(weight: number, deployAt = 0): unknown {
  return { kind: 'canary', deployAt, steps: [{ setWeight: weight }, { pause: {} }] };
}
