// What the worker does with one request: load (when given text), simulate or compare (or hand
// a power request to power-request.ts), time it. Pure apart from the clock, so the bench and the tests call it directly in Node.
import { compare } from '../../scenario/compare.ts';
import { simulate } from '../../scenario/simulate.ts';
import { powerRequest } from './power-request.ts';
import type { CompareRequest, CompareResponse, SimRequest, SimResponse, WorkerRequest, WorkerResponse } from './protocol.ts';
import { scenarioOf } from './scenario-source.ts';

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

/** Any request the worker takes; `onProgress` hears how far a power request is. */
export function handleRequest(req: WorkerRequest, onProgress?: (done: number, total: number) => void): WorkerResponse {
  if (req.kind === 'power') return powerRequest(req, onProgress);
  return req.kind === 'compare' ? compareRequest(req) : runRequest(req);
}
