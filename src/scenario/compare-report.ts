// What `rollout-lab compare --format json` prints and the lab's compare view saves: the
// design's `{ schemaVersion, scenario, seed, runs }`, plus which run the scenario's
// expectations were checked on. Built in one place so both write the same keys in the same order.
import type { RunResult } from './run-result.ts';

export type LabelledRun = RunResult & { label: string };

export interface CompareReport {
  schemaVersion: number;
  scenario: string;
  seed: number;
  /** The label of the run whose expectations decide the exit code; null when none is the scenario's own strategy. */
  checked: string | null;
  runs: LabelledRun[];
}

export function compareReport(comparison: Omit<CompareReport, 'checked'>, checked: string | null): CompareReport {
  return { schemaVersion: comparison.schemaVersion, scenario: comparison.scenario, seed: comparison.seed, checked, runs: comparison.runs };
}
