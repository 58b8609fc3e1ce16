// `--set path=value`: paths with fields and indexes, YAML values, and errors inside the argument.
import { describe, expect, it } from 'vitest';
import { formatScenarioError } from '../../src/scenario/errors.ts';
import { Provenance } from '../../src/scenario/load-merge.ts';
import type { Source } from '../../src/scenario/load-source.ts';
import { applyOverride, parseOverride, type Override } from '../../src/scenario/overrides.ts';

const root: Source = { file: 'x.yaml', root: [], position: () => ({ line: 1, col: 1 }) };

function apply(target: Record<string, unknown>, ...args: string[]): string[] {
  const prov = new Provenance(root);
  const problems: string[] = [];
  args.forEach((arg, i) => {
    const o = parseOverride(arg, i + 1);
    const error = 'message' in o ? o : applyOverride(target, o, prov);
    if (error) problems.push(formatScenarioError(error));
  });
  return problems;
}

describe('parseOverride', () => {
  it.each([
    ['fleet.replicas=40', ['fleet', 'replicas'], 40],
    ['strategy.steps[2].setWeight=50', ['strategy', 'steps', 2, 'setWeight'], 50],
    ['name="40"', ['name'], '40'],
    ['traffic.rate={kind: constant, rps: 300}', ['traffic', 'rate'], { kind: 'constant', rps: 300 }],
    ['expect=[a == 1, b == 2]', ['expect'], ['a == 1', 'b == 2']],
    ['title=Canary: the sequel', ['title'], 'Canary: the sequel'],
    ['narration.deploy-start=Here we go', ['narration', 'deploy-start'], 'Here we go'],
    ['fleet.maxInstances=', ['fleet', 'maxInstances'], null],
  ])('%s', (arg, path, value) => {
    const o = parseOverride(arg, 1) as Override;
    expect(o.path).toEqual(path);
    expect(o.value).toEqual(value);
  });
});

describe('applyOverride', () => {
  it('sets, creates mappings on the way, and appends at the end of a list', () => {
    const target: Record<string, unknown> = { fleet: { replicas: 2 }, expect: ['a == 1'] };
    expect(apply(target, 'fleet.replicas=5', 'router.kind=dns', 'expect[1]=b == 2', 'expect[0]=c == 3')).toEqual([]);
    expect(target).toEqual({ fleet: { replicas: 5 }, router: { kind: 'dns' }, expect: ['c == 3', 'b == 2'] });
  });

  it.each([
    ['fleet[0]=1', '--set:1:6: fleet[0]: expected fleet to be a list to index into, found a mapping'],
    ['expect[3]=x', '--set:1:7: expect[3]: expected an index from 0 to 1 (expect has 1 item)'],
    ['fleet.replicas.max=1', '--set:1:16: fleet.replicas.max: expected fleet.replicas to be a mapping to set "max" in, found number 2'],
    ['=3', '--set:1:1: (root): expected path=value such as fleet.replicas=10, got "=3"'],
    ['[0]=3', '--set:1:1: [0]: expected the path to start with a field name, as in fleet.replicas'],
    ['fleet.=3', '--set:1:6: fleet.: expected a field path such as fleet.replicas or strategy.steps[2].setWeight, found "."'],
    ['fleet.replicas={a: 1', /^--set:1:\d+: fleet\.replicas: expected a YAML value \(a scalar, \[list\] or \{mapping\}\): /],
  ])('rejects %s', (arg, expected) => {
    const [line, ...rest] = apply({ fleet: { replicas: 2 }, expect: ['a == 1'] }, arg);
    expect(rest).toEqual([]);
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
  });
});
