// Messages between the page and the simulation worker.
import type { CompareResult } from '../../scenario/compare.ts';
import type { PowerResult } from '../../scenario/power.ts';
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

/**
 * Detection power of the scenario's canary analysis over a weight × hold grid (see
 * `rollout-lab power`). Defaults: the lab's (src/ui/lib/power-defaults.ts).
 */
export interface PowerRequest {
  id: number;
  kind: 'power';
  source: SimRequest['source'];
  /** `error-rate=0.005`, `latency=1.2`, `latency-tail=1.5`; default the candidate's own regression. */
  effect?: string;
  /** Canary weights, percent. */
  weights?: number[];
  /** Hold times: seconds, or durations such as "5m". */
  holds?: (number | string)[];
  /** Runs per cell, with and without the effect. */
  seeds?: number;
  /** The first seed; default the scenario's. */
  seed?: number;
  /** Default aggregate. */
  fidelity?: PowerResult['fidelity'];
}

export type WorkerRequest = SimRequest | CompareRequest | PowerRequest;

export type SimResponse =
  | { id: number; ok: true; scenario: Scenario; result: RunResult; elapsedMs: number }
  | { id: number; ok: false; errors: string[] };

export type CompareResponse =
  | { id: number; ok: true; kind: 'compare'; scenario: Scenario; comparison: CompareResult; elapsedMs: number }
  | { id: number; ok: false; errors: string[] };

export type PowerResponse =
  | { id: number; ok: true; kind: 'power'; result: PowerResult; elapsedMs: number }
  | { id: number; ok: false; errors: string[] };

export type WorkerResponse = SimResponse | CompareResponse | PowerResponse;

/** Sent while a long request runs (power: after each run); the response still comes last. */
export interface WorkerProgress {
  id: number;
  progress: { done: number; total: number };
}

export type WorkerMessage = WorkerResponse | WorkerProgress;

/** What a caller gets back: the response, or word that a newer request replaced this one. */
export type SimOutcome = SimResponse | { id: number; ok: false; superseded: true };
export type CompareOutcome = CompareResponse | { id: number; ok: false; superseded: true };
export type PowerOutcome = PowerResponse | { id: number; ok: false; superseded: true };
