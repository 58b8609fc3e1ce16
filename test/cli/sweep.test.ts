// `rollout-lab sweep` and `merge` through the built binary: the same bytes whatever the
// worker count, shards that merge into exactly the unsharded answer, grids, expectations over
// rates and their exit codes, and bad shards refused with one line.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, ERROR_LINE, FIXTURES } from './cli-process.ts';
import { parseXml } from './xml.ts';

const small = `${FIXTURES}/canary-small.yaml`;
const errorRates = 'releases.candidate.regressions[0].errorRate=0.002,0.01';
let tmp: string;

beforeAll(() => {
  buildCli();
  tmp = mkdtempSync(join(tmpdir(), 'rollout-lab-sweep-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('rollout-lab sweep', () => {
  it('prints the same bytes with one worker thread and with two', { timeout: 60_000 }, async () => {
    const args = ['sweep', small, '--seeds', '16', '--set', errorRates, '--format', 'json'];
    const [one, two] = await Promise.all([cli([...args, '--workers', '1']), cli([...args, '--workers', '2'])]);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(two.code).toBe(one.code);
  });

  it('reports the design’s shape: runs, outcomes, rates with Wilson intervals, quantiles, cells', async () => {
    const r = await cli(['sweep', small, '--seeds', '16', '--set', errorRates, '--format', 'json', '--workers', '1']);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['schemaVersion', 'scenario', 'seeds', 'runs', 'outcomes', 'rates', 'quantiles', 'cells', 'grid', 'expectations']));
    expect(s).toMatchObject({ schemaVersion: 1, scenario: 'canary-small', seeds: 16, runs: 32, firstSeed: 7, fidelity: 'aggregate' });
    expect(Object.values(s.outcomes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(32);
    for (const name of ['promotionRate', 'rollbackRate', 'detectionRate']) {
      const rate = s.rates[name];
      expect(rate.n).toBe(32);
      expect(rate.value).toBeCloseTo(rate.count / 32, 6);
      expect(rate.low).toBeLessThanOrEqual(rate.value);
      expect(rate.high).toBeGreaterThanOrEqual(rate.value);
    }
    expect(s.rates.falseRollbackRate).toBeNull();
    for (const q of Object.values(s.quantiles as Record<string, { n: number; p5: number; p50: number; p95: number }>)) {
      if (q.n > 0) expect(q.p5 <= q.p50 && q.p50 <= q.p95).toBe(true);
    }
    expect(s.grid).toEqual([{ path: 'releases.candidate.regressions[0].errorRate', values: ['0.002', '0.01'] }]);
    expect(s.cells.map((c: { set: object; runs: number }) => [c.set, c.runs])).toEqual([
      [{ 'releases.candidate.regressions[0].errorRate': '0.002' }, 16],
      [{ 'releases.candidate.regressions[0].errorRate': '0.01' }, 16],
    ]);
    // A bigger regression is caught more often.
    expect(s.cells[1].rates.detectionRate.value).toBeGreaterThan(s.cells[0].rates.detectionRate.value);
  });

  it('joins shards into exactly the unsharded answer, as data and as text', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmp, 'shards-'));
    const base = ['sweep', small, '--seeds', '9', '--set', errorRates, '--workers', '1'];
    const shards = await Promise.all([1, 2, 3].map((i) => cli([...base, '--shard', `${i}/3`, '--out', join(dir, `s${i}.json`)])));
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    const files = [3, 1, 2].map((i) => join(dir, `s${i}.json`)); // any order
    for (const format of ['json', 'markdown']) {
      const [whole, merged] = await Promise.all([cli([...base, '--format', format]), cli(['merge', ...files, '--format', format])]);
      expect(merged.stdout, format).toBe(whole.stdout);
      expect(merged.code, format).toBe(whole.code);
    }
    const shard = JSON.parse(readFileSync(files[1], 'utf8'));
    expect(shard).toMatchObject({ kind: 'rollout-lab-sweep-shard', shard: { index: 1, count: 3 } });
    expect(shard.runs.map((r: { k: number }) => r.k).every((k: number) => k % 3 === 0)).toBe(true);
  });

  it('checks expectations over rates on every cell: exit 1 when one fails, JUnit with the counts', { timeout: 60_000 }, async () => {
    const pass = await cli(['sweep', small, '--seeds', '6', '--format', 'json']);
    expect(pass.code).toBe(0);
    expect(JSON.parse(pass.stdout).expectations).toEqual([{ expr: 'rates.rollbackRate.value >= 0.5', ok: true, actual: 1 }]);
    const fail = await cli(['sweep', small, '--seeds', '8', '--set', errorRates, '--format', 'junit']);
    expect(fail.code).toBe(1);
    expect(fail.lines).toEqual([expect.stringMatching(/expectation failed: rates\.rollbackRate\.value >= 0\.5 \[releases\.candidate\.regressions\[0\]\.errorRate=0\.002\] \(actual 0(\.\d+)?\)$/)]);
    const root = parseXml(fail.stdout);
    expect(root.attrs).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    const short = await cli(['sweep', small, '--seeds', '6', '--set', 'expect=["rollbackRate > 0.99", "outcomes.promoted == 0", "runs == 6"]', '--format', 'json']);
    expect(short.code).toBe(0);
    expect(JSON.parse(short.stdout).expectations.map((e: { ok: boolean }) => e.ok)).toEqual([true, true, true]);
    const missing = await cli(['sweep', small, '--seeds', '3', '--set', 'expect=["rates.noSuchRate.value > 0"]']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('✗ rates.noSuchRate.value > 0  (no sweep field "rates.noSuchRate.value")');
  });

  it('counts run-level expectations per run without failing the sweep on them', async () => {
    const r = await cli(['sweep', small, '--seeds', '6', '--set', errorRates, '--set', 'expect=["outcome == \\"promoted\\""]', '--format', 'json', '--workers', '1']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.expectations).toEqual([]);
    expect(s.runExpectations).toEqual([{ expr: 'outcome == "promoted"', held: s.outcomes.promoted, runs: 12 }]);
  });

  it('leaves sweep expectations to sweep: run checks only the run-level ones', async () => {
    const r = await cli(['run', small, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).expectations.map((e: { expr: string }) => e.expr)).toEqual(['outcome == "rolled-back"']);
  });

  it.each([
    [['--seeds', '0'], /^rollout-lab: sweep: --seeds: expected a whole number from 1 to/],
    [[], /^rollout-lab: sweep: --seeds: expected the number of seeds/],
    [['--seeds', '4', '--shard', '3/2'], /^rollout-lab: sweep: --shard: expected i\/n with 1 ≤ i ≤ n, such as 2\/4, got "3\/2"$/],
    [['--seeds', '4', '--shard', '1/2', '--format', 'table'], /^rollout-lab: sweep: --shard writes a shard file/],
    [['--seeds', '4', '--workers', 'many'], /^rollout-lab: sweep: --workers: expected a whole number/],
    [['--seeds', '4', '--set', 'releases.candidate.regressions[0].errorRate=0.002,x'], /^--set:1:51: releases\.candidate\.regressions\[0\]\.errorRate: expected a number, got "x"$/],
  ])('rejects %j with one line and exit 2', async (args, line) => {
    const r = await cli(['sweep', small, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(line);
  });
});

describe.concurrent('rollout-lab merge', () => {
  let one: string;
  let two: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmp, 'merge-'));
    one = join(dir, 'one.json');
    two = join(dir, 'two.json');
    await Promise.all([cli(['sweep', small, '--seeds', '4', '--shard', '1/2', '--out', one]), cli(['sweep', small, '--seeds', '4', '--shard', '2/2', '--out', two])]);
  }, 60_000);

  it.each([
    ['a missing shard', () => [one], /one\.json:1:1: shard: expected all 2 shards; missing 2\/2$/],
    ['a shard twice', () => [one, two, one], /one\.json:1:1: shard: expected each shard once, got shard 1\/2 again/],
    ['a file that is not a shard', () => [one, `${FIXTURES}/steady-small.json`], /steady-small\.json:1:1: \(root\): expected a sweep shard/],
    ['a file that is not there', () => [one, 'no-such.json'], /^no-such\.json:1:1: \(root\): expected a readable shard file, but there is no such file$/],
  ])('refuses %s with one line and exit 2', async (_name, files, line) => {
    const r = await cli(['merge', ...files()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(ERROR_LINE);
    expect(r.lines[0]).toMatch(line);
  });

  it('refuses shards of different sweeps', async () => {
    const dir = mkdtempSync(join(tmp, 'other-'));
    const other = join(dir, 'other.json');
    await cli(['sweep', small, '--seeds', '6', '--shard', '2/2', '--out', other]);
    const r = await cli(['merge', one, other]);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([expect.stringMatching(/other\.json:1:1: plan: expected a shard of the same sweep as .*one\.json/)]);
  });

  it('writes --out whole, or not at all when the shards do not add up', async () => {
    const dir = mkdtempSync(join(tmp, 'out-'));
    const ok = await cli(['merge', one, two, '--out', join(dir, 'sweep.json')]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).runs).toBe(4);
    const bad = await cli(['merge', one, '--out', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['sweep.json']);
    writeFileSync(join(dir, 'broken.json'), '{"kind": ');
    const broken = await cli(['merge', join(dir, 'broken.json')]);
    expect(broken.lines).toEqual([expect.stringMatching(/broken\.json:1:1: \(root\): expected JSON written by rollout-lab sweep --shard: /)]);
  });
});
