// Runs catalog scenarios once per test file, for tests that need a real result.
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../src/scenario/load.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/scenario/simulate.ts';
import type { RunResult } from '../../src/ui/lib/run-types.ts';

const cache = new Map<string, { scenario: Scenario; result: RunResult }>();

/** The scenario `scenarios/<name>.yaml` and its run at the scenario's seed. */
export function catalogRun(name: string): { scenario: Scenario; result: RunResult } {
  let hit = cache.get(name);
  if (!hit) {
    const loaded = loadScenario(readFileSync(`scenarios/${name}.yaml`, 'utf8'), { file: `${name}.yaml` });
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    hit = { scenario: loaded.scenario, result: simulate(loaded.scenario) };
    cache.set(name, hit);
  }
  return hit;
}
