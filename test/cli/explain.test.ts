// Event-to-sentence: every kind the model logs reads as a sentence with its numbers; kinds
// it does not know (new strategy events) still print; runs of instance events fold into one.
import { describe, expect, it } from 'vitest';
import { describeEvent, explainEvents } from '../../src/cli/explain.ts';
import { scenarioSchema, type Scenario } from '../../src/scenario/schema.ts';

const scenario: Scenario = scenarioSchema.parse({
  name: 'x',
  title: 'X',
  duration: 600,
  fleet: { replicas: 4, readinessProbe: { periodSeconds: 5, failureThreshold: 3 }, crashLoopBackOff: { initial: 10, max: 300 } },
  traffic: { rate: 10 },
  releases: { stable: { version: 'v1' } },
});

describe('describeEvent', () => {
  it.each([
    [{ t: 1, kind: 'instance-ready', instance: 3, version: 'v2', replicaSet: 'canary' }, 'Instance 3 of v2 passed its readiness probe (probed every 5 s; 1 success needed) and joins the endpoints'],
    [{ t: 1, kind: 'instance-unready', instance: 3, version: 'v2', replicaSet: 'canary' }, 'Instance 3 of v2 failed 3 readiness probes in a row and leaves the endpoints: it gets no new requests'],
    [{ t: 1, kind: 'instance-crash', instance: 5, version: 'v2', crashes: 2, restartInS: 20 }, 'Instance 5 of v2 crashed (crash 2); it restarts in 20 s (back-off starts at 10 s and doubles up to 300 s)'],
    [{ t: 1, kind: 'headroom-wait', instance: 7, waiting: 3, maxInstances: 12 }, 'Instance 7 waits for room: the cluster holds at most 12 instances, and 3 wait to be scheduled'],
    [{ t: 1, kind: 'weight-change', weights: { stable: 75, canary: 25 }, effectiveInS: 2, reason: 'step 1' }, 'Traffic weights set to stable 75%, canary 25% (step 1); the router applies them after 2 s'],
  ])('%j', (event, sentence) => {
    expect(describeEvent(event, scenario)).toBe(sentence);
  });

  it('still says something about a kind it does not know', () => {
    expect(describeEvent({ t: 300, kind: 'analysis-verdict', verdict: 'fail', p99: 212.4567, baseline: { p99: 180 } })).toBe(
      'Analysis verdict: verdict fail, p99 212.5, baseline {"p99":180}',
    );
  });

  it('reads without the scenario too', () => {
    expect(describeEvent({ t: 1, kind: 'instance-unready', instance: 1, version: 'v1' })).toBe('Instance 1 of v1 failed a readiness probe and leaves the endpoints: it gets no new requests');
  });
});

describe('explainEvents', () => {
  it('folds three or more instance events of one version into one sentence', () => {
    const ready = (t: number, instance: number, version = 'v2') => ({ t, kind: 'instance-ready', instance, version });
    const sentences = explainEvents([ready(60, 4), ready(61, 5), ready(62, 6), ready(62.5, 9), ready(70, 1, 'v1'), { t: 75, kind: 'weight-change', weights: { v2: 100 }, effectiveInS: 0 }], scenario);
    expect(sentences.map((s) => [s.t, s.text])).toEqual([
      [60, '4 instances of v2 (4–6, 9) passed their readiness probes between 00:01:00 and 00:01:02.5 (probed every 5 s; 1 success needed) and join the endpoints'],
      [70, 'Instance 1 of v1 passed its readiness probe (probed every 5 s; 1 success needed) and joins the endpoints'],
      [75, 'Traffic weights set to v2 100%; the router applies them after 0 s'],
    ]);
  });
});

