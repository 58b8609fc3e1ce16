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
    [{ t: 1, kind: 'instance-ready', instance: 3, version: 'v2', replicaSet: 'canary' }, 'instance 3 of v2 passed its readiness probe (probed every 5 s; 1 success needed) and joins the endpoints'],
    [{ t: 1, kind: 'instance-unready', instance: 3, version: 'v2', replicaSet: 'canary' }, 'instance 3 of v2 failed 3 readiness probes in a row and leaves the endpoints: it gets no new requests'],
    [{ t: 1, kind: 'instance-crash', instance: 5, version: 'v2', crashes: 2, restartInS: 20 }, 'instance 5 of v2 crashed (crash 2); it restarts in 20 s (back-off starts at 10 s and doubles up to 300 s)'],
    [{ t: 1, kind: 'headroom-wait', instance: 7, waiting: 3, maxInstances: 12 }, 'instance 7 waits for room: the cluster holds at most 12 instances, and 3 wait to be scheduled'],
    [{ t: 1, kind: 'weight-change', weights: { stable: 75, canary: 25 }, effectiveInS: 2, reason: 'step 1' }, 'traffic weights set to stable 75%, canary 25% (step 1); the router applies them after 2 s'],
  ])('%j', (event, sentence) => {
    expect(describeEvent(event, scenario)).toBe(sentence);
  });

  it('still says something about a kind it does not know', () => {
    expect(describeEvent({ t: 300, kind: 'analysis-verdict', verdict: 'fail', p99: 212.4567, baseline: { p99: 180 } })).toBe(
      'analysis verdict: verdict fail, p99 212.5, baseline {"p99":180}',
    );
  });

  it('reads without the scenario too', () => {
    expect(describeEvent({ t: 1, kind: 'instance-unready', instance: 1, version: 'v1' })).toBe('instance 1 of v1 failed a readiness probe and leaves the endpoints: it gets no new requests');
  });
});

describe('explainEvents', () => {
  it('folds three or more instance events of one version into one sentence', () => {
    const ready = (t: number, instance: number, version = 'v2') => ({ t, kind: 'instance-ready', instance, version });
    const sentences = explainEvents([ready(60, 4), ready(61, 5), ready(62, 6), ready(62.5, 9), ready(70, 1, 'v1'), { t: 75, kind: 'weight-change', weights: { v2: 100 }, effectiveInS: 0 }], scenario);
    expect(sentences.map((s) => [s.t, s.text])).toEqual([
      [60, '4 instances of v2 (4–6, 9) passed their readiness probes between 00:01:00 and 00:01:02.5 (probed every 5 s; 1 success needed) and join the endpoints'],
      [70, 'instance 1 of v1 passed its readiness probe (probed every 5 s; 1 success needed) and joins the endpoints'],
      [75, 'traffic weights set to v2 100%; the router applies them after 0 s'],
    ]);
  });
});
