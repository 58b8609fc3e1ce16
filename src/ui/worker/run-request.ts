// What the worker does with one request: load (when given text), simulate or compare, time
// it. Pure apart from the clock, so the bench and the tests call it directly in Node.
import { compare } from '../../scenario/compare.ts';
import { formatScenarioError, loadScenario } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { simulate } from '../../scenario/simulate.ts';
import type { CompareRequest, CompareResponse, SimRequest, SimResponse, WorkerRequest, WorkerResponse } from './protocol.ts';

function scenarioOf(source: SimRequest['source']): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  if ('scenario' in source) return { ok: true, scenario: source.scenario };
  const loaded = loadScenario(source.text, { file: source.file ?? 'scenario.yaml' });
  return loaded.ok ? { ok: true, scenario: loaded.scenario } : { ok: false, errors: loaded.errors.map(formatScenarioError) };
}

export function runRequest(req: SimRequest, now: () => number = () => performance.now()): SimResponse {
  const loaded = scenarioOf(req.source);
  if (!loaded.ok) return { id: req.id, ok: false, errors: loaded.errors };
  const scenario = loaded.scenario;
  const start = now();
  try {
    const result = simulate(scenario, { seed: req.seed, fidelity: req.fidelity });
    return { id: req.id, ok: true, scenario, result, elapsedMs: now() - start };
  } catch (e) {
    return { id: req.id, ok: false, errors: [`the simulation stopped: ${(e as Error).message}`] };
  }
}

export function compareRequest(req: CompareRequest, now: () => number = () => performance.now()): CompareResponse {
  const loaded = scenarioOf(req.source);
  if (!loaded.ok) return { id: req.id, ok: false, errors: loaded.errors };
  const scenario = loaded.scenario;
  const start = now();
  try {
    const comparison = compare(scenario, { seed: req.seed, fidelity: req.fidelity });
    return { id: req.id, ok: true, kind: 'compare', scenario, comparison, elapsedMs: now() - start };
  } catch (e) {
    return { id: req.id, ok: false, errors: [`the comparison stopped: ${(e as Error).message}`] };
  }
}

/** Any request the worker takes. */
export function handleRequest(req: WorkerRequest): WorkerResponse {
  return req.kind === 'compare' ? compareRequest(req) : runRequest(req);
}
