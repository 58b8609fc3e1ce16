// Messages between the page and the simulation worker.
import type { RunResult } from '../../scenario/run-result.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { SimulateOptions } from '../../scenario/simulate.ts';

export interface SimRequest {
  /** Increases with every request; a response answers the request with its id. */
  id: number;
  /** Scenario text (YAML or JSON) with the file name its errors show, or an already parsed scenario. */
  source: { text: string; file?: string } | { scenario: Scenario };
  seed?: number;
  fidelity?: SimulateOptions['fidelity'];
}

export type SimResponse =
  | { id: number; ok: true; scenario: Scenario; result: RunResult; elapsedMs: number }
  | { id: number; ok: false; errors: string[] };

/** What a caller gets back: the response, or word that a newer request replaced this one. */
export type SimOutcome = SimResponse | { id: number; ok: false; superseded: true };