describe('strategy and analysis events', () => {
  const check = {
    t: 182,
    kind: 'analysis',
    run: 'step 1 analysis: latency-and-errors',
    round: 1,
    verdict: 'fail',
    metrics: [
      { name: 'p99-vs-baseline', metric: 'latency.p99', window: 60, canary: 179.564, baseline: 179.564, canaryRequests: 25748, baselineRequests: 1174140, successCondition: 'canary <= baseline * 1.10', verdict: 'pass' },
      {
        name: 'errors-vs-baseline',
        metric: 'errorRate',
        window: 60,
        canary: 0.0105251,
        baseline: 0.000963258,
        canaryRequests: 25748,
        baselineRequests: 1174140,
        successCondition: 'canary < baseline + 0.001',
        verdict: 'fail',
        reason: '"canary < baseline + 0.001" did not hold (canary 0.0105251, baseline 0.000963258)',
      },
    ],
  };

  it.each([
    [{ t: 120, kind: 'deploy-start', strategy: 'canary', version: 'v2', replicas: 100 }, 'The deploy of v2 begins as a canary across 100 replicas'],
    [{ t: 120, kind: 'step', index: 0, of: 6, step: { setWeight: 5 } }, "Canary step 1 of 6: set the canary's weight to 5%"],
    [{ t: 120, kind: 'step', index: 1, of: 6, step: { analysis: { templates: ['errors'], duration: 600 } } }, 'Canary step 2 of 6: run the analysis errors for 10m'],
    [{ t: 120, kind: 'step', index: 3, of: 6, step: { pause: {} } }, 'Canary step 4 of 6: pause until a person promotes'],
    [{ t: 120, kind: 'scale', replicaSet: 'v2-canary', replicas: 5, reason: 'canary pods for 5% of traffic' }, 'v2-canary is scaled to 5 instances: canary pods for 5% of traffic'],
    [{ t: 152, kind: 'weight-change', weights: { 'v1-primary': 90, 'v2-canary': 10 }, effectiveInS: 2, reason: 'Advance canary weight 10' }, 'Traffic weights set to v1-primary 90%, v2-canary 10% (Advance canary weight 10); the router applies them after 2 s'],
    [
      { t: 152, kind: 'analysis-start', run: 'step 1 analysis: errors', canary: 'v2-canary', baseline: 'v1-stable', interval: 30, duration: 600, metrics: ['p99', 'errors'] },
      'Analysis “step 1 analysis: errors” starts: it compares v2-canary with v1-stable every 30 s for 10m on p99 and errors',
    ],
    [
      check,
      "Check 1 of “step 1 analysis: latency-and-errors” failed — errors-vs-baseline: the canary's error rate was 1.05% against the baseline's 0.0963% over the last 1m (25,748 and 1,174,140 requests), and it needs canary < baseline + 0.001: fails; p99-vs-baseline: the canary's p99 latency was 179.6 ms against the baseline's 179.6 ms over the last 1m (25,748 and 1,174,140 requests), and it needs canary <= baseline * 1.10: passes",
    ],
    [
      { t: 300, kind: 'analysis', run: 'flagger check', round: 3, verdict: 'fail', metrics: [{ name: 'request-success-rate', metric: 'successRate', window: 60, canary: 98.69, baseline: 99.9, canaryRequests: 1200, baselineRequests: 9000, thresholdRange: { min: 99 }, verdict: 'fail' }] },
      "Check 3 of “flagger check” failed — request-success-rate: the canary's success rate was 98.69% against the baseline's 99.9% over the last 1m (1,200 and 9,000 requests), and it needs at least 99%: fails",
    ],
    [
      { t: 300, kind: 'analysis', run: 'r', round: 1, verdict: 'fail', metrics: [{ name: 'errors', metric: 'errorRate', window: 60, canary: null, baseline: 0.001, canaryRequests: 0, baselineRequests: 900, successCondition: 'canary < 0.01', verdict: 'fail', reason: 'no canary requests in the last 60 s' }] },
      'Check 1 of “r” failed — errors: the canary had no data over the last 1m (0 and 900 requests), and it needs canary < 0.01: fails (no canary requests in the last 60 s)',
    ],
    [
      { t: 182, kind: 'analysis-done', run: 'step 1 analysis: errors', phase: 'Successful', message: 'duration of 600 s reached', rounds: 20, durationS: 600 },
      'Analysis “step 1 analysis: errors” ends Successful after 20 checks over 10m: duration of 600 s reached',
    ],
    [
      { t: 182, kind: 'rollback', trigger: 'analysis', detectionDelayS: 28, step: 1, phase: 'Failed', template: 'latency-and-errors' },
      'Rollback: the analysis (template latency-and-errors, canary step 2) failed, so traffic goes back to the stable version; the release first hurt a request 28 s earlier (detection delay)',
    ],
    [{ t: 330, kind: 'rollback', trigger: 'analysis', detectionDelayS: 120, failedChecks: 2 }, 'Rollback: the analysis (2 failed checks) failed, so traffic goes back to the stable version; the release first hurt a request 2m earlier (detection delay)'],
    [{ t: 900, kind: 'rollback', trigger: 'operator', detectionDelayS: 425 }, 'Rollback: the person on call acts on the alert, so traffic goes back to the stable version; the release first hurt a request 7m 05s earlier (detection delay)'],
    [{ t: 900, kind: 'rollback', trigger: 'drill', detectionDelayS: null }, 'Rollback: a rollback drill calls for it, so traffic goes back to the stable version'],
    [{ t: 184, kind: 'restored', timeToRestoreS: 2, trafficOnStable: 1 }, 'Restored: all traffic is back on the stable version at full capacity, 2 s after the rollback decision (time to restore)'],
    [{ t: 2048, kind: 'promote', replicaSet: 'v2-canary' }, 'Promotion: v2-canary is to take all the traffic'],
    [{ t: 2048, kind: 'promote', step: 'copying the canary spec to the primary', replicaSet: 'v2-primary' }, 'Promotion: copying the canary spec to the primary (v2-primary)'],
    [{ t: 2050, kind: 'promoted', rolloutDurationS: 1930, trafficOnNew: 1 }, 'Promoted: all traffic is on the new version, 32m 10s after the deploy began (rollout duration)'],
    [{ t: 362, kind: 'flip', from: 'v1-stable', to: 'v2-green', propagationS: 5, router: 'mesh' }, 'The active service switches from v1-stable to v2-green in one step; the mesh router applies it after 5 s'],
    [{ t: 362, kind: 'flip', from: 'v2-green', to: 'v1-stable', propagationS: 60, router: 'dns', reason: 'rollback' }, 'Rollback flip: the active service switches from v2-green to v1-stable in one step; the dns router applies it after 60 s'],
    [{ t: 362, kind: 'preview-ready', replicaSet: 'v2-green', ready: 20 }, 'The preview fleet v2-green is ready: 20 instances, no live traffic yet'],
    [{ t: 362, kind: 'paused', reason: 'autoPromotionEnabled is false: waiting for a person to promote' }, 'The rollout pauses: autoPromotionEnabled is false: waiting for a person to promote'],
    [
      { t: 500, kind: 'alert-firing', metric: 'errorRate', value: 0.0512, threshold: 0.01, heldForS: 120, reactionTimeS: 300 },
      "The alert fires: the service's error rate of 5.12% has been above 1% for 2m; the person on call rolls back after 5m (reaction time)",
    ],
    [
      { t: 700, kind: 'progress-deadline-exceeded', progressDeadlineSeconds: 600, available: 3, replicas: 10 },
      'Progress deadline exceeded: no progress for 600 s (progressDeadlineSeconds), with 3 of 10 new instances available; Kubernetes marks the rollout failed but does not roll it back',
    ],
    [
      { t: 272, kind: 'halt', failedChecks: 1, threshold: 2, weight: 10, phase: 'Failed', template: 'flagger-builtins' },
      'Halt: the check (template flagger-builtins) ended Failed, failed checks 1 of 2 (at the threshold the canary is rolled back); the canary weight stays at 10%',
    ],
    [
      { t: 60, kind: 'rolling-update', maxSurge: 3, maxUnavailable: 0, minReadySeconds: 10 },
      'The rolling update begins: at most 3 instances above the replica count (maxSurge) and 0 instances below it (maxUnavailable) at any time, and a new instance counts as available after 10 s ready (minReadySeconds)',
    ],
    [{ t: 93, kind: 'rolling-update', toward: 'v1-stable', reason: 'rollback: a rolling update back to the old version' }, 'A rolling update back toward v1-stable begins: rollback: a rolling update back to the old version'],
    [{ t: 212, kind: 'match-route', replicaSet: 'api-canary', userShare: 0.1 }, 'A/B test: requests from 10% of users, matched by header or cookie, go to api-canary'],
  ])('%j', (event, text) => {
    expect(describeEvent(event, scenario)).toBe(text);
  });

  it('folds a run of passing checks into one sentence with the ranges of the numbers', () => {
    const pass = (t: number, round: number, canary: number) => ({
      t,
      kind: 'analysis',
      run: 'step 1 analysis: errors',
      round,
      verdict: 'pass',
      metrics: [{ name: 'errors', metric: 'errorRate', window: 60, canary, baseline: 0.001, canaryRequests: 1000, baselineRequests: 9000, successCondition: 'canary < baseline + 0.01', verdict: 'pass' }],
    });
    const sentences = explainEvents([pass(30, 1, 0.002), pass(60, 2, 0.004), pass(90, 3, 0.003), { ...check, t: 120, round: 4 }]);
    expect(sentences.map((s) => s.text)).toEqual([
      "Checks 1–3 of “step 1 analysis: errors” passed: errors 0.2% to 0.4% against the baseline's 0.1%",
      expect.stringMatching(/^Check 4 of “step 1 analysis: latency-and-errors” failed — /),
    ]);
  });
});
