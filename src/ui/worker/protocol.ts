// Messages between the page and the simulation worker.
import type { CompareResult } from '../../scenario/compare.ts';
import type { RunResult } from '../../scenario/run-result.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { SimulateOptions } from '../../scenario/simulate.ts';

export interface SimRequest {
  /** Increases with every request; a response answers the request with its id. */
  id: number;
  /** One run (the default) of the scenario's own strategy. */
  kind?: 'run';
  /** Scenario text (YAML or JSON) with the file name its errors show, or an already parsed scenario. */
  source: { text: string; file?: string } | { scenario: Scenario };
  seed?: number;
  fidelity?: SimulateOptions['fidelity'];
}

/** Every strategy (the scenario's `compare:` list, or one per kind) on the same scenario and seed. */
export interface CompareRequest extends Omit<SimRequest, 'kind'> {
  kind: 'compare';
}

export type WorkerRequest = SimRequest | CompareRequest;

export type SimResponse =
  | { id: number; ok: true; scenario: Scenario; result: RunResult; elapsedMs: number }
  | { id: number; ok: false; errors: string[] };

export type CompareResponse =
  | { id: number; ok: true; kind: 'compare'; scenario: Scenario; comparison: CompareResult; elapsedMs: number }
  | { id: number; ok: false; errors: string[] };

export type WorkerResponse = SimResponse | CompareResponse;

/** What a caller gets back: the response, or word that a newer request replaced this one. */
export type SimOutcome = SimResponse | { id: number; ok: false; superseded: true };
export type CompareOutcome = CompareResponse | { id: number; ok: false; superseded: true };
