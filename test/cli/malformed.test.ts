// Bad input through the built binary: every malformed scenario gets exactly one line on
// stderr — file:line:col: field.path: what was expected — exit 2, nothing on stdout, and no
// output file left behind; the pure loader (as the browser lab calls it) says the same.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScenarioError, loadScenario } from '../../src/scenario/load.ts';
import { buildCli, cli, ERROR_LINE, FIXTURES, ROOT } from './cli-process.ts';

const M = `${FIXTURES}/malformed`;
let tmp: string;

beforeAll(() => {
  buildCli();
  tmp = mkdtempSync(join(tmpdir(), 'rollout-lab-bad-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** file, where the error must point, and the field path it must name. */
const CASES: Array<[string, string, string, RegExp]> = [
  ['bad-yaml.yaml', 'bad-yaml.yaml:5:13', 'fleet.replicas[0]', /^expected valid YAML: Flow sequence/],
  ['unknown-field.yaml', 'unknown-field.yaml:6:3', 'fleet.colour', /^unknown field "colour": expected one of replicas, /],
  ['wrong-type.yaml', 'wrong-type.yaml:5:13', 'fleet.replicas', /^expected a number, got "many"$/],
  ['negative-duration.yaml', 'negative-duration.yaml:3:11', 'duration', /^expected a duration ≥ 0 .*, got "-5m"$/],
  ['fraction-over-range.yaml', 'fraction-over-range.yaml:7:37', 'releases.stable.errorRate', /^expected a fraction from 0 to 1, got 1.5$/],
  ['unknown-strategy.yaml', 'unknown-strategy.yaml:8:9', 'strategy.kind', /^expected one of "none", .*got "teleport"$/],
  ['bad-expect.yaml', 'bad-expect.yaml:9:25', 'expect[1]', /^expected an expression such as summary\.downtimeS == 0 .*at column 21$/],
  ['proto-key.yaml', 'proto-key.yaml:6:3', 'fleet.__proto__', /"__proto__" is not allowed/],
  ['alias-bomb.yaml', 'alias-bomb.yaml:1:1', '(root)', /^expected at most 100 alias expansions/],
  ['missing-extends.yaml', 'missing-extends.yaml:1:10', 'extends', /^expected a readable base scenario at test\/cli\/fixtures\/malformed\/no-such-base\.yaml, but there is no such file$/],
  ['cycle-a.yaml', 'cycle-b.yaml:1:10', 'extends', /^expected a base scenario that does not lead back to itself: .*cycle-a\.yaml → .*cycle-b\.yaml → .*cycle-a\.yaml$/],
];

describe.concurrent('a malformed scenario', () => {
  it.each(CASES)('%s: one line at %s naming %s, exit 2, no output file, same as the pure loader', async (name, at, path, message) => {
    const dir = mkdtempSync(join(tmp, 'case-'));
    const r = await cli(['run', `${M}/${name}`, '--format', 'json', '--out', join(dir, 'result.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toHaveLength(1);
    const m = ERROR_LINE.exec(r.lines[0]);
    expect(m, r.lines[0]).not.toBeNull();
    const [, file, line, col, field, text] = m as RegExpExecArray;
    expect(`${file}:${line}:${col}`).toBe(`${M}/${at}`);
    expect(field).toBe(path);
    expect(text).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(dir)).toEqual([]);
    // The pure loader, as the browser lab calls it (text in, no file access), says the same.
    if (!/extends|cycle/.test(name)) {
      const file = `${M}/${name}`;
      const loaded = loadScenario(readFileSync(join(ROOT, file), 'utf8'), { file });
      expect(loaded.ok ? [] : loaded.errors.map(formatScenarioError)).toEqual(r.lines);
    }
  });

  it('weights over 100: one line on the step (or on the kind, while canary does not exist)', async () => {
    const r = await cli(['validate', `${M}/weight-over-100.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^test\/cli\/fixtures\/malformed\/weight-over-100\.yaml:(12:18: strategy\.steps\[0\]\.setWeight: expected a number ≤ 100, got 150|\d+:\d+: strategy\.kind: .*)$/);
  });

  it('a 50 MB file is refused before it is read, fast', async () => {
    const big = join(tmp, 'big.yaml');
    const fd = openSync(big, 'w');
    const chunk = Buffer.from(`# ${'x'.repeat(1021)}\n`.repeat(1024)); // 1 MiB
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = await cli(['validate', big]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toEqual([`${big}:1:1: (root): expected a readable scenario file, but it is 50 MB, over the 10 MB limit`]);
    expect(r.ms).toBeLessThan(5000);
    rmSync(big);
  });

  it('validate reports the same line as run, and each valid file on stdout', async () => {
    const r = await cli(['validate', `${FIXTURES}/steady.yaml`, `${M}/wrong-type.yaml`, `${FIXTURES}/steady-small.json`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      'test/cli/fixtures/steady.yaml: ok (steady-state, strategy none, 4 expectations)\ntest/cli/fixtures/steady-small.json: ok (steady-small, strategy none, 2 expectations)\n',
    );
    expect(r.lines).toEqual(['test/cli/fixtures/malformed/wrong-type.yaml:5:13: fleet.replicas: expected a number, got "many"']);
  });
});
