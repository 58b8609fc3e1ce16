// The concept card's comparison, on one fleet, one fault and one seed: only recreate goes
// down, blue-green doubles the fleet, the canary's blast radius is the smallest, and of the
// strategies that ship to everyone and roll back, blue-green is fastest and rolling slowest.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/scenario/compare.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';

describe('four strategies on the same bad release', () => {
  const scenario = scenarioSchema.parse(parse(readFileSync('scenarios/four-strategies-compared.yaml', 'utf8')));
  const { runs } = compare(scenario);
  const by = (kind: string) => {
    const run = runs.find((r) => r.strategy === kind);
    if (!run) throw new Error(`no ${kind} run`);
    return run.summary;
  };

  it('runs all four strategies on the same seed', () => {
    expect(runs.map((r) => r.strategy).sort()).toEqual(['blue-green', 'canary', 'recreate', 'rolling']);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(1);
  });

  it('only recreate has downtime', () => {
    expect(by('recreate').downtimeS).toBeGreaterThan(20);
    for (const kind of ['rolling', 'blue-green', 'canary']) expect(by(kind).downtimeS).toBe(0);
  });

  it('blue-green peaks at twice the fleet; the canary adds little', () => {
    expect(by('blue-green').infraCost.peakMultiplier).toBeCloseTo(2, 5);
    expect(by('canary').infraCost.peakMultiplier).toBeLessThan(1.1);
  });

  it('the canary’s blast radius is the smallest', () => {
    const canary = by('canary').blastRadius.affectedRequests;
    for (const kind of ['recreate', 'rolling', 'blue-green']) expect(canary * 10).toBeLessThan(by(kind).blastRadius.affectedRequests);
  });

  it('every strategy rolls back; blue-green restores fastest and rolling slowest', () => {
    for (const r of runs) expect(r.outcome).toBe('rolled-back');
    const restore = (kind: string) => by(kind).rollback.timeToRestoreS ?? Infinity;
    expect(restore('blue-green')).toBeLessThan(restore('recreate'));
    expect(restore('recreate')).toBeLessThan(restore('rolling'));
    expect(restore('blue-green')).toBeLessThan(10);
  });
});
