// The `analysis:` section: defaults, the example a user writes, and clear messages for the
// cross-field rules (one way to judge a metric, judge and group settings, conditions).
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analysisSchema, analysisTemplateSchema } from '../../src/analysis/schema.ts';

const EXAMPLE = `
latency-and-errors:
  interval: 30s
  failureLimit: 0
  metrics:
    - { name: p99-vs-baseline, metric: latency.p99, successCondition: "canary <= baseline * 1.10" }
    - { name: errors-vs-baseline, metric: errorRate, successCondition: "canary < baseline + 0.001" }
flagger-builtins:
  interval: 1m
  noData: fail
  metrics:
    - { name: request-success-rate, metric: successRate, window: 1m, thresholdRange: { min: 99 } }
    - { name: request-duration, metric: latency.p99, window: 1m, thresholdRange: { max: 500 } }
kayenta-aca:
  interval: 5m
  count: 6
  kayenta: { pass: 95, marginal: 75, groupWeights: { errors: 60, latency: 40 } }
  metrics:
    - name: error-rate
      metric: errorRate
      judge: { direction: increase, critical: true, groups: [errors] }
    - name: p99
      metric: latency.p99
      judge: { direction: increase, allowedIncrease: 1.1, groups: [latency] }
slo-burn:
  interval: 1m
  metrics:
    - { name: availability-burn, burnRate: { shortWindow: 5m, longWindow: 1h, threshold: 14.4 } }
`;

