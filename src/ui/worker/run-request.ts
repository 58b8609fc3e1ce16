// What the worker does with one request: load (when given text), simulate, time it. Pure
// apart from the clock, so the bench and the tests call it directly in Node.
import { formatScenarioError, loadScenario } from '../../scenario/load.ts';
import { simulate } from '../../scenario/simulate.ts';
import type { SimRequest, SimResponse } from './protocol.ts';

export function runRequest(req: SimRequest, now: () => number = () => performance.now()): SimResponse {
  let scenario;
  if ('scenario' in req.source) scenario = req.source.scenario;
  else {
    const loaded = loadScenario(req.source.text, { file: req.source.file ?? 'scenario.yaml' });
    if (!loaded.ok) return { id: req.id, ok: false, errors: loaded.errors.map(formatScenarioError) };
    scenario = loaded.scenario;
  }
  const start = now();
  try {
    const result = simulate(scenario, { seed: req.seed, fidelity: req.fidelity });
    return { id: req.id, ok: true, scenario, result, elapsedMs: now() - start };
  } catch (e) {
    return { id: req.id, ok: false, errors: [`the simulation stopped: ${(e as Error).message}`] };
  }
}
