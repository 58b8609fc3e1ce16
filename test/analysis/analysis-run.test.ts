// An analysis run in a small world: the concept card's relative checks catch an error and a
// tail-latency regression and pass a healthy canary; Flagger's thresholds; no data and lost
// scrapes; and the run's lifecycle (duration, count, initialDelay, terminate, limits, events).
import { describe, expect, it } from 'vitest';
import { runAnalysis } from './world-fixture.ts';

const CARD_CHECKS = {
  interval: '30s',
  metrics: [
    { name: 'errors-vs-baseline', metric: 'errorRate', successCondition: 'canary < baseline + 0.001' },
    { name: 'p99-vs-baseline', metric: 'latency.p99', successCondition: 'canary <= baseline * 1.10' },
  ],
};
const errorRegression = (errorRate: number) => ({ regressions: [{ kind: 'error-rate', errorRate }] });
const tailRegression = { regressions: [{ kind: 'latency', multiplier: 1.6, tailOnly: true }] };

describe('an analysis run with the concept card’s checks', () => {
  it('fails an error-rate regression at the first measurement and says why, in the event log', () => {
    const r = runAnalysis({ candidate: errorRegression(0.02) }, CARD_CHECKS, { duration: 600 });
    expect(r.phase).toBe('Failed');
    expect(r.doneCalls).toBe(1);
    expect(r.doneAt).toBe(120);
    expect(r.events.map((e) => [e.t, e.kind])).toEqual([
      [90, 'analysis-start'],
      [120, 'analysis'],
      [120, 'analysis-done'],
    ]);
    expect(r.events[0]).toEqual({
      t: 90, kind: 'analysis-start', run: 'test-run', canary: 'v2-canary', baseline: 'v1-stable',
      interval: 30, duration: 600, metrics: ['errors-vs-baseline', 'p99-vs-baseline'],
    });
    const round = r.events[1];
    expect(round).toMatchObject({ run: 'test-run', round: 1, verdict: 'fail' });
    const [errors, p99] = round.metrics as Record<string, unknown>[];
    expect(errors).toMatchObject({ name: 'errors-vs-baseline', metric: 'errorRate', window: 30, successCondition: 'canary < baseline + 0.001', verdict: 'fail' });
    expect(errors.canary as number).toBeGreaterThan(0.015);
    expect(errors.baseline as number).toBeLessThan(0.002);
    expect(errors.canaryRequests as number).toBeGreaterThan(2500);
    expect(errors.reason).toMatch(/^"canary < baseline \+ 0.001" did not hold \(canary 0.0\d+, baseline 0.0\d+\)$/);
    expect(p99).toMatchObject({ name: 'p99-vs-baseline', verdict: 'pass' });
    expect(r.events[2]).toMatchObject({ kind: 'analysis-done', phase: 'Failed', rounds: 1, durationS: 30 });
    expect(r.events[2].message).toMatch(/^metric "errors-vs-baseline" assessed Failed due to failed \(1\) > failureLimit \(0\): /);
    expect(r.detail!.metrics.map((m) => [m.name, m.phase, m.failed])).toEqual([
      ['errors-vs-baseline', 'Failed', 1],
      ['p99-vs-baseline', 'Successful', 0],
    ]);
  });

  it('passes a healthy canary with enough traffic: 20 rounds over a 10-minute step, then Successful', () => {
    const r = runAnalysis({ rps: 20_000 }, CARD_CHECKS, { duration: 600 });
    expect(r.phase).toBe('Successful');
    expect(r.doneAt).toBe(690);
    expect(r.detail).toMatchObject({ rounds: 20, message: 'duration of 600 s reached' });
    expect(r.events.filter((e) => e.kind === 'analysis').every((e) => e.verdict === 'pass')).toBe(true);
    expect(r.detail!.metrics.every((m) => m.successful === 20)).toBe(true);
  });

  it('fails a ×1.6 tail-latency regression on p99 within 10% of baseline, in both fidelities', () => {
    const p99Only = { interval: '30s', metrics: [CARD_CHECKS.metrics[1]] };
    for (const fidelity of ['aggregate', 'request'] as const) {
      const r = runAnalysis({ fidelity, canaryWeight: 10, durationS: 400, candidate: tailRegression }, p99Only, { duration: 300 });
      expect(r.phase).toBe('Failed');
      const m = (r.events[1].metrics as Record<string, number>[])[0];
      expect(m.canary / m.baseline).toBeGreaterThan(1.45);
      expect(m.canary / m.baseline).toBeLessThan(1.75);
    }
  });

  it('passes the same p99 check for a healthy canary in request fidelity (sampling noise within 10%)', () => {
    const p99Only = { interval: '30s', metrics: [CARD_CHECKS.metrics[1]] };
    const r = runAnalysis({ fidelity: 'request', canaryWeight: 10, durationS: 400 }, p99Only, { duration: 300 });
    expect(r.phase).toBe('Successful');
    expect(r.detail!.rounds).toBe(10);
  });
});

