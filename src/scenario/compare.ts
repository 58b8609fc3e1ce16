// The architect's question: the same fleet, traffic, faults and seed under each strategy.
// Variants come from the scenario's `compare:` list; a kind the list does not name runs with
// that kind's defaults.
import { RESULTS_SCHEMA_VERSION, type RunResult } from './run-result.ts';
import type { Scenario } from './schema.ts';
import { simulate, type SimulateOptions } from './simulate.ts';
import type { StrategyConfig } from '../strategies/schema.ts';
import { strategySchema } from '../strategies/schema.ts';

export interface CompareResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  scenario: string;
  seed: number;
  runs: (RunResult & { label: string })[];
}

export const STRATEGY_KINDS = ['recreate', 'rolling', 'blue-green', 'canary'] as const;

/** The variants to run: the scenario's list, or one per kind; `only` filters by label or kind. */
type Variant = { label: string; strategy: StrategyConfig; router?: Scenario['router'] };

export function comparisonVariants(scenario: Scenario, only?: readonly string[]): Variant[] {
  const listed: Variant[] = scenario.compare.map((c) => ({ label: c.label ?? c.strategy.kind, strategy: c.strategy, router: c.router }));
  const deployAt = scenario.strategy.kind === 'none' ? 60 : scenario.strategy.deployAt;
  // Without a list: the scenario's own strategy for its kind, defaults for the other kinds.
  const own = scenario.strategy;
  const variants: Variant[] =
    listed.length > 0
      ? listed
      : STRATEGY_KINDS.map((kind) => ({ label: kind, strategy: own.kind === kind ? own : strategySchema.parse({ kind, deployAt }) }));
  if (!only || only.length === 0) return variants;
  const picked = only.map((name) => {
    const found = variants.find((v) => v.label === name) ?? variants.find((v) => v.strategy.kind === name);
    if (found) return found;
    if ((STRATEGY_KINDS as readonly string[]).includes(name)) return { label: name, strategy: strategySchema.parse({ kind: name, deployAt }) };
    throw new RangeError(`unknown strategy "${name}": expected one of ${[...new Set([...variants.map((v) => v.label), ...STRATEGY_KINDS])].join(', ')}`);
  });
  return picked;
}

export function compare(scenario: Scenario, options: SimulateOptions & { strategies?: readonly string[] } = {}): CompareResult {
  const seed = options.seed ?? scenario.seed;
  const runs = comparisonVariants(scenario, options.strategies).map(({ label, strategy, router }) => ({
    label,
    ...simulate({ ...scenario, strategy, router: router ?? scenario.router }, { seed, fidelity: options.fidelity }),
  }));
  return { schemaVersion: RESULTS_SCHEMA_VERSION, scenario: scenario.name, seed, runs };
}
