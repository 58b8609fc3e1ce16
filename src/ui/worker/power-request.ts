// What the worker does with a power request: load the scenario, fill in the lab's defaults,
// plan as `rollout-lab power` does, do every run in this thread with progress after each,
// and time it. Pure apart from the clock, so the tests call it directly in Node.
import { parseEffect, parseHold, parseWeight } from '../../scenario/power.ts';
import { powerPlan } from '../../scenario/power-plan.ts';
import { runPower } from '../../scenario/power-run.ts';
import { powerDefaults } from '../lib/power-defaults.ts';
import type { PowerRequest, PowerResponse } from './protocol.ts';
import { scenarioOf } from './scenario-source.ts';

/** The message for a scenario without an analysis template (the panel shows it as is). */
export const NO_TEMPLATE = 'This scenario has no analysis template, so nothing judges the canary: add one under analysis: to measure its detection power.';

export function powerRequest(req: PowerRequest, onProgress?: (done: number, total: number) => void, now: () => number = () => performance.now()): PowerResponse {
  const loaded = scenarioOf(req.source);
  if (!loaded.ok) return { id: req.id, ok: false, errors: loaded.errors };
  const scenario = loaded.scenario;
  const defaults = powerDefaults(scenario);
  const errors: string[] = [];
  const read = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      errors.push(`${what}: ${e.message}`);
      return undefined;
    }
  };
  const effect = req.effect === undefined ? defaults.effect : read('effect', () => parseEffect(req.effect as string));
  const weights = req.weights === undefined ? defaults.weights : read('weights', () => req.weights!.map((w) => parseWeight(String(w))));
  const holdsS = req.holds === undefined ? defaults.holdsS : read('holds', () => req.holds!.map((h) => parseHold(String(h))));
  const seeds = req.seeds ?? defaults.seeds;
  if (!Number.isSafeInteger(seeds) || seeds < 1) errors.push(`seeds: expected a whole number of runs of at least 1, got ${seeds}`);
  if (!effect || !weights || !holdsS || errors.length > 0) return { id: req.id, ok: false, errors };
  const plan = powerPlan(scenario, { effect, weights, holdsS, seeds, seed: req.seed, fidelity: req.fidelity });
  if (!plan) return { id: req.id, ok: false, errors: [NO_TEMPLATE] };
  const start = now();
  try {
    const result = runPower(scenario, plan, onProgress);
    return { id: req.id, ok: true, kind: 'power', result, elapsedMs: now() - start };
  } catch (e) {
    return { id: req.id, ok: false, errors: [`the power computation stopped: ${(e as Error).message}`] };
  }
}
