// Planning a power analysis, shared by `rollout-lab power` and the lab: the plan from a
// scenario and the choices, the candidate's own regression as the default effect, and
// weights that read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { parseEffect, parseWeight, scenarioEffect } from '../../src/scenario/power.ts';
import { powerPlan } from '../../src/scenario/power-plan.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

function scenario(text = readFileSync('test/cli/fixtures/canary-small.yaml', 'utf8')): Scenario {
  const loaded = loadScenario(text, { file: 'canary-small.yaml' });
  if (!loaded.ok) throw new Error('the fixture does not load');
  return loaded.scenario;
}

describe('powerPlan', () => {
  it('lists the cells weight-major, from the scenario’s seed, in aggregate fidelity by default', () => {
    const plan = powerPlan(scenario(), { effect: parseEffect('latency=1.2'), weights: [5, 20], holdsS: [60, 120, 300], seeds: 8 });
    expect(plan).toEqual({
      scenario: 'canary-small',
      title: 'A noisy canary on a small service',
      template: 'errors',
      effect: { spec: 'latency=1.2', kind: 'latency', value: 1.2 },
      seeds: 8,
      firstSeed: 7,
      fidelity: 'aggregate',
      weights: [5, 20],
      holdsS: [60, 120, 300],
      cells: [
        { weight: 5, holdS: 60 },
        { weight: 5, holdS: 120 },
        { weight: 5, holdS: 300 },
        { weight: 20, holdS: 60 },
        { weight: 20, holdS: 120 },
        { weight: 20, holdS: 300 },
      ],
    });
  });

  it('takes a first seed and a fidelity when given', () => {
    expect(powerPlan(scenario(), { effect: parseEffect('error-rate=0.01'), weights: [5], holdsS: [60], seeds: 1, seed: 100, fidelity: 'request' })).toMatchObject({ firstSeed: 100, fidelity: 'request' });
  });

  it('is undefined for a scenario with no analysis template', () => {
    const s = scenario();
    if (s.strategy.kind !== 'canary') throw new Error('the fixture is a canary');
    const bare: Scenario = { ...s, analysis: {}, strategy: { ...s.strategy, steps: [{ setWeight: 10 }] } };
    expect(powerPlan(bare, { effect: parseEffect('error-rate=0.01'), weights: [5], holdsS: [60], seeds: 1 })).toBeUndefined();
  });
});

describe('scenarioEffect', () => {
  const withRegressions = (regressions: string) =>
    scenario(readFileSync('test/cli/fixtures/canary-small.yaml', 'utf8').replace('      - { kind: error-rate, errorRate: 0.01 }', regressions));

  it('is the candidate’s first error-rate or latency regression', () => {
    expect(scenarioEffect(scenario())).toEqual({ spec: 'error-rate=0.01', kind: 'error-rate', value: 0.01 });
    expect(scenarioEffect(withRegressions('      - { kind: crash-loop }\n      - { kind: latency, multiplier: 1.6, tailOnly: true }'))).toEqual({ spec: 'latency-tail=1.6', kind: 'latency-tail', value: 1.6 });
    expect(scenarioEffect(withRegressions('      - { kind: latency, multiplier: 2 }'))?.spec).toBe('latency=2');
  });

  it('is undefined when the candidate has no such regression', () => {
    expect(scenarioEffect(withRegressions('      - { kind: crash-loop }'))).toBeUndefined();
  });
});

describe('parseWeight', () => {
  it('reads a percentage above 0 and at most 100', () => {
    expect(parseWeight('12.5')).toBe(12.5);
    expect(parseWeight('100')).toBe(100);
    for (const bad of ['0', '150', '-5', 'ten', '']) expect(() => parseWeight(bad), bad).toThrow(/expected canary weights above 0 and at most 100 \(percent\)/);
  });
});
