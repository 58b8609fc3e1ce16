// `rollout-lab run`, through the built binary: exit codes, the four formats, --out, --set,
// extends, colour, and start-to-finish time.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, ERROR_LINE, FIXTURES } from './cli-process.ts';
import { parseXml } from './xml.ts';

const steady = `${FIXTURES}/steady.yaml`;
const failing = `${FIXTURES}/failing.yaml`;
let tmp: string;

beforeAll(() => {
  buildCli();
  tmp = mkdtempSync(join(tmpdir(), 'rollout-lab-run-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('rollout-lab run', () => {
  it('exits 0 and prints a table when every expectation holds', async () => {
    const r = await cli(['run', steady]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^steady-state/);
    for (const label of ['outcome', 'downtime', 'blast radius', 'infra cost', 'rollback', 'requests', 'latency', 'error budget']) expect(r.stdout).toContain(label);
    expect(r.stdout).toContain('✓ summary.downtimeS == 0');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('exits 1 when an expectation fails, and names it on stderr for machine formats', async () => {
    const table = await cli(['run', failing]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('✗ summary.requests.errors == 0');
    const json = await cli(['run', failing, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(json.lines).toEqual([expect.stringMatching(/^test\/cli\/fixtures\/failing\.yaml: expectation failed: summary\.requests\.errors == 0 \(actual \d+\)$/)]);
  });

  it('prints exactly the results contract as JSON, byte-identical across runs', async () => {
    const [a, b] = await Promise.all([cli(['run', steady, '--format', 'json']), cli(['run', steady, '--format', 'json'])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.endsWith('}\n')).toBe(true);
    const result = JSON.parse(a.stdout);
    expect(result.schemaVersion).toBe(1);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['schemaVersion', 'scenario', 'seed', 'strategy', 'fidelity', 'outcome', 'summary', 'timeline', 'events', 'expectations']));
    expect(result).toMatchObject({ scenario: 'steady-state', seed: 1, strategy: 'none', outcome: 'completed' });
    expect(Object.keys(result.summary)).toEqual(
      expect.arrayContaining(['rolloutDurationS', 'downtimeS', 'blastRadius', 'infraCost', 'rollback', 'requests', 'latencyMs', 'errorBudgetSpent', 'compatibility']),
    );
    expect(result.expectations).toHaveLength(4);
    expect(result.expectations.every((e: { ok: boolean }) => e.ok)).toBe(true);
  });

  it('takes --seed and --fidelity over the scenario', async () => {
    const r = await cli(['run', steady, '--format', 'json', '--seed', '7', '--fidelity', 'aggregate']);
    const result = JSON.parse(r.stdout);
    expect(result.seed).toBe(7);
    expect(result.fidelity).toBe('aggregate');
  });

  it('prints JUnit XML that parses, with a test case per expectation and the right counts', async () => {
    const r = await cli(['run', failing, '--format', 'junit']);
    expect(r.code).toBe(1);
    const root = parseXml(r.stdout);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    const [suite] = root.children;
    expect(suite.attrs).toMatchObject({ name: 'failing-expectation', tests: '2', failures: '1' });
    const props = Object.fromEntries(suite.children[0].children.map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({ seed: '1', strategy: 'none', fidelity: 'request' });
    const cases = suite.children.slice(1);
    expect(cases.map((c) => c.attrs.name)).toEqual(['outcome == "completed"', 'summary.requests.errors == 0']);
    expect(cases[0].children).toEqual([]);
    expect(cases[1].children[0]).toMatchObject({ name: 'failure', attrs: { type: 'expectation' } });
  });

  it('prints Markdown for a step summary: verdict heading, summary table, expectations', async () => {
    const r = await cli(['run', failing, '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## ❌ failing-expectation: 1 of 2 expectations hold\n/);
    expect(r.stdout).toContain('| measure | value |');
    expect(r.stdout).toContain('- ❌ `summary.requests.errors == 0`');
  });

  it('colours the table only when asked: FORCE_COLOR on, NO_COLOR and --no-color off', async () => {
    expect((await cli(['run', steady], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[32m✓');
    expect((await cli(['run', steady, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await cli(['run', steady], { env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });
});

describe.concurrent('rollout-lab run --out', () => {
  it('writes the file whole, picks the format from its extension, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmp, 'out-'));
    const out = join(dir, 'report.xml');
    const r = await cli(['run', steady, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(parseXml(readFileSync(out, 'utf8')).name).toBe('testsuites');
    expect(readdirSync(dir)).toEqual(['report.xml']);
  });

  it('fails with one line and writes nothing when the directory does not exist', async () => {
    const out = join(tmp, 'missing-dir', 'r.json');
    const r = await cli(['run', steady, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`rollout-lab: --out ${out}: expected a writable file path: its directory does not exist`]);
  });
});

describe.concurrent('rollout-lab run --set', () => {
  it('overrides fields, list items and whole sections', async () => {
    const r = await cli(['run', steady, '--format', 'json', '--set', 'fleet.replicas=6', '--set', 'expect[2]=summary.infraCost.peakInstances == 6', '--set', 'traffic.rate={kind: constant, rps: 20}']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.summary.infraCost.peakInstances).toBe(6);
    expect(result.expectations[2]).toMatchObject({ expr: 'summary.infraCost.peakInstances == 6', ok: true });
    expect(result.summary.requests.total).toBeLessThan(20 * 600 * 1.2);
  });

  it.each([
    ['fleet.replicas=many', '--set:1:16: fleet.replicas: expected a number, got "many"'],
    ['fleet.replicaz=3', /^--set:1:7: fleet\.replicaz: unknown field "replicaz"; did you mean "replicas"\?/],
    ['fleet..replicas=3', /^--set:1:6: fleet\.\.replicas: expected a field path/],
    ['expect[9]=x', '--set:1:7: expect[9]: expected an index from 0 to 4 (expect has 4 items)'],
    ['name.first=x', /^--set:1:6: name\.first: expected name to be a mapping/],
    ['fleet', '--set:1:1: (root): expected path=value such as fleet.replicas=10, got "fleet"'],
  ])('rejects --set %s with one line and exit 2', async (set, expected) => {
    const dir = mkdtempSync(join(tmp, 'set-'));
    const r = await cli(['run', steady, '--set', set, '--out', join(dir, 'set.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(ERROR_LINE);
    if (typeof expected === 'string') expect(r.lines[0]).toBe(expected);
    else expect(r.lines[0]).toMatch(expected);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('extends', () => {
  it('runs a scenario merged over its base', async () => {
    const r = await cli(['run', `${FIXTURES}/child.yaml`, '--format', 'json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.scenario).toBe('steady-extended');
    expect(result.summary.infraCost.peakInstances).toBe(8);
    expect(result.expectations.map((e: { expr: string }) => e.expr)).toEqual(['summary.infraCost.peakInstances == 8']);
  });
});

describe('speed', () => {
  it('starts, runs a small scenario and exits well within a second', async () => {
    await cli(['run', steady]); // warm the file cache
    const times = [];
    for (let i = 0; i < 3; i++) times.push((await cli(['run', steady])).ms);
    // The target is 0.5 s; the bound leaves room for a busy CI machine running tests in parallel.
    expect(Math.min(...times)).toBeLessThan(1000);
  });
});
