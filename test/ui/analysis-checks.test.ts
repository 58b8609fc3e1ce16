import { describe, expect, it } from 'vitest';
import { analysisChecks, checksOf, conditionLimits } from '../../src/ui/lib/analysis-checks.ts';
import { catalogRun } from './run-fixture.ts';

describe('conditionLimits', () => {
  it('turns a success condition into the bound it puts on the canary', () => {
    expect(conditionLimits('canary <= baseline * 1.10', 200).upper).toBeCloseTo(220);
    expect(conditionLimits('canary < baseline + 0.001', 0.002).upper).toBeCloseTo(0.003);
    expect(conditionLimits('result >= 0.99', null)).toEqual({ upper: null, lower: 0.99 });
    expect(conditionLimits('canary < baseline + 0.001 && canary < 0.05', 0.1)).toEqual({ upper: 0.05, lower: null });
  });

  it('ignores shapes it cannot bound and baselines that are missing', () => {
    expect(conditionLimits('baseline > canary', 1)).toEqual({ upper: null, lower: null });
    expect(conditionLimits('canary <= baseline * 1.1', null)).toEqual({ upper: null, lower: null });
    expect(conditionLimits('canary <= (', 1)).toEqual({ upper: null, lower: null });
  });
});

describe('analysisChecks', () => {
  it('lists each metric of each round with its numbers, verdict and limit', () => {
    const { result } = catalogRun('automated-canary-analysis');
    const checks = analysisChecks(result.events);
    expect(checks.length).toBeGreaterThan(0);
    const errors = checksOf(checks, 'errorRate');
    expect(errors[0]).toMatchObject({ name: 'errors-vs-baseline', verdict: 'fail' });
    expect(errors[0].upper).toBeCloseTo((errors[0].baseline ?? 0) + 0.001, 9);
    expect(result.events[errors[0].eventIndex].kind).toBe('analysis');
    const p99 = checksOf(checks, 'latency.p99');
    expect(p99[0].verdict).toBe('pass');
    expect(p99[0].upper).toBeCloseTo((p99[0].baseline ?? 0) * 1.1, 6);
  });
});
