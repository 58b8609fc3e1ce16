// The results contract: what `simulate` returns and `rollout-lab run --format json` prints.
// Field names are a contract with tools and CI scripts: add fields freely, rename none
// without bumping RESULTS_SCHEMA_VERSION.
import type { Summary } from '../analysis/outcomes/summary.ts';
import type { RunEvent } from '../model/recorder/run-events.ts';

export const RESULTS_SCHEMA_VERSION = 1;

export type RunOutcome = 'promoted' | 'rolled-back' | 'completed' | 'stalled';

export interface VersionTimeline {
  trafficShare: number[];
  instances: number[];
  readyInstances: number[];
  errorRate: number[];
  p50Ms: number[];
  p99Ms: number[];
}

export interface Timeline {
  /** Sample times, seconds. */
  t: number[];
  /** Offered load over each step, requests/s. */
  offeredRps: number[];
  versions: Record<string, VersionTimeline>;
  /** DNS router only: share of requests still following cached answers the records no longer give. */
  dnsStragglerShare?: number[];
}

export interface ExpectationResult {
  expr: string;
  ok: boolean;
  /** The value the expression's left side had (null when the path does not exist). */
  actual: unknown;
  /** Why it could not be evaluated, when it could not. */
  error?: string;
}

/** Every instance of the run and each change of its state, for the lab's fleet view. */
export interface FleetRecord {
  instances: { id: number; replicaSet: string; version: string; role: string }[];
  /** [t seconds, instance id, state]; states: pending, starting, warming, ready, unready, crashed, terminating, gone. */
  transitions: [number, number, string][];
}

export interface RunResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  scenario: string;
  seed: number;
  strategy: string;
  fidelity: 'request' | 'aggregate';
  outcome: RunOutcome;
  summary: Summary;
  timeline: Timeline;
  events: RunEvent[];
  fleet: FleetRecord;
  expectations: ExpectationResult[];
}
