// Loading and running one scenario file for the commands: problems become an InputError of
// `file:line:col: path: …` lines; a failure inside the simulation names the file it ran.
import { formatScenarioError } from '../scenario/errors.ts';
import type { RunResult } from '../scenario/run-result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { simulate, type SimulateOptions } from '../scenario/simulate.ts';
import { strategyVariants, type Variant } from '../scenario/strategy-variants.ts';
import { runExpectations } from '../scenario/sweep-expectations.ts';
import { EXIT_FAILED, EXIT_OK, InputError, UsageError } from './errors.ts';
import { loadScenarioFile } from './read-scenario.ts';

export function loadOrThrow(file: string, sets: readonly string[] = []): Scenario {
  const loaded = loadScenarioFile(file, sets);
  if (!loaded.ok) throw new InputError(loaded.errors.map(formatScenarioError));
  return loaded.scenario;
}

/** An error thrown by the simulation itself: a bug, not bad input. */
export class SimulationError extends Error {
  constructor(file: string, cause: unknown) {
    super(`${file}: the simulation failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'SimulationError';
  }
}

/**
 * One run. Expectations about sweeps (`rollbackRate >= 0.95`) are left out of the result:
 * they are checked by `rollout-lab sweep`, not on a single run.
 */
export function runOrThrow(file: string, scenario: Scenario, options: SimulateOptions): RunResult {
  let result: RunResult;
  try {
    result = simulate(scenario, options);
  } catch (e) {
    throw new SimulationError(file, e);
  }
  return runExpectations(result);
}

export type { Variant } from '../scenario/strategy-variants.ts';

/** The scenario's strategies to compare (`names` picks by label or kind), each as a whole scenario. */
export function variantsOf(command: string, scenario: Scenario, names?: readonly string[]): Variant[] {
  try {
    return strategyVariants(scenario, names);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${command}: --${command === 'compare' ? 'strategies' : 'strategy'}: ${e.message}`);
    throw e;
  }
}

/** 0 when every expectation holds, 1 when one does not. */
export function exitCodeFor(result: RunResult): number {
  return result.expectations.every((e) => e.ok) ? EXIT_OK : EXIT_FAILED;
}
