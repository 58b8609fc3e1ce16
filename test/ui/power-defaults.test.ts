import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { BROWSER_SEEDS, powerDefaults } from '../../src/ui/lib/power-defaults.ts';

function load(file: string) {
  const loaded = loadScenario(readFileSync(file, 'utf8'), { file });
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return loaded.scenario;
}

describe('the power panel’s defaults', () => {
  it('measure the scenario’s own regression, with its own first canary step in the grid', () => {
    // automated-canary-analysis: +1 point of errors; setWeight 5, then 10 minutes of analysis.
    expect(powerDefaults(load('scenarios/automated-canary-analysis.yaml'))).toEqual({
      effect: { spec: 'error-rate=0.01', kind: 'error-rate', value: 0.01 },
      weights: [1, 5, 10, 25],
      holdsS: [300, 600, 1800, 3600],
      seeds: BROWSER_SEEDS,
      own: { weight: 5, holdS: 600 },
    });
  });

  it('put an unusual weight in place of its nearest neighbour, keeping four', () => {
    // canary-small: setWeight 10 and a 3-minute analysis.
    const d = powerDefaults(load('test/cli/fixtures/canary-small.yaml'));
    expect(d.weights).toEqual([1, 5, 10, 25]);
    expect(d.holdsS).toEqual([180, 900, 1800, 3600]);
    expect(d.own).toEqual({ weight: 10, holdS: 180 });
  });

  it('fall back to half a point of errors and the standard grid without a scenario', () => {
    expect(powerDefaults(null)).toEqual({ effect: { spec: 'error-rate=0.005', kind: 'error-rate', value: 0.005 }, weights: [1, 5, 10, 25], holdsS: [300, 900, 1800, 3600], seeds: 40, own: {} });
  });
});