describe('Flagger’s built-in checks as thresholdRange', () => {
  const builtins = {
    interval: '1m',
    metrics: [
      { name: 'request-success-rate', metric: 'successRate', window: '1m', thresholdRange: { min: 99 } },
      { name: 'request-duration', metric: 'latency.p99', window: '1m', thresholdRange: { max: 500 } },
    ],
  };

  it('fails a canary whose success rate drops below 99%, with no baseline needed', () => {
    const r = runAnalysis({ candidate: errorRegression(0.02) }, builtins, { baseline: undefined, duration: 600 });
    expect(r.phase).toBe('Failed');
    const m = (r.events[1].metrics as Record<string, unknown>[])[0];
    expect(m).toMatchObject({ name: 'request-success-rate', metric: 'successRate', thresholdRange: { min: 99 }, baseline: null, verdict: 'fail' });
    expect(m.canary as number).toBeLessThan(99);
    expect(m.reason).toMatch(/is outside \[99, ∞\]$/);
  });

  it('passes a healthy canary', () => {
    const r = runAnalysis({}, builtins, { duration: 300 });
    expect(r.phase).toBe('Successful');
    expect(r.detail!.rounds).toBe(5);
  });
});

describe('no data', () => {
  const check = (noData?: string) => ({ interval: '30s', ...(noData ? { noData } : {}), metrics: [CARD_CHECKS.metrics[0]] });

  it('fails a check when the canary has no traffic (Flagger’s default)', () => {
    const r = runAnalysis({ canaryWeight: 0 }, check(), { duration: 600 });
    expect(r.phase).toBe('Failed');
    expect(r.doneAt).toBe(120);
    const m = (r.events[1].metrics as Record<string, unknown>[])[0];
    expect(m).toMatchObject({ canary: null, canaryRequests: 0, verdict: 'fail', reason: 'no data for the canary: 0 requests in the last 30 s' });
  });

  it('is inconclusive when so configured', () => {
    const r = runAnalysis({ canaryWeight: 0 }, check('inconclusive'), { duration: 600 });
    expect(r.phase).toBe('Inconclusive');
    expect(r.events[2].message).toMatch(/inconclusive \(1\) > inconclusiveLimit \(0\): no data for the canary/);
  });

  it('is an error that Argo tolerates four times in a row when so configured', () => {
    const r = runAnalysis({ canaryWeight: 0 }, check('error'), { duration: 600 });
    expect(r.phase).toBe('Error');
    expect(r.detail!.rounds).toBe(5);
    expect(r.doneAt).toBe(90 + 5 * 30);
  });

  it('treats lost scrapes as no data: all lost is inconclusive, as configured', () => {
    const r = runAnalysis({ metrics: { missingShare: 1 } }, check('inconclusive'), { duration: 600 });
    expect(r.phase).toBe('Inconclusive');
    const m = (r.events[1].metrics as Record<string, unknown>[])[0];
    expect(m.reason).toBe('no data for the canary: all 2 scrapes in the last 30 s were lost');
  });

  it('judges what is left when some scrapes are lost, and counts the gaps as inconclusive', () => {
    const lossy = { ...check('inconclusive'), inconclusiveLimit: -1 };
    const r = runAnalysis({ rps: 20_000, metrics: { missingShare: 0.4 } }, lossy, { duration: 600 });
    expect(r.phase).toBe('Successful');
    const [m] = r.detail!.metrics;
    expect(m.inconclusive).toBeGreaterThan(0);
    expect(m.successful).toBeGreaterThan(m.inconclusive);
    expect(m.successful + m.inconclusive).toBe(20);
  });

  it('waits for late metrics: with a 30 s delay a 30 s window sees nothing, a 1 m window half', () => {
    const late = runAnalysis({ rps: 20_000, metrics: { delay: 30 } }, check(), { duration: 300 });
    expect(late.phase).toBe('Failed');
    expect((late.events[1].metrics as Record<string, unknown>[])[0].reason).toBe('no data for the canary: no scrape visible in the last 30 s');
    const wider = runAnalysis({ rps: 20_000, metrics: { delay: 30 } }, { interval: '30s', metrics: [{ ...CARD_CHECKS.metrics[0], window: '1m' }] }, { duration: 300 });
    expect(wider.phase).toBe('Successful');
  });
});

