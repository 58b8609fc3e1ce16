// The plan of a power analysis from a scenario and the user's choices, shared by
// `rollout-lab power` and the lab's power panel so that both compute the same table.
import type { Fidelity } from '../model/world.ts';
import { powerTemplate, type Effect, type PowerPlan } from './power.ts';
import type { Scenario } from './schema.ts';

export interface PowerChoices {
  effect: Effect;
  /** Canary weights, percent. */
  weights: number[];
  /** Hold times, seconds. */
  holdsS: number[];
  /** Runs per cell, each with and without the effect. */
  seeds: number;
  /** The first seed; default the scenario's. */
  seed?: number;
  /** Default aggregate: a power table is hundreds of runs. */
  fidelity?: Fidelity;
}

/** The plan, weight-major; undefined when the scenario has no analysis template to judge with. */
export function powerPlan(scenario: Scenario, choices: PowerChoices): PowerPlan | undefined {
  const template = powerTemplate(scenario);
  if (!template) return undefined;
  const { effect, weights, holdsS, seeds } = choices;
  return {
    scenario: scenario.name,
    title: scenario.title,
    template,
    effect,
    seeds,
    firstSeed: choices.seed ?? scenario.seed,
    fidelity: choices.fidelity ?? 'aggregate',
    weights,
    holdsS,
    cells: weights.flatMap((weight) => holdsS.map((holdS) => ({ weight, holdS }))),
  };
}
