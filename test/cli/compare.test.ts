// `rollout-lab compare` and `run --strategy` through the built binary, and the best-in-column
// marking in-process: the JSON shape, the table's marks and footnote, expectations checked
// on the scenario's own strategy only, and the formats.
import { beforeAll, describe, expect, it } from 'vitest';
import { bestMarks, COMPARE_COLUMNS, formatCompareTable, type CompareReport, type LabelledRun } from '../../src/cli/format/compare.ts';
import { buildCli, cli, FIXTURES } from './cli-process.ts';
import { fakeResult } from './format/fake-result.ts';
import { parseXml } from './xml.ts';

const small = `${FIXTURES}/canary-small.yaml`;

beforeAll(() => buildCli());

describe.concurrent('rollout-lab compare', () => {
  it('prints {schemaVersion, scenario, seed, checked, runs} with one labelled result per strategy', async () => {
    const r = await cli(['compare', small, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'scenario', 'seed', 'checked', 'runs']);
    expect(report).toMatchObject({ schemaVersion: 1, scenario: 'canary-small', seed: 7, checked: 'canary' });
    expect(report.runs.map((run: LabelledRun) => [run.label, run.strategy])).toEqual([
      ['recreate', 'recreate'],
      ['rolling', 'rolling'],
      ['blue-green', 'blue-green'],
      ['canary', 'canary'],
    ]);
    for (const run of report.runs) expect(Object.keys(run)).toEqual(expect.arrayContaining(['label', 'schemaVersion', 'seed', 'outcome', 'summary', 'timeline', 'events', 'expectations']));
    // Only run-level expectations: the sweep one (rates.rollbackRate…) is left to sweep.
    expect(report.runs[3].expectations.map((e: { expr: string }) => e.expr)).toEqual(['outcome == "rolled-back"']);
  });

  it('runs the scenario’s own strategy exactly as run does, and --strategy picks another', async () => {
    const [compared, own, rolling] = await Promise.all([
      cli(['compare', small, '--format', 'json']),
      cli(['run', small, '--format', 'json']),
      cli(['run', small, '--strategy', 'rolling', '--format', 'json']),
    ]);
    const runs = JSON.parse(compared.stdout).runs;
    const { label, ...canary } = runs[3];
    expect(label).toBe('canary');
    expect(canary).toEqual(JSON.parse(own.stdout));
    const picked = JSON.parse(rolling.stdout);
    expect(picked.label).toBe('rolling');
    expect(picked.summary).toEqual(runs[1].summary);
  });

  it('marks the best in each column and says what best means', async () => {
    const r = await cli(['compare', small]);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.split('\n');
    expect(header).toMatch(/^canary-small {2}seed 7 · aggregate fidelity · 4 strategies$/);
    expect(rows[0]).toMatch(/^strategy +outcome +downtime +affected requests +affected users +extra infra +peak +rollback time +rollout +error budget$/);
    expect(rows[4]).toMatch(/^canary \*/);
    expect(rows[4]).toContain('✓');
    expect(r.stdout).toContain('Lower is better in every column');
    expect(r.stdout).toContain('expectations on canary * (the scenario’s own strategy): 1 of 1 holds');
  });

  it('exits 1 when the scenario’s own strategy fails an expectation, whatever the others do', async () => {
    const r = await cli(['compare', small, '--set', 'expect=["outcome == \\"promoted\\""]', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['test/cli/fixtures/canary-small.yaml: expectation failed on canary: outcome == "promoted" (actual "rolled-back")']);
    const others = await cli(['compare', small, '--strategies', 'rolling,recreate', '--set', 'expect=["outcome == \\"rolled-back\\""]', '--format', 'json']);
    expect(others.code).toBe(0);
    expect(JSON.parse(others.stdout).checked).toBeNull();
    expect(others.lines).toEqual([expect.stringContaining("expectations not checked: no compared strategy is the scenario's own")]);
  });

  it('writes JUnit with a suite per strategy, the others’ cases skipped', async () => {
    const r = await cli(['compare', small, '--format', 'junit']);
    const root = parseXml(r.stdout);
    expect(root.attrs).toMatchObject({ tests: '4', failures: '0', skipped: '3' });
    expect(root.children.map((s) => s.attrs.name)).toEqual(['canary-small [recreate]', 'canary-small [rolling]', 'canary-small [blue-green]', 'canary-small [canary]']);
  });

  it('writes Markdown with the best in bold', async () => {
    const r = await cli(['compare', small, '--format', 'markdown', '--strategies', 'blue-green,canary']);
    expect(r.stdout).toMatch(/^## ✅ canary-small compared: 1 of 1 expectation holds\n/);
    expect(r.stdout).toMatch(/\| canary \\\* \| rolled-back \|.*\*\*[^*]+ ✓\*\*/);
  });

  it.each([
    [['--strategies', 'canary,shadow'], /^rollout-lab: compare: --strategies: unknown strategy "shadow": expected one of recreate, rolling, blue-green, canary$/],
    [['--strategies', 'canary,,rolling'], /^rollout-lab: compare: --strategies: expected names separated by commas/],
    [['--strategies', 'canary,canary'], /^rollout-lab: compare: --strategies: expected each strategy once/],
  ])('rejects %j with one line and exit 2', async (args, line) => {
    const r = await cli(['compare', small, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(line);
  });

  it('rejects an unknown --strategy for run', async () => {
    const r = await cli(['run', small, '--strategy', 'shadow']);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual(['rollout-lab: run: --strategy: unknown strategy "shadow": expected one of recreate, rolling, blue-green, canary']);
  });
});

describe('best in each column', () => {
  const run = (label: string, downtimeS: number, timeToRestoreS: number | null): LabelledRun => {
    const r = fakeResult();
    return {
      ...r,
      label,
      summary: {
        ...r.summary,
        downtimeS,
        rollback: timeToRestoreS === null ? { triggered: false, trigger: null, decidedAtS: null, detectionDelayS: null, timeToRestoreS: null } : { ...r.summary.rollback, timeToRestoreS },
      },
    };
  };
  const column = (header: string) => COMPARE_COLUMNS.findIndex((c) => c.header === header);

  it('marks every run that ties for the lowest value', () => {
    const marks = bestMarks([run('a', 5, 2), run('b', 0, 9), run('c', 0, 2)]);
    expect(marks[column('downtime')]).toEqual([false, true, true]);
    expect(marks[column('rollback time')]).toEqual([true, false, true]);
  });

  it('marks nothing where every run is equal, and skips runs without a value', () => {
    const marks = bestMarks([run('a', 0, null), run('b', 0, 4), run('c', 0, 3)]);
    expect(marks[column('downtime')]).toEqual([false, false, false]);
    expect(marks[column('rollback time')]).toEqual([false, false, true]);
    expect(bestMarks([run('a', 1, 1), run('b', 0, null)])[column('rollback time')]).toEqual([false, false]);
  });

  it('shows the marks in the table', () => {
    const report: CompareReport = { schemaVersion: 1, scenario: 'demo', seed: 1, checked: 'b', runs: [run('a', 5, 2), run('b', 0, 9)] };
    const table = formatCompareTable(report);
    expect(table).toMatch(/^b \* +rolled-back +0 s ✓ /m);
    expect(table).toMatch(/^a +rolled-back +5 s .* 2 s ✓ /m);
  });
});
