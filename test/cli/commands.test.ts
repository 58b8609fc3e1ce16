// The other subcommands through the built binary: help, list, explain and usage errors —
// each usage error one line on stderr with exit 2.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, FIXTURES } from './cli-process.ts';

beforeAll(() => buildCli());

describe.concurrent('rollout-lab', () => {
  it('prints an overview with --help and each command’s options with <command> --help', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^rollout-lab \d+\.\d+\.\d+ /);
    const names = ['validate', 'run', 'compare', 'sweep', 'merge', 'power', 'import', 'list', 'explain'];
    const [helps, viaHelp] = await Promise.all([Promise.all(names.map((n) => cli([n, '--help']))), Promise.all(names.map((n) => cli(['help', n])))]);
    names.forEach((name, i) => {
      expect(helps[i].code, name).toBe(0);
      expect(helps[i].stdout).toMatch(new RegExp(`^Usage: rollout-lab ${name}`));
      expect(viaHelp[i].stdout).toBe(helps[i].stdout);
    });
  });

  it.each([
    [[], /^rollout-lab: expected a command \(validate, run, compare, sweep, merge, power, import, list, explain\); see rollout-lab --help$/],
    [['deploy'], /^rollout-lab: unknown command "deploy"; expected one of validate, run, compare, sweep, merge, power, import, list, explain$/],
    [['run'], /^rollout-lab: run: expected <file>; see rollout-lab run --help$/],
    [['run', 'a.yaml', 'b.yaml'], /^rollout-lab: run: expected one file, got also "b.yaml"$/],
    [['run', 'a.yaml', '--seed=-1'], /^rollout-lab: run: --seed: expected a whole number ≥ 0, got "-1"$/],
    [['run', 'a.yaml', '--seed', '-1'], /^rollout-lab: run: --seed: expected a value; write --seed=-… for one that starts with "-"$/],
    [['run', 'a.yaml', '--seed'], /^rollout-lab: run: --seed: expected a value$/],
    [['run', 'a.yaml', '--fidelity', 'exact'], /^rollout-lab: run: --fidelity: expected one of request, aggregate, got "exact"$/],
    [['run', 'a.yaml', '--format', 'xml'], /^rollout-lab: run: --format: expected one of table, json, junit, markdown, got "xml"$/],
    [['run', 'a.yaml', '--colour'], /^rollout-lab: run: Unknown option '--colour'; see rollout-lab run --help$/],
    [['validate'], /^rollout-lab: validate: expected <file>; see rollout-lab validate --help$/],
    [['run', 'no-such.yaml'], /^no-such\.yaml:1:1: \(root\): expected a readable scenario file, but there is no such file$/],
  ])('rejects %j with one line and exit 2', async (args, line) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(line);
  });

  it('lists the catalog one scenario a line, skipping bases', async () => {
    const r = await cli(['list', `${FIXTURES}/catalog`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'flaky-probes  why-it-matters  Healthy instances drop out of the endpoints when probes flake\n' +
        'steady-state  -               Four instances serve a steady 50 requests/s with no deploy\n',
    );
  });

  it('list reports a file that does not load and exits 2', async () => {
    const r = await cli(['list', `${FIXTURES}/malformed`]);
    expect(r.code).toBe(2);
    expect(r.lines.length).toBeGreaterThan(5);
    expect(r.stdout).toBe('');
  });

  it('explains a run in sentences with the numbers behind them, and the narration', async () => {
    const r = await cli(['explain', `${FIXTURES}/catalog/flaky-probes.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('flaky-probes — Healthy instances drop out of the endpoints when probes flake');
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d(\.\d+)? +Instance \d+ of v1 failed a readiness probe and leaves the endpoints: it gets no new requests\.$/m);
    expect(r.stdout).toMatch(/passed its readiness probe \(probed every 5 s; 1 success needed\) and joins the endpoints\.$/m);
    expect(r.stdout).toContain('» A failed probe takes a healthy instance out of rotation until it passes again.');
    expect(r.stdout).toContain('1 of 1 expectation holds:');
  });
});
