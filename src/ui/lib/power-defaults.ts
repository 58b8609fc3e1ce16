// What the power panel starts with: a spread of canary weights and hold times that includes
// the scenario's own canary step, the scenario's own regression as the effect, and a seed
// count that finishes in seconds in a browser. Pure.
import { parseEffect, scenarioEffect, type Effect } from '../../scenario/power.ts';
import type { Scenario } from '../../scenario/schema.ts';

/** Runs per cell, with and without the effect: enough to tell 50% from 90%, quick in one worker. */
export const BROWSER_SEEDS = 40;
const WEIGHTS = [1, 5, 10, 25];
const HOLDS_S = [300, 900, 1800, 3600];
/** For a scenario whose candidate has no error or latency regression: half a point of extra errors. */
const FALLBACK_EFFECT = 'error-rate=0.005';

export interface PowerDefaults {
  effect: Effect;
  /** Percent. */
  weights: number[];
  /** Seconds. */
  holdsS: number[];
  seeds: number;
  /** The scenario's own first canary weight and analysis hold, when it has them. */
  own: { weight?: number; holdS?: number };
}

/** The defaults for `scenario`, or the general ones (for a scenario that does not load yet). */
export function powerDefaults(scenario: Scenario | null): PowerDefaults {
  const own = scenario ? ownCanary(scenario) : {};
  return {
    effect: (scenario && scenarioEffect(scenario)) ?? parseEffect(FALLBACK_EFFECT),
    weights: including(WEIGHTS, own.weight),
    holdsS: including(HOLDS_S, own.holdS),
    seeds: BROWSER_SEEDS,
    own,
  };
}

/** The first weight the canary sets and the first analysis step's duration. */
function ownCanary(scenario: Scenario): PowerDefaults['own'] {
  const s = scenario.strategy;
  if (s.kind !== 'canary') return {};
  const own: PowerDefaults['own'] = {};
  for (const step of s.steps) {
    if ('setWeight' in step && step.setWeight > 0 && own.weight === undefined) own.weight = step.setWeight;
    if ('analysis' in step && step.analysis.duration !== undefined && own.holdS === undefined) own.holdS = step.analysis.duration;
  }
  return own;
}

/** `values` with `x` in place of its nearest neighbour (by ratio), so the list keeps its length. */
function including(values: readonly number[], x: number | undefined): number[] {
  if (x === undefined || !(x > 0) || values.includes(x)) return [...values];
  let nearest = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(Math.log(values[i] / x)) < Math.abs(Math.log(values[nearest] / x))) nearest = i;
  return values.map((v, i) => (i === nearest ? x : v)).sort((a, b) => a - b);
}