function messages(input: unknown): string[] {
  const r = analysisTemplateSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the analysis section', () => {
  it('parses the example YAML with durations in seconds and Argo defaults filled in', () => {
    const templates = analysisSchema.parse(parseYaml(EXAMPLE));
    const t = templates['latency-and-errors'];
    expect(t).toMatchObject({ interval: 30, initialDelay: 0, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4, noData: 'fail' });
    expect(t.count).toBeUndefined();
    expect(templates['flagger-builtins'].metrics[0]).toMatchObject({ window: 60, thresholdRange: { min: 99 } });
    const judge = templates['kayenta-aca'].metrics[1].judge!;
    expect(judge).toMatchObject({ kind: 'mann-whitney', direction: 'increase', confidence: 0.98, effectSizeMeasure: 'meanRatio', allowedIncrease: 1.1, critical: false, mustHaveData: false });
    expect(templates['slo-burn'].metrics[0].burnRate).toEqual({ shortWindow: 300, longWindow: 3600, threshold: 14.4 });
  });

  it('defaults to no templates', () => {
    expect(analysisSchema.parse(undefined)).toEqual({});
  });

  it('fills in the SRE workbook’s burn-rate windows and the Kayenta sample thresholds', () => {
    const t = analysisTemplateSchema.parse({ metrics: [{ name: 'burn', burnRate: {} }, { name: 'e', metric: 'errorRate', judge: {} }], kayenta: {} });
    expect(t.metrics[0].burnRate).toEqual({ shortWindow: 300, longWindow: 3600, threshold: 14.4 });
    expect(t.kayenta).toEqual({ pass: 95, marginal: 75, groupWeights: {} });
  });

  it('requires exactly one way to judge a metric', () => {
    expect(messages({ metrics: [{ name: 'm', metric: 'errorRate' }] })).toEqual([
      'metrics.0: metric "m" needs one way to judge it: successCondition/failureCondition, thresholdRange, judge or burnRate',
    ]);
    expect(messages({ metrics: [{ name: 'm', metric: 'errorRate', successCondition: 'canary < 0.01', thresholdRange: { max: 0.01 } }] })).toEqual([
      'metrics.0: metric "m" sets successCondition/failureCondition and thresholdRange; keep exactly one',
    ]);
  });

  it('requires a metric to measure, except for a burn rate, which measures errorRate', () => {
    expect(messages({ metrics: [{ name: 'm', successCondition: 'canary < 1' }] })[0]).toMatch(/^metrics.0.metric: metric "m" needs metric: one of errorRate, successRate/);
    expect(messages({ metrics: [{ name: 'b', metric: 'latency.p99', burnRate: {} }] })).toEqual([
      'metrics.0.metric: a burnRate metric measures errorRate against the availability SLO, not latency.p99',
    ]);
    expect(messages({ metrics: [{ name: 'b', burnRate: { shortWindow: '1h', longWindow: '5m' } }] })).toEqual(['metrics.0.burnRate: expected 0 < shortWindow < longWindow']);
  });

  it('checks conditions when the scenario is loaded: syntax with a column, and the names they may read', () => {
    expect(messages({ metrics: [{ name: 'm', metric: 'errorRate', successCondition: 'canary <' }] })).toEqual([
      'metrics.0.successCondition: cannot parse "canary <" at column 9: expected a value at the end',
    ]);
    expect(messages({ metrics: [{ name: 'm', metric: 'errorRate', failureCondition: 'stable > 0.01' }] })).toEqual([
      'metrics.0.failureCondition: "stable > 0.01" reads "stable"; a condition can read canary, baseline, result',
    ]);
  });

  it('checks a threshold range and the limits', () => {
    expect(messages({ metrics: [{ name: 'm', metric: 'successRate', thresholdRange: {} }] })).toEqual(['metrics.0.thresholdRange: expected min, max or both']);
    expect(messages({ metrics: [{ name: 'm', metric: 'successRate', thresholdRange: { min: 99, max: 90 } }] })).toEqual(['metrics.0.thresholdRange: expected min ≤ max']);
    expect(messages({ failureLimit: -2, metrics: [{ name: 'm', metric: 'successRate', thresholdRange: { min: 99 } }] })).toEqual([
      'failureLimit: expected a whole number ≥ 0, or −1 for no limit',
    ]);
    expect(messages({ interval: 0, metrics: [{ name: 'm', metric: 'successRate', thresholdRange: { min: 99 } }] })).toEqual(['interval: expected an interval > 0']);
  });

  it('keeps judge metrics’ limits on the template, where their combined Kayenta measurement uses them', () => {
    expect(messages({ metrics: [{ name: 'j', metric: 'errorRate', judge: {}, failureLimit: 2 }] })).toEqual([
      'metrics.0.failureLimit: judge metrics are scored together as one Kayenta measurement: set failureLimit on the template',
    ]);
  });

  it('checks Kayenta scoring against the judge metrics and their groups', () => {
    const judge = (name: string, groups?: string[]) => ({ name, metric: 'errorRate', judge: groups ? { groups } : {} });
    expect(messages({ kayenta: {}, metrics: [{ name: 'm', metric: 'errorRate', thresholdRange: { max: 1 } }] })).toEqual([
      'kayenta: kayenta scoring is set but no metric has a judge',
    ]);
    expect(messages({ kayenta: { groupWeights: { latency: 50 } }, metrics: [judge('e', ['errors'])] })).toEqual([
      'kayenta.groupWeights.latency: no judge metric is in group "latency" (groups: errors)',
    ]);
    expect(messages({ kayenta: { groupWeights: { a: 50, b: 40 } }, metrics: [judge('x', ['a']), judge('y', ['b'])] })).toEqual([
      'kayenta.groupWeights: group weights add up to 90; expected 100 (or less, leaving the rest to unweighted groups)',
    ]);
    expect(messages({ kayenta: { groupWeights: { a: 50 } }, metrics: [judge('x', ['a']), judge('y', ['b'])] })).toEqual([]);
    expect(messages({ kayenta: { pass: 70, marginal: 80 }, metrics: [judge('x')] })).toEqual(['kayenta: expected marginal ≤ pass']);
    expect(messages({ metrics: [judge('kayenta')] })[0]).toMatch(/names the judge metrics' combined measurement/);
  });

  it('rejects duplicate metric names, unknown fields and non-kebab template names', () => {
    const m = { name: 'm', metric: 'errorRate', thresholdRange: { max: 0.01 } };
    expect(messages({ metrics: [m, m] })).toEqual(['metrics.1.name: duplicate metric name "m"']);
    expect(messages({ metrics: [{ ...m, provider: 'prometheus' }] })[0]).toMatch(/provider/);
    expect(analysisSchema.safeParse({ 'Latency Check': { metrics: [m] } }).success).toBe(false);
  });
});
