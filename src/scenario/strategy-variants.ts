// The strategies a scenario is compared under, each as a whole scenario, and which of them is
// the scenario's own (the one its `expect:` block is written for). Shared by the command line
// (`run --strategy`, `compare`, `explain`) and the lab, so both name the same run as checked.
import { comparisonVariants, STRATEGY_KINDS } from './compare.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

/** A strategy to compare: a `compare:` variant by label, or a kind (its variant, or its defaults). */
export interface Variant {
  label: string;
  scenario: Scenario;
  /** Whether this is the scenario's own strategy (and router), the one its expectations are written for. */
  own: boolean;
}

/**
 * The scenario's strategies to compare (`names` picks by label or kind). Throws a RangeError
 * naming the choices when a name is neither.
 */
export function strategyVariants(scenario: Scenario, names?: readonly string[]): Variant[] {
  const picked = comparisonVariants(withOwnStrategy(scenario), names);
  const ownStrategy = JSON.stringify(scenario.strategy);
  const ownRouter = JSON.stringify(scenario.router);
  return picked.map(({ label, strategy, router: listed }) => {
    const router = listed === undefined || JSON.stringify(listed) === DEFAULT_ROUTER ? scenario.router : listed;
    return { label, scenario: { ...scenario, strategy, router }, own: JSON.stringify(strategy) === ownStrategy && JSON.stringify(router) === ownRouter };
  });
}

/** The label of the scenario's own strategy among `labels` (the runs compared), or null when none is. */
export function ownLabel(scenario: Scenario, labels: readonly string[]): string | null {
  return strategyVariants(scenario).find((v) => v.own && labels.includes(v.label))?.label ?? null;
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
