import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMetric, metricWords, narrate } from '../../src/ui/narrate.ts';
import { catalogRun } from './run-fixture.ts';

const at = (kind: string, fields: Record<string, unknown> = {}) => ({ t: 152, kind, ...fields });

describe('narrate', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['deploy-start', { strategy: 'canary', version: 'v2', replicas: 20 }, 'The canary deploy of v2 begins on a fleet of 20 replicas.'],
    ['step', { index: 0, of: 6, step: { setWeight: 5 } }, 'Step 1 of 6: send 5% of traffic to the canary.'],
    ['step', { index: 1, of: 6, step: { analysis: { templates: ['latency-and-errors'], duration: 600 } } }, 'Step 2 of 6: run the latency-and-errors analysis for 10 min.'],
    ['step', { index: 2, of: 3, step: { pause: { duration: 90 } } }, 'Step 3 of 3: pause for 1 min 30 s.'],
    ['step', { index: 2, of: 3, step: { pause: {} } }, 'Step 3 of 3: pause until a person promotes.'],
    ['scale', { replicaSet: 'v2-canary', replicas: 1, reason: 'canary pods for 5% of traffic' }, 'v2-canary is scaled to 1 instance — canary pods for 5% of traffic.'],
    ['instance-ready', { instance: 20, version: 'v2', replicaSet: 'v2-canary' }, 'Instance 20 (v2, v2-canary) passes its readiness probe and joins the endpoints: it now receives requests.'],
    ['instance-unready', { instance: 3, version: 'v1', replicaSet: 'v1-stable' }, 'Instance 3 (v1, v1-stable) fails its readiness probe and leaves the endpoints: it gets no new requests.'],
    ['instance-crash', { instance: 7, version: 'v2', crashes: 2, restartInS: 20 }, 'Instance 7 (v2) crashed for the 2nd time; its requests in flight are lost and it restarts in 20 s.'],
    ['headroom-wait', { instance: 41, waiting: 3, maxInstances: 40 }, 'Instance 41 waits to be scheduled: the cluster holds at most 40 instances and 3 are waiting.'],
    [
      'weight-change',
      { weights: { 'v1-stable': 95, 'v2-canary': 5 }, effectiveInS: 2, reason: 'canary step to 5%' },
      'The router is told to send 95% to v1-stable, 5% to v2-canary — canary step to 5%. It takes effect after 2 s.',
    ],
    [
      'weight-change',
      { weights: { 'v1-stable': 100, v2: 100 }, effectiveInS: 1, reason: 'the Service selects every version' },
      "The Service now selects v1-stable and v2: requests spread over the ready instances of all of them, so each version's share follows its share of ready instances.",
    ],
    ['rolling-update', { maxSurge: 3, maxUnavailable: 3, minReadySeconds: 0 }, 'The rolling update may add up to 3 extra instances (maxSurge) and take down up to 3 instances (maxUnavailable) at a time.'],
    [
      'rolling-update',
      { toward: 'v1-stable', reason: 'rollback: a rolling update back to the old version' },
      'A rolling update back toward v1-stable begins — rollback: a rolling update back to the old version: it replaces instances at the same pace as the deploy did.',
    ],
    [
      'analysis-start',
      { run: 'step 1 analysis: health', canary: 'v2-canary', baseline: 'v1-stable', interval: 60, duration: 2400, metrics: ['errors', 'p99'] },
      'Analysis "step 1 analysis: health" starts: every 1 min for 40 min it compares v2-canary with v1-stable on errors and p99.',
    ],
    [
      'analysis-done',
      {
        run: 'step 1 analysis: latency-and-errors',
        phase: 'Failed',
        message: 'metric "errors-vs-baseline" assessed Failed due to failed (1) > failureLimit (0): "canary < baseline + 0.001" did not hold (canary 0.0105181, baseline 0.000832618)',
        rounds: 1,
        durationS: 30,
      },
      'Analysis "step 1 analysis: latency-and-errors" ends Failed after 1 check over 30 s: errors-vs-baseline had 1 failed check, more than its failureLimit of 0.',
    ],
    [
      'analysis-done',
      { run: 'step 1 analysis: health', phase: 'Successful', message: 'duration of 2400 s reached', rounds: 40, durationS: 2400 },
      'Analysis "step 1 analysis: health" ends Successful after 40 checks over 40 min: its 40 min ran out without breaking a limit.',
    ],
    ['rollback', { trigger: 'analysis', detectionDelayS: 26 }, 'Rollback decided because the automated analysis failed, 26 s after the release first hurt a request.'],
    ['rollback', { trigger: 'drill', detectionDelayS: null }, 'A rollback drill: the lab orders a rollback on purpose, to measure how long going back takes.'],
    ['rollback', { trigger: 'operator', detectionDelayS: 400 }, 'Rollback decided because the operator on call acted on an alert, 6 min 40 s after the release first hurt a request.'],
    ['restored', { timeToRestoreS: 2, trafficOnStable: 1 }, 'Restored: 100% of traffic is back on the stable version at full capacity, 2 s after the rollback decision.'],
    ['promote', { replicaSet: 'v2-canary' }, 'Promotion begins: v2-canary becomes the new stable.'],
    ['promoted', { rolloutDurationS: 7390, trafficOnNew: 1 }, 'Promoted: 100% of traffic is on the new version, 2 h 3 min after the deploy started.'],
    ['preview-ready', { replicaSet: 'v2-green', ready: 20 }, 'All 20 instances of v2-green are ready; they get no traffic until the flip.'],
    ['flip', { from: 'v1-stable', to: 'v2-green', propagationS: 5, router: 'mesh' }, 'The mesh moves all traffic from v1-stable to v2-green in one step; it reaches every proxy within 5 s.'],
    [
      'flip',
      { from: 'v2-green', to: 'v1-stable', propagationS: 5, router: 'mesh', reason: 'rollback' },
      'The mesh moves all traffic from v2-green to v1-stable in one step (the rollback); it reaches every proxy within 5 s.',
    ],
    [
      'flip',
      { from: 'v1-stable', to: 'v2-green', propagationS: 0, router: 'dns' },
      'DNS now answers with v2-green instead of v1-stable; each client moves when its cached answer expires, and some hold on much longer.',
    ],
    ['paused', { reason: 'analysis inconclusive: Argo pauses the rollout for a person to decide' }, 'The rollout pauses — analysis inconclusive: Argo pauses the rollout for a person to decide.'],
    [
      'alert-firing',
      { metric: 'errorRate', value: 0.023, threshold: 0.01, heldForS: 60, reactionTimeS: 300 },
      'An alert fires: error rate is 2.3%, above its threshold of 1% for 1 min. The operator on call reacts in 5 min.',
    ],
    [
      'progress-deadline-exceeded',
      { progressDeadlineSeconds: 600, available: 3, replicas: 12 },
      'No progress for 10 min (progressDeadlineSeconds): only 3 of 12 new instances are available.',
    ],
    ['halt', { failedChecks: 1, threshold: 5, weight: 10 }, 'Halt advancement at canary weight 10%: 1 failed check of the 5 allowed before a rollback.'],
    ['mirror-route', { replicaSet: 'v2-canary', share: 1 }, "100% of requests are copied to v2-canary; users still get the stable version's responses."],
    ['match-route', { replicaSet: 'v2-canary', userShare: 0.1 }, 'Requests from 10% of users (matched by header) go to v2-canary.'],
  ];

  it.each(cases)('words a %s event with its numbers', (kind, fields, text) => {
    expect(narrate(at(kind, fields)).text).toBe(text);
  });

  it('words an analysis round with each metric, the failing one first, and the limit it broke', () => {
    const e = at('analysis', {
      run: 'step 1 analysis: latency-and-errors',
      round: 1,
      verdict: 'fail',
      metrics: [
        { name: 'p99-vs-baseline', metric: 'latency.p99', canary: 179.564, baseline: 179.564, successCondition: 'canary <= baseline * 1.10', verdict: 'pass' },
        { name: 'errors-vs-baseline', metric: 'errorRate', canary: 0.0105181, baseline: 0.000832618, successCondition: 'canary < baseline + 0.001', verdict: 'fail' },
      ],
    });
    const n = narrate(e);
    expect(n.headline).toBe('Check 1 fails');
    expect(n.tone).toBe('bad');
    expect(n.text).toBe(
      'Check 1 of "step 1 analysis: latency-and-errors" fails. errors-vs-baseline: canary 1.05% vs baseline 0.0833% (must stay below 0.183%) — fails; ' +
        'p99-vs-baseline: canary 180 ms vs baseline 180 ms (must stay below 198 ms) — passes.',
    );
  });

  it('uses the threshold range when a metric has no condition', () => {
    const e = at('analysis', { run: 'r', round: 2, verdict: 'inconclusive', metrics: [{ name: 'slo', metric: 'errorRate', canary: 0.02, baseline: null, thresholdRange: { max: 0.01 }, verdict: 'inconclusive' }] });
    expect(narrate(e).text).toBe('Check 2 of "r" is inconclusive. slo: canary 2% (must stay below 1%) — is inconclusive.');
    expect(narrate(e).tone).toBe('warn');
  });

  it("adds the scenario's narration for the kinds it names", () => {
    const n = narrate(at('rollback', { trigger: 'analysis', detectionDelayS: 26 }), { narration: { rollback: 'A check failed, so the controller reverts.' } });
    expect(n.lesson).toBe('A check failed, so the controller reverts.');
    expect(narrate(at('restored', { timeToRestoreS: 2 }), { narration: { rollback: 'x' } }).lesson).toBeUndefined();
  });

  it('still words an event kind it does not know, with its fields', () => {
    expect(narrate(at('schema-migration', { table: 'orders', rows: 120000, online: true })).text).toBe('Schema migration: table orders, rows 120,000, online true.');
  });

  it('never reads a narration key from the object prototype', () => {
    expect(narrate(at('constructor'), { narration: {} }).lesson).toBeUndefined();
  });

  it('words every event of every catalog run without a placeholder', () => {
    const names = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    for (const name of names) {
      const { result, scenario } = catalogRun(name);
      for (const e of result.events) {
        const n = narrate(e, { narration: scenario.narration });
        expect(n.text, `${name} ${e.kind}`).not.toMatch(/\?|undefined|NaN|\[object/);
        expect(n.headline.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('metric units', () => {
  it('shows fractions as percentages and latencies in milliseconds', () => {
    expect(formatMetric('errorRate', 0.0105181)).toBe('1.05%');
    expect(formatMetric('latency.p99', 179.564)).toBe('180 ms');
    expect(formatMetric('successRate', 98.69)).toBe('98.69%');
    expect(formatMetric('requestRate', 2000)).toBe('2,000 requests/s');
    expect(formatMetric('errorRate', null)).toBe('no data');
    expect(metricWords('latency.p95')).toBe('p95 latency');
    expect(metricWords('errorRate')).toBe('error rate');
  });
});

describe('narrate compatibility events', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'compatibility-first-failure',
      { cause: 'schema', version: 'v1', failureShare: 0.35, columns: [{ column: 'users.full_name', op: 'read' }, { column: 'users.full_name', op: 'write' }] },
      "v1 cannot read or write users.full_name: the database no longer matches what it expects. 35% of v1's requests now fail this way.",
    ],
    [
      'compatibility-first-failure',
      { cause: 'api', version: 'v2', failureShare: 0.13523, clients: [{ client: 'ios-4.9', fields: ['profile.avatarUrl'], share: 0.13523 }] },
      "v2 breaks API clients: ios-4.9 needs profile.avatarUrl, which v2 does not serve. 14% of v2's requests now fail this way.",
    ],
    [
      'compatibility-first-failure',
      { cause: 'message', version: 'v2', format: 2, parsedByWorkers: 0, retries: 3 },
      'v2 publishes messages in format 2, which 0% of the workers can read; each is retried 3 times, then dead-lettered.',
    ],
    [
      'compatibility-failure-after-restore',
      { cause: 'schema', version: 'v1', sinceRestoreS: 0, reason: 'traffic is back on the old version, but what the release changed is not' },
      'v1 keeps failing with schema errors after the restore: traffic is back on the old version, but what the release changed is not.',
    ],
    ['compatibility-migration-started', { name: 'drop-full-name', op: 'drop', column: 'users.full_name', durationS: 10 }, 'Migration drop-full-name starts: drop users.full_name (takes 10 s).'],
    [
      'compatibility-migration-started',
      { name: 'backfill', op: 'backfill', column: 'users.display_name', rate: 5000, nullRows: 200000, estimatedS: 40 },
      'Migration backfill starts: backfill users.display_name, 200,000 empty rows at 5,000 rows/s (about 40 s).',
    ],
    [
      'compatibility-migration-finished',
      { name: 'drop-full-name', op: 'drop', column: 'users.full_name', tookS: 10, destructive: true },
      'Migration drop-full-name finishes after 10 s: users.full_name is dropped. It is destructive: code that still uses the old column now fails, and a rollback cannot bring it back.',
    ],
    [
      'compatibility-dead-letter-threshold',
      { deadLettered: 527, threshold: 500, backlog: 4191, lagS: 29 },
      '527 messages are dead-lettered, past the alert threshold of 500; 4,191 wait in the queue, 29 s behind.',
    ],
    [
      'compatibility-consumer-rollout-started',
      { from: 'worker-1', to: 'worker-2', workers: 4, batch: 1, intervalS: 60 },
      'The 4 queue workers move from worker-1 to worker-2, 1 at a time every 1 min.',
    ],
    ['compatibility-consumer-update', { version: 'worker-2', updated: 4, of: 4 }, '4 of 4 workers now run worker-2.'],
  ];

  it.each(cases)('words a %s event', (kind, fields, text) => {
    expect(narrate(at(kind, fields)).text).toBe(text);
  });
});

describe('the narration log', () => {
  it('folds runs of one instance event per version, and analysis rounds with one verdict', async () => {
    const { logItems } = await import('../../src/ui/lib/event-log.ts');
    const events = [
      { t: 1, kind: 'scale', replicaSet: 'v2' },
      { t: 2, kind: 'instance-ready', version: 'v2' },
      { t: 2, kind: 'instance-ready', version: 'v2' },
      { t: 3, kind: 'instance-ready', version: 'v1' },
      { t: 4, kind: 'analysis', run: 'a', verdict: 'pass' },
      { t: 5, kind: 'analysis', run: 'a', verdict: 'pass' },
      { t: 6, kind: 'analysis', run: 'a', verdict: 'fail' },
    ];
    expect(logItems(events, 0, 6).map((i) => `${i.kind}:${i.first}-${i.last}×${i.count}`)).toEqual([
      'scale:0-0×1',
      'instance-ready:1-2×2',
      'instance-ready:3-3×1',
      'analysis:4-5×2',
      'analysis:6-6×1',
    ]);
    expect(logItems(events, 2, 3).map((i) => i.first)).toEqual([2, 3]);
    expect(logItems(events, -5, -1)).toEqual([]);
  });
});
