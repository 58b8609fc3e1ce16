// Argo Rollouts' phase rules on synthetic measurements, without a world: measurement phases
// from conditions, metric phases from counters and limits, the run's phase from its metrics.
import { describe, expect, it } from 'vitest';
import { evaluateConditions } from '../../src/analysis/conditions.ts';
import { Expression } from '../../src/analysis/expression.ts';
import {
  assessMetric,
  assessRun,
  emptyTally,
  isTerminating,
  isWorse,
  recordMeasurement,
  type MeasurementPhase,
  type MetricLimits,
} from '../../src/analysis/phase.ts';

const ARGO_DEFAULTS: MetricLimits = { failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4 };

function tallyOf(phases: MeasurementPhase[]) {
  const t = emptyTally();
  for (const p of phases) recordMeasurement(t, p);
  return t;
}

describe('a measurement’s phase from its conditions (Argo EvaluateResult)', () => {
  const scope = { canary: 0.002, baseline: 0.001, result: 0.002 };
  const e = (text: string) => Expression.parse(text);

  it('fails when only a successCondition is set and it is false', () => {
    expect(evaluateConditions(e('canary < baseline + 0.001'), null, scope).phase).toBe('Failed');
    expect(evaluateConditions(e('canary < baseline + 0.002'), null, scope).phase).toBe('Successful');
  });

  it('succeeds when only a failureCondition is set and it is false', () => {
    expect(evaluateConditions(null, e('result > 0.01'), scope).phase).toBe('Successful');
    expect(evaluateConditions(null, e('result > 0.001'), scope).phase).toBe('Failed');
  });

  it('with both, fails on the failureCondition and is inconclusive when neither holds', () => {
    expect(evaluateConditions(e('canary < 0.0015'), e('canary > 0.01'), scope).phase).toBe('Inconclusive');
    expect(evaluateConditions(e('canary < 0.01'), e('canary > 0.0015'), scope).phase).toBe('Failed');
    expect(evaluateConditions(e('canary < 0.01'), e('canary > 0.01'), scope).phase).toBe('Successful');
  });

  it('is Successful with no condition at all', () => {
    expect(evaluateConditions(null, null, scope).phase).toBe('Successful');
  });

  it('is Error, with the message, when a condition cannot be evaluated', () => {
    const out = evaluateConditions(e('canary < baseline * 2'), null, { ...scope, baseline: null });
    expect(out).toEqual({ phase: 'Error', message: 'canary < baseline * 2: "*" needs numbers, got null' });
    expect(evaluateConditions(e('canary + 1'), null, scope).phase).toBe('Error');
  });
});

describe('a metric’s phase (Argo assessMetricStatus)', () => {
  it('is Pending before any measurement, Successful if terminated then', () => {
    expect(assessMetric(emptyTally(), ARGO_DEFAULTS, false)).toBe('Pending');
    expect(assessMetric(emptyTally(), ARGO_DEFAULTS, true)).toBe('Successful');
  });

  it('fails on the first failed measurement with failureLimit 0', () => {
    expect(assessMetric(tallyOf(['Successful', 'Successful']), ARGO_DEFAULTS, false)).toBe('Running');
    expect(assessMetric(tallyOf(['Successful', 'Failed']), ARGO_DEFAULTS, false)).toBe('Failed');
  });

  it('fails only when failed measurements exceed failureLimit', () => {
    const limits = { ...ARGO_DEFAULTS, failureLimit: 2 };
    expect(assessMetric(tallyOf(['Failed', 'Failed']), limits, false)).toBe('Running');
    expect(assessMetric(tallyOf(['Failed', 'Failed', 'Failed']), limits, false)).toBe('Failed');
  });

  it('never fails with failureLimit −1', () => {
    expect(assessMetric(tallyOf(Array(50).fill('Failed')), { ...ARGO_DEFAULTS, failureLimit: -1 }, false)).toBe('Running');
  });

  it('is Inconclusive when inconclusive measurements exceed inconclusiveLimit', () => {
    expect(assessMetric(tallyOf(['Inconclusive']), ARGO_DEFAULTS, false)).toBe('Inconclusive');
    expect(assessMetric(tallyOf(['Inconclusive']), { ...ARGO_DEFAULTS, inconclusiveLimit: 1 }, false)).toBe('Running');
  });

  it('errors after more than consecutiveErrorLimit errors in a row; a good measurement resets the run of errors', () => {
    expect(assessMetric(tallyOf(['Error', 'Error', 'Error', 'Error']), ARGO_DEFAULTS, false)).toBe('Running');
    expect(assessMetric(tallyOf(['Error', 'Error', 'Error', 'Error', 'Error']), ARGO_DEFAULTS, false)).toBe('Error');
    const reset = tallyOf(['Error', 'Error', 'Error', 'Error', 'Successful', 'Error', 'Error']);
    expect(reset).toMatchObject({ error: 6, consecutiveError: 2, count: 1 });
    expect(assessMetric(reset, ARGO_DEFAULTS, false)).toBe('Running');
  });

  it('lets the later check win when several limits break, as Argo does (Error over Inconclusive over Failed)', () => {
    const t = tallyOf(['Failed', 'Inconclusive', 'Error', 'Error', 'Error', 'Error', 'Error']);
    expect(assessMetric(t, ARGO_DEFAULTS, false)).toBe('Error');
    expect(assessMetric(tallyOf(['Failed', 'Inconclusive']), ARGO_DEFAULTS, false)).toBe('Inconclusive');
  });

  it('is Successful when count is reached, and counts errors out of it', () => {
    const limits = { ...ARGO_DEFAULTS, failureLimit: 1, count: 3 };
    expect(assessMetric(tallyOf(['Successful', 'Error', 'Successful']), limits, false)).toBe('Running');
    expect(assessMetric(tallyOf(['Successful', 'Failed', 'Successful']), limits, false)).toBe('Successful');
  });

  it('is Successful when the run terminates while it is still running', () => {
    expect(assessMetric(tallyOf(['Successful']), ARGO_DEFAULTS, true)).toBe('Successful');
    expect(assessMetric(tallyOf(['Failed']), ARGO_DEFAULTS, true)).toBe('Failed');
  });
});

describe('the run’s phase (Argo assessRunStatus)', () => {
  it('orders phases Successful < Running < Pending < Inconclusive < Error < Failed', () => {
    expect(isWorse('Successful', 'Running')).toBe(true);
    expect(isWorse('Inconclusive', 'Error')).toBe(true);
    expect(isWorse('Failed', 'Error')).toBe(false);
  });

  it('keeps Running until every metric completes, then takes the worst', () => {
    expect(assessRun(['Successful', 'Running'], false)).toBe('Running');
    expect(assessRun(['Successful', 'Successful'], false)).toBe('Successful');
    expect(assessRun(['Inconclusive', 'Successful'], false)).toBe('Inconclusive');
  });

  it('terminates as soon as one metric is Failed, Error or Inconclusive', () => {
    const phases = ['Failed', 'Running'] as const;
    expect(isTerminating(phases, false)).toBe(true);
    expect(isTerminating(['Successful', 'Running'], false)).toBe(false);
    // Assessed again as terminating, the running metric becomes Successful and the worst is Failed.
    expect(assessRun(['Failed', 'Successful'], true)).toBe('Failed');
    expect(assessRun(['Error', 'Inconclusive', 'Successful'], true)).toBe('Error');
  });

  it('is Successful when terminated early with nothing measured', () => {
    expect(assessRun(['Successful', 'Successful'], true)).toBe('Successful');
    expect(assessRun([], true)).toBe('Successful');
  });
});