describe('the run’s lifecycle', () => {
  const healthy = { rps: 20_000 };
  const errors = CARD_CHECKS.metrics[0];

  it('ends Successful when count is reached', () => {
    const r = runAnalysis(healthy, { interval: '1m', count: 3, metrics: [errors] });
    expect(r).toMatchObject({ phase: 'Successful', doneAt: 90 + 180, doneCalls: 1 });
    expect(r.detail!.message).toBe('count (3) reached');
  });

  it('waits initialDelay before the first interval', () => {
    const r = runAnalysis(healthy, { interval: '30s', initialDelay: '2m', count: 1, metrics: [errors] });
    expect(r.events[1].t).toBe(90 + 120 + 30);
  });

  it('is Successful when terminated early, and takes no more measurements', () => {
    const r = runAnalysis(healthy, { interval: '30s', metrics: [errors] }, { terminateAt: 200 });
    expect(r).toMatchObject({ phase: 'Successful', doneAt: 200, doneCalls: 1 });
    expect(r.detail).toMatchObject({ rounds: 3, message: 'terminated' });
    expect(r.events.at(-1)).toMatchObject({ t: 200, kind: 'analysis-done', phase: 'Successful' });

    const early = runAnalysis(healthy, { interval: '30s', metrics: [errors] }, { duration: 10 });
    expect(early).toMatchObject({ phase: 'Successful', doneAt: 100 });
    expect(early.detail!.rounds).toBe(0);
    expect(early.events.map((e) => e.kind)).toEqual(['analysis-start', 'analysis-done']);
  });

  it('keeps running without a duration or count until told to stop', () => {
    const r = runAnalysis(healthy, { interval: '1m', metrics: [errors] });
    expect(r.phase).toBe(null);
    expect(r.run.phase).toBe('Running');
    expect(r.run.rounds).toBe(Math.floor((1200 - 90) / 60));
  });

  it('tolerates failures up to failureLimit, and none with −1', () => {
    const r = runAnalysis({ candidate: errorRegression(0.02) }, { interval: '30s', failureLimit: 2, metrics: [errors] }, { duration: 600 });
    expect(r).toMatchObject({ phase: 'Failed', doneAt: 90 + 3 * 30 });
    const off = runAnalysis({ candidate: errorRegression(0.02) }, { interval: '30s', failureLimit: -1, metrics: [errors] }, { duration: 300 });
    expect(off.phase).toBe('Successful');
    expect(off.detail!.metrics[0]).toMatchObject({ failed: 10, successful: 0 });
  });

  it('lets a metric override the template’s limits', () => {
    const r = runAnalysis({ candidate: errorRegression(0.02) }, { interval: '30s', failureLimit: 5, metrics: [{ ...errors, failureLimit: 0 }] }, { duration: 600 });
    expect(r.doneAt).toBe(120);
  });

  it('errors when a condition reads baseline but the run has none', () => {
    const r = runAnalysis(healthy, { interval: '30s', metrics: [errors] }, { baseline: undefined, duration: 600 });
    expect(r.phase).toBe('Error');
    expect(r.detail!.message).toMatch(/consecutiveErrors \(5\) > consecutiveErrorLimit \(4\): the condition reads baseline, but the run has no baseline replica set/);
  });

  it('is deterministic: the same seed gives the same events', () => {
    const a = runAnalysis({ seed: 7 }, CARD_CHECKS, { duration: 300 });
    const b = runAnalysis({ seed: 7 }, CARD_CHECKS, { duration: 300 });
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
  });
});
