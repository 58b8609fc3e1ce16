// The pure loader: text in, a Scenario or `file:line:col: path: expected …` lines out — the
// same in Node and the browser. Covers extends (merge, provenance, cycles), --set, guards.
import { describe, expect, it } from 'vitest';
import { formatErrors, loadScenario, loadScenarioOrThrow, ScenarioLoadError, type LoadOptions, type LoadResult } from '../../src/scenario/load.ts';

const STEADY = `# yaml-language-server: $schema=../schema/scenario.schema.json
name: steady
title: Steady
duration: 10m
fleet:
  replicas: 4
traffic:
  rate: 50
releases:
  stable: { version: v1 }
expect:
  - outcome == "completed"
`;

function errors(text: string, options: LoadOptions = {}): string {
  const r = loadScenario(text, { file: 's.yaml', ...options });
  return r.ok ? 'ok' : formatErrors(r.errors);
}

describe('loadScenario', () => {
  it('parses YAML with comments into a scenario with units resolved and defaults filled', () => {
    const r = loadScenario(STEADY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toMatchObject({ name: 'steady', duration: 600, seed: 1, fleet: { replicas: 4, warmup: 30 }, strategy: { kind: 'none' } });
  });

  it('parses JSON too, with positions', () => {
    const json = JSON.stringify({ name: 'j', title: 'J', duration: 60, fleet: { replicas: 0 }, traffic: { rate: 1 }, releases: { stable: { version: 'v1' } } }, null, 2);
    expect(errors(json, { file: 's.json' })).toBe('s.json:6:17: fleet.replicas: expected a whole number ≥ 1, got 0');
  });

  it.each([
    ['a missing field, at its parent', STEADY.replace('  stable: { version: v1 }', '  stable: { errorRate: 0.01 }'), 's.yaml:10:3: releases.stable.version: expected a string, but it is missing'],
    ['a misspelt field once, not also as missing', STEADY.replace('replicas: 4', 'replicaz: 4'), /^s\.yaml:6:3: fleet\.replicaz: unknown field "replicaz"; did you mean "replicas"\? \(expected one of replicas, /],
    ['the union branch the author meant', STEADY.replace('rate: 50', 'rate: { kind: diurnal, mean: 3, peak: 4 }'), /^s\.yaml:8:35: traffic\.rate\.peak: unknown field "peak"; did you mean "mean"\?/],
    ['a value of no accepted type', STEADY.replace('duration: 10m', 'duration: true'), 's.yaml:4:11: duration: expected a number or a string, got true'],
    ['a refinement', STEADY.replace('replicas: 4', 'replicas: 4\n  boot: { median: 50s, p99: 10s }'), 's.yaml:7:9: fleet.boot: expected p99 ≥ median'],
    ['a name', STEADY.replace('name: steady', 'name: Steady State'), 's.yaml:2:7: name: expected a kebab-case name such as automated-canary-analysis, got "Steady State"'],
    ['duplicate keys', STEADY.replace('duration: 10m', 'duration: 10m\nduration: 5m'), 's.yaml:5:1: duration: expected valid YAML: Map keys must be unique'],
    ['an unclosed quote', STEADY.replace('title: Steady', 'title: "Steady'), /^s\.yaml:3:8: title: expected valid YAML: Missing closing "quote/],
    ['a list at the root', '- a\n- b\n', 's.yaml:1:1: (root): expected a mapping of scenario fields (name, title, duration, fleet, …), got a list'],
    ['an empty file', '', 's.yaml:1:1: (root): expected a mapping of scenario fields (name, title, duration, fleet, …), got an empty document'],
    ['text over the size limit', STEADY, 's.yaml:1:1: (root): expected a scenario of at most 0 MB, got 0 MB'],
  ])('reports %s in one line', (_, text, expected) => {
    const out = errors(text, _ === 'text over the size limit' ? { maxBytes: 100 } : {});
    if (typeof expected === 'string') expect(out).toBe(expected);
    else expect(out).toMatch(expected);
    expect(out.split('\n')).toHaveLength(1);
  });

  it('lists every problem, in reading order', () => {
    const text = STEADY.replace('name: steady', 'name: Steady').replace('replicas: 4', 'replicas: -1');
    expect(errors(text).split('\n').map((l) => l.split(': ')[0])).toEqual(['s.yaml:2:7', 's.yaml:6:13']);
  });

  it('never lets __proto__, constructor or prototype keys through, nor pollute Object.prototype', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(errors(`${STEADY}narration:\n  ${key}: { polluted: yes }\n`)).toBe(`s.yaml:14:3: narration.${key}: expected an ordinary field name; "${key}" is not allowed in a scenario`);
    }
    expect(errors(STEADY, { sets: ['fleet={__proto__: {polluted: 1}}'] })).toBe('--set:1:8: fleet.__proto__: expected an ordinary field name; "__proto__" is not allowed in a scenario');
    expect(errors(STEADY, { sets: ['fleet.__proto__.polluted=1'] })).toMatch(/^--set:1:7: fleet\.__proto__: /);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('caps alias expansion (billion laughs)', () => {
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');
    expect(errors(lol)).toMatch(/^s\.yaml:1:1: \(root\): expected at most 100 alias expansions/);
  });

  it('points an unparsable expectation at the character where parsing stopped', () => {
    expect(errors(STEADY.replace('outcome == "completed"', '"summary.downtimeS <"'))).toBe(
      's.yaml:12:25: expect[0]: expected an expression such as summary.downtimeS == 0 (field, comparison, value; joined by && or ||): expected a value at the end at column 20',
    );
  });

  it('loadScenarioOrThrow throws every problem at once', () => {
    expect(() => loadScenarioOrThrow('name: 1', { file: 'x.yaml' })).toThrow(ScenarioLoadError);
    expect(loadScenarioOrThrow(STEADY).name).toBe('steady');
  });
});

describe('extends', () => {
  const files: Record<string, string> = {
    'cat/base.yaml': STEADY.replace('expect:\n  - outcome == "completed"\n', 'expect: [outcome == "completed", summary.downtimeS == 0]\n'),
    'cat/child.yaml': 'extends: base.yaml\nname: child\nfleet: { warmup: 10s }\nexpect: [summary.downtimeS < 1]\n',
    'cat/grandchild.yaml': 'extends: ./child.yaml\ntitle: Grandchild\n',
    'cat/typo.yaml': 'extends: base.yaml\nfleet: { warmup: -1 }\n',
    'cat/bad-base.yaml': 'extends: ../broken.yaml\nname: x\n',
    'broken.yaml': 'fleet: { replicas: zero }\ntitle: T\nname: b\nduration: 1m\ntraffic: { rate: 1 }\nreleases: { stable: { version: v1 } }\n',
    'cat/partial.yaml': 'extends: half.yaml\ntitle: No name anywhere\n',
    'cat/half.yaml': 'duration: 1m\nfleet: { replicas: 1 }\ntraffic: { rate: 1 }\nreleases: { stable: { version: v1 } }\n',
    'cat/loop-a.yaml': 'extends: loop-b.yaml\n',
    'cat/loop-b.yaml': 'extends: ./loop-a.yaml\n',
    'cat/self.yaml': 'extends: self.yaml\n',
    'cat/number.yaml': 'extends: 3\n',
  };
  const readFile = (path: string) => {
    if (!(path in files)) throw new Error('there is no such file');
    return files[path];
  };
  const load = (file: string) => loadScenario(files[file], { file, readFile });
  const lines = (r: LoadResult) => (r.ok ? 'ok' : formatErrors(r.errors));

  it('deep-merges the base under the file: mappings merge, lists are replaced', () => {
    const r = load('cat/grandchild.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toMatchObject({ name: 'child', title: 'Grandchild', duration: 600, fleet: { replicas: 4, warmup: 10 }, expect: ['summary.downtimeS < 1'] });
  });

  it('reports a problem in the file that wrote the field', () => {
    expect(lines(load('cat/typo.yaml'))).toMatch(/^cat\/typo\.yaml:2:18: fleet\.warmup: expected a duration ≥ 0/);
    expect(lines(load('cat/bad-base.yaml'))).toBe('broken.yaml:1:20: fleet.replicas: expected a number, got "zero"');
  });

  it('reports a field missing everywhere in the file being loaded', () => {
    expect(lines(load('cat/partial.yaml'))).toBe('cat/partial.yaml:1:1: name: expected a string, but it is missing');
  });

  it.each([
    ['cat/loop-a.yaml', 'cat/loop-b.yaml:1:10: extends: expected a base scenario that does not lead back to itself: cat/loop-a.yaml → cat/loop-b.yaml → cat/loop-a.yaml'],
    ['cat/self.yaml', 'cat/self.yaml:1:10: extends: expected a base scenario that does not lead back to itself: cat/self.yaml → cat/self.yaml'],
    ['cat/number.yaml', 'cat/number.yaml:1:10: extends: expected the path of a base scenario such as ./base.yaml, got 3'],
  ])('rejects %s', (file, line) => {
    expect(lines(load(file))).toBe(line);
  });

  it('is an error where no files can be read (the browser, pasted text)', () => {
    expect(errors(files['cat/child.yaml'])).toBe('s.yaml:1:10: extends: expected a self-contained scenario here: base files cannot be read in this context');
  });
});
