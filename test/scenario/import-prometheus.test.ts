// Prometheus queries read as the lab's metrics, with exact unit conversion of conditions
// and threshold ranges.
import { describe, expect, it } from 'vitest';
import { classifyQuery, translateCondition, translateRange } from '../../src/scenario/import-prometheus.ts';

describe('classifyQuery', () => {
  it.each([
    ['histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[5m])) by (le))', 'latency.p99', 0.001, 300],
    ['histogram_quantile(0.95, sum(rate(request_latency_ms_bucket{app="x"}[1m])) by (le))', 'latency.p95', 1, 60],
    ['sum(rate(http_requests_total{code=~"5.."}[2m])) / sum(rate(http_requests_total[2m]))', 'errorRate', 1, 120],
    ['sum(rate(http_requests_total{status=~"5.*"}[1m])) / sum(rate(http_requests_total[1m])) * 100', 'errorRate', 100, 60],
    ['sum(rate(istio_requests_total{response_code!~"5.*"}[1m])) / sum(rate(istio_requests_total[1m]))', 'successRate', 0.01, 60],
    ['100 - sum(rate(x{response_code!~"5.*"}[1m])) / sum(rate(x[1m])) * 100', 'errorRate', 100, 60],
    ['sum(rate(http_requests_total{app="web"}[30s]))', 'requestRate', 1, 30],
  ])('%s → %s', (query, metric, scale, window) => {
    expect(classifyQuery(query)).toMatchObject({ metric, scale, window });
  });

  it.each(['avg(container_memory_usage_bytes)', 'histogram_quantile(0.9, x)', 'sum(x) / sum(y)'])('does not guess at %s', (query) => {
    expect(classifyQuery(query)).toBeNull();
  });
});

describe('translateCondition', () => {
  const seconds = classifyQuery('histogram_quantile(0.99, sum(rate(d_seconds_bucket[1m])) by (le))')!;
  const errors = classifyQuery('sum(rate(x{code=~"5.."}[1m])) / sum(rate(x[1m]))')!;

  it.each([
    ['result[0] < 0.5', seconds, '(canary / 1000) < 0.5'],
    ['result < 0.01', errors, 'canary < 0.01'],
    ['asFloat(result[0]) <= 0.01 and result[0] >= 0', errors, 'canary <= 0.01 && canary >= 0'],
    ['default(result[0], 0) < 0.02', errors, 'canary < 0.02'],
  ])('%s', (argo, mapping, lab) => {
    expect(translateCondition(argo, mapping)).toBe(lab);
  });

  it.each(['len(result) > 0', 'all(result, {# < 0.5})', 'isNaN(result[0]) || result[0] < 1'])('gives up on %s', (argo) => {
    expect(translateCondition(argo, errors)).toBeNull();
  });

  it('converts threshold ranges into the lab metric’s unit', () => {
    expect(translateRange({ max: 0.5 }, seconds)).toEqual({ max: 500 });
    expect(translateRange({ min: 1, max: 2 }, classifyQuery('sum(rate(x{code=~"5.."}[1m])) / sum(rate(x[1m])) * 100')!)).toEqual({ min: 0.01, max: 0.02 });
  });
});
