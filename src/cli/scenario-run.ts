// Loading and running one scenario file for the commands: problems become an InputError of
// `file:line:col: path: …` lines; a failure inside the simulation names the file it ran.
import { comparisonVariants, STRATEGY_KINDS } from '../scenario/compare.ts';
import { formatScenarioError } from '../scenario/errors.ts';
import type { RunResult } from '../scenario/run-result.ts';
import { scenarioSchema, type Scenario } from '../scenario/schema.ts';
import { simulate, type SimulateOptions } from '../scenario/simulate.ts';
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

/** A strategy picked by `--strategy`: a `compare:` variant by label, or a kind (its variant, or its defaults). */
export interface Variant {
  label: string;
  scenario: Scenario;
  /** Whether this is the scenario's own strategy (and router), the one its expectations are written for. */
  own: boolean;
}

/** The scenario's strategies to compare (`names` picks by label or kind), each as a whole scenario. */
export function variantsOf(command: string, scenario: Scenario, names?: readonly string[]): Variant[] {
  let picked;
  try {
    picked = comparisonVariants(withOwnStrategy(scenario), names);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${command}: --${command === 'compare' ? 'strategies' : 'strategy'}: ${e.message}`);
    throw e;
  }
  const ownStrategy = JSON.stringify(scenario.strategy);
  const ownRouter = JSON.stringify(scenario.router);
  return picked.map(({ label, strategy, router: listed }) => {
    const router = listed === undefined || JSON.stringify(listed) === DEFAULT_ROUTER ? scenario.router : listed;
    return { label, scenario: { ...scenario, strategy, router }, own: JSON.stringify(strategy) === ownStrategy && JSON.stringify(router) === ownRouter };
  });
}

// A compare: entry without a router parses to the default router (routerSchema has a
// prefault, which `.optional()` does not undo), indistinguishable from one written out.
// Either way the variant is meant to run on the scenario's own router.
const DEFAULT_ROUTER = JSON.stringify(scenarioSchema.shape.router.parse(undefined));

/**
 * Without a `compare:` list, one variant per kind — and for the scenario's own kind, its own
 * strategy rather than that kind's defaults: the plan the file describes is the one to beat.
 */
function withOwnStrategy(scenario: Scenario): Scenario {
  const own = scenario.strategy;
  if (scenario.compare.length > 0 || own.kind === 'none') return scenario;
  const defaults = comparisonVariants(scenario);
  const compare = STRATEGY_KINDS.map((kind, i) => ({ label: kind, strategy: kind === own.kind ? own : defaults[i].strategy }));
  return { ...scenario, compare };
}

/** 0 when every expectation holds, 1 when one does not. */
export function exitCodeFor(result: RunResult): number {
  return result.expectations.every((e) => e.ok) ? EXIT_OK : EXIT_FAILED;
}
