// Sweep planning and aggregation without running anything: grids from --set, which
// expectations are about sweeps, and shards that merge into exactly the whole.
import { describe, expect, it } from 'vitest';
import { errorInArgument, gridAxes, gridCells, splitTopLevel } from '../../src/scenario/sweep-grid.ts';
import { evaluateSweepExpectations, isSweepExpectation } from '../../src/scenario/sweep-expectations.ts';
import type { RunRecord } from '../../src/scenario/sweep-record.ts';
import { mergeShards, readShard, sweepShard } from '../../src/scenario/sweep-shard.ts';
import { sweepJobs, sweepResult, type SweepPlan } from '../../src/scenario/sweep.ts';

describe('the grid', () => {
  it('splits values at top-level commas only', () => {
    expect(splitTopLevel('1, 5,10').map((p) => p.text)).toEqual(['1', '5', '10']);
    expect(splitTopLevel('{kind: constant, rps: 300},[1, 2]').map((p) => p.text)).toEqual(['{kind: constant, rps: 300}', '[1, 2]']);
    expect(splitTopLevel('"a, b",c').map((p) => p.text)).toEqual(['"a, b"', 'c']);
  });

  it('makes one cell per combination, the first axis slowest', () => {
    const cells = gridCells(['fleet.replicas=4,8', 'seed=3', 'traffic.rate=10,20,30']);
    expect(cells.map((c) => c.sets)).toEqual([
      ['fleet.replicas=4', 'seed=3', 'traffic.rate=10'],
      ['fleet.replicas=4', 'seed=3', 'traffic.rate=20'],
      ['fleet.replicas=4', 'seed=3', 'traffic.rate=30'],
      ['fleet.replicas=8', 'seed=3', 'traffic.rate=10'],
      ['fleet.replicas=8', 'seed=3', 'traffic.rate=20'],
      ['fleet.replicas=8', 'seed=3', 'traffic.rate=30'],
    ]);
    expect(cells[4].set).toEqual({ 'fleet.replicas': '8', 'traffic.rate': '20' });
    expect(gridCells([])).toEqual([{ sets: [], set: {}, choice: [] }]);
  });

  it('points an error in one value at that value in the argument as written', () => {
    const args = ['fleet.replicas=4, x'];
    const [, cell] = gridCells(args);
    const error = { file: '--set', line: 1, col: 16, path: 'fleet.replicas', message: 'expected a number' };
    expect(errorInArgument(error, cell, gridAxes(args)).col).toBe(19);
  });

  it('refuses a grid past ten thousand cells', () => {
    const big = Array.from({ length: 101 }, (_, i) => i).join(',');
    expect(() => gridCells([`a=${big}`, `b=${big}`])).toThrow(/10201 cells/);
  });
});

describe('sweep expectations', () => {
  it.each([
    ['rollbackRate >= 0.95', true],
    ['rates.detectionRate.low > 0.9', true],
    ['quantiles.detectionDelayS.p95 < 120', true],
    ['outcomes.promoted == 0 && runs > 10', true],
    ['outcome == "rolled-back"', false],
    ['summary.rollback.timeToRestoreS < 10', false],
    ['not an expression ((', false],
  ])('%s is about the sweep: %s', (text, sweep) => {
    expect(isSweepExpectation(text)).toBe(sweep);
  });
});

const record = (cell: number, k: number, outcome: RunRecord['outcome'], delay: number | null = null): RunRecord => ({
  cell,
  k,
  seed: 100 + k,
  outcome,
  trigger: outcome === 'rolled-back' ? 'analysis' : null,
  detectionDelayS: delay,
  timeToRestoreS: outcome === 'rolled-back' ? 2 : null,
  rolloutDurationS: 60 + k,
  affectedRequestsFraction: k / 1000,
  downtimeS: 0,
  extraFraction: 0.01,
  held: [outcome === 'rolled-back'],
});

const plan: SweepPlan = {
  scenario: 'demo',
  title: 'Demo',
  fidelity: 'aggregate',
  seeds: 6,
  grid: [{ path: 'fleet.replicas', values: ['4', '8'] }],
  cells: [
    { set: { 'fleet.replicas': '4' }, firstSeed: 100, regression: true, sweepExpect: ['rollbackRate >= 0.5'], runExpect: [{ expr: 'outcome == "rolled-back"', index: 0 }] },
    { set: { 'fleet.replicas': '8' }, firstSeed: 100, regression: false, sweepExpect: ['rollbackRate >= 0.5'], runExpect: [{ expr: 'outcome == "rolled-back"', index: 0 }] },
  ],
};
const all = [
  ...[0, 1, 2, 3, 4, 5].map((k) => record(0, k, k < 4 ? 'rolled-back' : 'promoted', k < 4 ? 10 * (k + 1) : null)),
  ...[0, 1, 2, 3, 4, 5].map((k) => record(1, k, k === 0 ? 'rolled-back' : 'promoted', k === 0 ? 5 : null)),
];

describe('aggregation', () => {
  it('gives each cell its rates, quantiles and expectations, and pools them at the top', () => {
    const r = sweepResult(plan, all);
    expect(r.runs).toBe(12);
    expect(r.outcomes).toEqual({ promoted: 7, 'rolled-back': 5, completed: 0, stalled: 0 });
    expect(r.rates.detectionRate).toMatchObject({ count: 4, n: 6 });
    expect(r.rates.falseRollbackRate).toMatchObject({ count: 1, n: 6 });
    expect(r.cells?.[0].rates.falseRollbackRate).toBeNull();
    expect(r.cells?.[0].quantiles.detectionDelayS).toEqual({ n: 4, p5: 11.5, p50: 25, p95: 38.5 });
    expect(r.expectations).toEqual([
      { expr: 'rollbackRate >= 0.5', ok: true, actual: 0.666667, cell: 0 },
      { expr: 'rollbackRate >= 0.5', ok: false, actual: 0.166667, cell: 1 },
    ]);
    expect(r.runExpectations).toEqual([{ expr: 'outcome == "rolled-back"', held: 5, runs: 12 }]);
  });

  it('is the same whatever order the runs come back in', () => {
    expect(JSON.stringify(sweepResult(plan, [...all].reverse()))).toBe(JSON.stringify(sweepResult(plan, all)));
  });

  it('joins shards into exactly the unsharded answer', () => {
    const shards = [1, 2, 3, 4].map((index) => {
      const shard = { index, count: 4 };
      const keys = new Set(sweepJobs(plan, shard).map((j) => `${j.cell}/${j.k}`));
      const runs = all.filter((r) => keys.has(`${r.cell}/${r.k}`));
      return { file: `s${index}.json`, shard: readShard(JSON.parse(JSON.stringify(sweepShard(plan, shard, runs))), `s${index}.json`) };
    });
    expect(JSON.stringify(mergeShards(shards))).toBe(JSON.stringify(sweepResult(plan, all)));
    expect(() => mergeShards(shards.slice(1))).toThrow(/missing 1\/4/);
  });

  it('refuses runs that do not add up', () => {
    expect(() => sweepResult(plan, all.slice(1))).toThrow(/expected 12 runs/);
    expect(() => sweepResult(plan, [all[0], ...all.slice(0, 11)])).toThrow(/missing/);
  });

  it('evaluates rates by their short names as their point estimates', () => {
    const r = sweepResult(plan, all);
    const [e] = evaluateSweepExpectations(['detectionRate > 0.6 && rates.detectionRate.low > 0.2'], { ...r.cells![0], seeds: 6 });
    expect(e).toMatchObject({ ok: true, actual: 0.666667 });
  });
});
