// The lab's controls edit the scenario's YAML: writing a control's own value changes nothing,
// writing another value changes that field and only that field, and the text stays valid.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { applyControl, durationText, labControls, type Control } from '../../../src/ui/lab/controls.ts';

const catalog = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, text: readFileSync(`scenarios/${file}`, 'utf8') }));

function load(text: string, file = 'scenario.yaml'): Scenario {
  const r = loadScenario(text, { file });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.scenario;
}

function controlsOf(text: string): Control[] {
  return labControls(load(text), text);
}

function control(text: string, id: string): Control {
  const c = controlsOf(text).find((x) => x.id === id);
  if (!c) throw new Error(`no control ${id}; have ${controlsOf(text).map((x) => x.id).join(', ')}`);
  return c;
}

describe('durationText', () => {
  it('writes whole hours and minutes with their unit, the rest in seconds', () => {
    expect(durationText(7200)).toBe('2h');
    expect(durationText(300)).toBe('5m');
    expect(durationText(90)).toBe('90s');
    expect(durationText(0)).toBe('0s');
    expect(durationText(2.5)).toBe('2.5s');
  });
});

describe('lab controls on every catalog scenario', () => {
  for (const { file, text } of catalog) {
    it(`${file}: each control written with its own value leaves the scenario as it was`, () => {
      const before = load(text, file);
      const controls = labControls(before, text);
      expect(controls.length).toBeGreaterThan(3);
      expect(new Set(controls.map((c) => c.id)).size, 'ids are unique').toBe(controls.length);
      for (const c of controls) {
        const after = applyControl(text, c, c.value);
        expect(load(after, file), c.id).toEqual(before);
      }
    });
  }
});

const canary = readFileSync('scenarios/canary-in-detail.yaml', 'utf8');

describe('writing a control', () => {
  it('changes a number in place and leaves every other line byte for byte', () => {
    const after = applyControl(canary, control(canary, 'fleet.replicas'), 40);
    const a = canary.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]]]));
    expect(changed).toEqual([['  replicas: 100', '  replicas: 40']]);
    expect(load(after).fleet.replicas).toBe(40);
  });

  it('edits a value inside a flow mapping without reflowing it', () => {
    const after = applyControl(canary, control(canary, 'fleet.boot'), 50);
    expect(after).toContain('boot: { median: 50s, p99: 80s }');
    expect(load(after).fleet.boot).toMatchObject({ median: 50, p99: 80 });
  });

  it('sets canary weights and analysis holds, in minutes', () => {
    let text = applyControl(canary, control(canary, 'strategy.steps[2].setWeight'), 20);
    text = applyControl(text, control(text, 'strategy.steps[1].hold'), 15);
    const s = load(text);
    if (s.strategy.kind !== 'canary') throw new Error('not a canary');
    expect(s.strategy.steps[2]).toEqual({ setWeight: 20 });
    expect(s.strategy.steps[1]).toEqual({ analysis: { templates: ['health'], duration: 900 } });
    expect(text).toContain('- analysis: { template: health, duration: 15m }');
  });

  it('injects a regression, sizes it and moves its onset', () => {
    let text = applyControl(canary, control(canary, 'regression.kind'), 'error-rate');
    expect(load(text).releases.candidate?.regressions).toEqual([{ kind: 'error-rate', onset: 'deploy', scope: 'all', errorRate: 0.01 }]);
    text = applyControl(text, control(text, 'regression.size'), 2.5);
    text = applyControl(text, control(text, 'regression.onset'), 'at');
    text = applyControl(text, control(text, 'regression.onsetTime'), 45);
    expect(load(text).releases.candidate?.regressions).toEqual([{ kind: 'error-rate', onset: { at: 2700 }, scope: 'all', errorRate: 0.025 }]);
    text = applyControl(text, control(text, 'regression.kind'), 'latency-tail');
    expect(load(text).releases.candidate?.regressions).toEqual([{ kind: 'latency', onset: { at: 2700 }, scope: 'all', multiplier: 1.5, tailOnly: true }]);
    text = applyControl(text, control(text, 'regression.kind'), 'none');
    expect(load(text).releases.candidate?.regressions).toEqual([]);
  });

  it('edits only the first of several regressions', () => {
    const two = canary.replace(
      'candidate: { version: v2, latency: { median: 40ms, p99: 180ms }, errorRate: 0.001 }',
      'candidate: { version: v2, latency: { median: 40ms, p99: 180ms }, errorRate: 0.001, regressions: [{ kind: error-rate, errorRate: 0.02 }, { kind: crash-loop }] }',
    );
    expect(load(two).releases.candidate?.regressions.map((r) => r.kind)).toEqual(['error-rate', 'crash-loop']);
    let text = applyControl(two, control(two, 'regression.kind'), 'latency');
    expect(load(text).releases.candidate?.regressions.map((r) => r.kind)).toEqual(['latency', 'crash-loop']);
    text = applyControl(text, control(text, 'regression.kind'), 'none');
    expect(load(text).releases.candidate?.regressions.map((r) => r.kind)).toEqual(['crash-loop']);
  });

  it('switches the router to DNS, then offers and sets its TTL', () => {
    expect(controlsOf(canary).some((c) => c.id === 'router.dns.ttl')).toBe(false);
    let text = applyControl(canary, control(canary, 'router.kind'), 'dns');
    text = applyControl(text, control(text, 'router.dns.ttl'), 300);
    const s = load(text);
    expect(s.router.kind).toBe('dns');
    expect(s.router.dns.ttl).toBe(300);
  });

  it('switches a metric from a condition to the Mann-Whitney judge and back', () => {
    let text = applyControl(canary, control(canary, 'analysis.health.metrics[0].judge'), 'judge');
    let metric = load(text).analysis.health.metrics[0];
    expect(metric.successCondition).toBeUndefined();
    expect(metric.judge).toMatchObject({ kind: 'mann-whitney', direction: 'increase', confidence: 0.98 });
    text = applyControl(text, control(text, 'analysis.health.metrics[0].judge.confidence'), 0.9);
    expect(load(text).analysis.health.metrics[0].judge?.confidence).toBe(0.9);
    text = applyControl(text, control(text, 'analysis.health.metrics[0].judge'), 'condition');
    metric = load(text).analysis.health.metrics[0];
    expect(metric.judge).toBeUndefined();
    expect(metric.successCondition).toBe('canary <= baseline + 0.002');
  });

  it('keeps a condition quoted as it was, and a bad condition is the loader’s error', () => {
    const c = control(canary, 'analysis.health.metrics[1].successCondition');
    const text = applyControl(canary, c, 'canary <= baseline * 1.5');
    expect(text).toContain('successCondition: "canary <= baseline * 1.5"');
    const bad = loadScenario(applyControl(canary, c, 'canary <= '), { file: 'x.yaml' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].path).toBe('analysis.health.metrics[1].successCondition');
  });

  it('sets the blue-green scale-down delay and the traffic level', () => {
    const bg = readFileSync('scenarios/blue-green-in-detail.yaml', 'utf8');
    let text = applyControl(bg, control(bg, 'strategy.scaleDownDelaySeconds'), 600);
    text = applyControl(text, control(text, 'traffic.rate'), 123);
    const s = load(text);
    if (s.strategy.kind !== 'blue-green') throw new Error('not blue-green');
    expect(s.strategy.scaleDownDelaySeconds).toBe(600);
    expect(s.traffic.rate).toMatchObject({ rps: 123 });
  });
});
