// A power analysis run start to finish in the calling thread, reporting progress after each
// run: what the lab's worker does (the CLI spreads the same jobs over worker threads instead).
import { powerJobs, powerResult, powerScenarios, type PowerPlan, type PowerResult } from './power.ts';
import type { Scenario } from './schema.ts';
import { simulate } from './simulate.ts';
import { recordOf, type RunRecord } from './sweep-record.ts';

/** Every run of {@link powerJobs} in order, then the table; `onProgress(done, total)` after each run. */
export function runPower(scenario: Scenario, plan: PowerPlan, onProgress?: (done: number, total: number) => void): PowerResult {
  const scenarios = powerScenarios(scenario, plan);
  const jobs = powerJobs(plan);
  const records: RunRecord[] = [];
  for (const job of jobs) {
    records.push(recordOf(simulate(scenarios[job.cell], { seed: job.seed, fidelity: plan.fidelity }), job.cell, job.k, []));
    onProgress?.(records.length, jobs.length);
  }
  return powerResult(plan, records);
}
