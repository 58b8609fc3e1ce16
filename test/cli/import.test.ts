// `rollout-lab import` through the built binary: an Argo canary and blue-green Rollout, a
// Flagger Canary and a Kubernetes Deployment, each written from the projects' field lists;
// the YAML they give, a warning at the line of each field the lab cannot simulate, and a
// result that makes a valid scenario once the rest is added.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, FIXTURES } from './cli-process.ts';

const manifests = `${FIXTURES}/manifests`;
let tmp: string;

beforeAll(() => {
  buildCli();
  tmp = mkdtempSync(join(tmpdir(), 'rollout-lab-import-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The warnings as `line:col path`, in order. */
function warned(stderr: string, file: string): string[] {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = new RegExp(`^${manifests}/${file}:(\\d+):(\\d+): (\\S+): warning: (.+)$`).exec(l);
      if (!m) throw new Error(`not a warning line: ${l}`);
      return `${m[1]}:${m[2]} ${m[3]}`;
    });
}

describe.concurrent('rollout-lab import', () => {
  it('turns an Argo canary into steps, traffic routing, background analysis and a mapped Prometheus template', async () => {
    const r = await cli(['import', `${manifests}/argo-canary.yaml`]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.fleet).toEqual({ replicas: 8, termination: { terminationGracePeriodSeconds: 45 }, readinessProbe: { periodSeconds: 5, failureThreshold: 2 } });
    expect(out.strategy).toEqual({
      kind: 'canary',
      trafficRouting: true,
      maxSurge: '20%',
      maxUnavailable: 0,
      scaleDownDelaySeconds: 60,
      steps: [{ setWeight: 10 }, { pause: { duration: '5m' } }, { setWeight: 30 }, { pause: { duration: '90s' } }, { setWeight: 60 }, { pause: {} }],
      analysis: { templates: ['success-rate'], startingStep: 1 },
    });
    expect(out.analysis['success-rate']).toEqual({
      interval: '1m',
      metrics: [{ name: 'success-rate', metric: 'successRate', window: '2m', successCondition: '(canary / 100) >= 0.99', failureLimit: 2 }],
    });
    expect(warned(r.stderr, 'argo-canary.yaml')).toEqual([
      '26:13 spec.template.spec.containers[0].readinessProbe.timeoutSeconds',
      '27:11 spec.template.spec.containers[0].resources',
      '31:7 spec.strategy.canary.canaryService',
      '32:7 spec.strategy.canary.stableService',
      '33:7 spec.strategy.canary.antiAffinity',
      '37:11 spec.strategy.canary.trafficRouting.nginx.stableIngress',
      '38:11 spec.strategy.canary.trafficRouting.nginx.annotationPrefix',
      '54:11 spec.strategy.canary.steps[4].experiment',
      '82:9 spec.metrics[1].provider.web',
    ]);
    expect(r.stderr).toContain('spec.metrics[1].provider.web: warning: not simulated: the web provider has no model; metric "smoke-test" is left out');
  });

  it('turns an Argo blue-green into preview size, manual promotion and a pre-promotion latency check in ms', async () => {
    const r = await cli(['import', `${manifests}/argo-bluegreen.yaml`]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.fleet).toEqual({ replicas: 12, readinessProbe: { initialDelaySeconds: 10, periodSeconds: 3 }, termination: { preStopSeconds: 15 } });
    expect(out.strategy).toEqual({ kind: 'blue-green', previewReplicaCount: 3, autoPromotionEnabled: false, scaleDownDelaySeconds: 600, prePromotionAnalysis: { templates: ['latency-p99'] } });
    expect(out.analysis['latency-p99']).toEqual({ interval: '30s', count: 4, metrics: [{ name: 'p99', metric: 'latency.p99', window: '1m', successCondition: '(canary / 1000) < 0.35' }] });
    expect(warned(r.stderr, 'argo-bluegreen.yaml').map((w) => w.split(' ')[1])).toEqual([
      'spec.strategy.blueGreen.activeService',
      'spec.strategy.blueGreen.previewService',
      'spec.strategy.blueGreen.autoPromotionEnabled',
      'spec.strategy.blueGreen.antiAffinity',
    ]);
  });

  it('turns a Flagger Canary into the Flagger loop with its checks, and takes the fleet from the target Deployment', async () => {
    const r = await cli(['import', `${manifests}/flagger-canary.yaml`]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.fleet).toEqual({ replicas: 4, readinessProbe: { initialDelaySeconds: 5, periodSeconds: 10 } });
    expect(out.strategy).toEqual({ kind: 'canary', trafficRouting: true, flagger: { interval: '30s', threshold: 5, maxWeight: 50, stepWeight: 10, analysis: 'podinfo-checks' } });
    expect(out.analysis['podinfo-checks']).toEqual({
      interval: '30s',
      metrics: [
        { name: 'request-success-rate', window: '1m', metric: 'successRate', thresholdRange: { min: 99 } },
        { name: 'request-duration', window: '30s', metric: 'latency.p99', thresholdRange: { max: 500 } },
        // 100 − success% is an error percentage: max 1 (%) is an error rate of at most 0.01.
        { name: 'error-rate', window: '1m', metric: 'errorRate', thresholdRange: { max: 0.01 } },
      ],
    });
    expect(warned(r.stderr, 'flagger-canary.yaml').map((w) => w.split(' ')[1])).toEqual([
      'spec.provider',
      'spec.progressDeadlineSeconds',
      'spec.service.gateways',
      'spec.service.hosts',
      'spec.analysis.webhooks[0]',
    ]);
    expect(r.stderr).toContain('webhook "load-test" (rollout) — load tests, gates and notifications have no model');
  });

  it('turns a Deployment into a rolling update, and skips the autoscaler with a warning', async () => {
    const r = await cli(['import', `${manifests}/deployment.yaml`]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.strategy).toEqual({ kind: 'rolling', maxSurge: '25%', maxUnavailable: 0, minReadySeconds: 10, progressDeadlineSeconds: 300 });
    expect(out.fleet).toEqual({ replicas: 6, termination: { terminationGracePeriodSeconds: 20, preStopSeconds: 5 }, readinessProbe: { periodSeconds: 5, failureThreshold: 3, successThreshold: 2 } });
    expect(warned(r.stderr, 'deployment.yaml')).toEqual(['22:7 spec.template.spec.affinity', '32:11 spec.template.spec.containers[0].livenessProbe', '39:1 kind']);
    expect(r.stderr).toContain('kind: warning: kind HorizontalPodAutoscaler: not simulated: autoscaling has no model');
  });

  it('gives fields that make a valid, runnable scenario when a scenario extends them', async () => {
    const dir = mkdtempSync(join(tmp, 'extends-'));
    const outs = await Promise.all(['argo-canary', 'argo-bluegreen', 'flagger-canary', 'deployment'].map((f) => cli(['import', `${manifests}/${f}.yaml`, '--out', join(dir, `_${f}.yaml`), '--quiet'])));
    expect(outs.map((o) => [o.code, o.stderr])).toEqual(Array(4).fill([0, '']));
    const scenarios = ['argo-canary', 'argo-bluegreen', 'flagger-canary', 'deployment'].map((f) => {
      const file = join(dir, `${f}.yaml`);
      writeFileSync(file, `extends: ./_${f}.yaml\nname: imported-${f}\ntitle: imported\nduration: 10m\ntraffic: { rate: 50 }\nreleases: { stable: { version: v1 }, candidate: { version: v2 } }\n`);
      return file;
    });
    const valid = await cli(['validate', ...scenarios]);
    expect(valid.code, valid.stderr).toBe(0);
    const run = await cli(['run', scenarios[2], '--fidelity', 'aggregate', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).strategy).toBe('canary');
  });

  it('maps a Recreate Deployment, a Rollout without traffic routing and conditions it cannot read', async () => {
    const dir = mkdtempSync(join(tmp, 'inline-'));
    const file = join(dir, 'mixed.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: batch }',
        'spec: { replicas: 2, strategy: { type: Recreate }, minReadySeconds: 5 }',
        '---',
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Rollout',
        'metadata: { name: api }',
        'spec:',
        '  replicas: 5',
        '  strategy:',
        '    canary:',
        '      steps: [{ setWeight: 20 }, { analysis: { templates: [{ templateName: errors }] } }, { setHeaderRoute: { name: h } }]',
        '---',
        'apiVersion: argoproj.io/v1alpha1',
        'kind: AnalysisTemplate',
        'metadata: { name: errors }',
        'spec:',
        '  metrics:',
        '    - name: errors',
        '      successCondition: len(result) > 0 && result[0] < 0.01',
        '      provider: { prometheus: { query: "sum(rate(x{code=~\\"5..\\"}[1m])) / sum(rate(x[1m]))" } }',
        '',
      ].join('\n'),
    );
    const r = await cli(['import', file]);
    expect(r.code).toBe(0);
    const [batch, api] = r.stdout.split(/^---$/m).map((d) => parse(d));
    expect(batch.strategy).toEqual({ kind: 'recreate' });
    expect(api.strategy).toEqual({ kind: 'canary', trafficRouting: false, steps: [{ setWeight: 20 }] });
    expect(r.stderr).toContain('mixed.yaml:4:52: spec.minReadySeconds: warning: not simulated for Recreate');
    expect(r.stderr).toContain('spec.metrics[0].successCondition: warning: not simulated: "len(result) > 0 && result[0] < 0.01" uses what the lab');
    expect(r.stderr).toContain('spec.strategy.canary.steps[1].analysis: warning: no template of this step maps to the lab');
    expect(r.stderr).toContain('spec.strategy.canary.steps[2].setHeaderRoute: warning: not simulated');
  });

  it.each([
    ['no workload', 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n', /: \(root\): expected an Argo Rollout, a Flagger Canary or a Kubernetes Deployment; found kind Service$/],
    ['bad YAML', 'kind: Rollout\nspec: [unclosed\n', /:\d+:\d+: \(root\): expected valid YAML: /],
    ['a weight over 100', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: x }\nspec:\n  strategy:\n    canary:\n      steps: [{ setWeight: 150 }]\n', /:4:1: spec: the imported strategy\.steps\[0\]\.setWeight is not valid: /],
    ['a __proto__ key', 'kind: Deployment\nspec:\n  __proto__: { replicas: 3 }\n', /:3:3: spec\.__proto__: /],
  ])('refuses %s with exit 2 and nothing written', async (_name, text, line) => {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    const file = join(dir, 'in.yaml');
    writeFileSync(file, text);
    const r = await cli(['import', file, '--out', join(dir, 'out.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines.filter((l) => !l.includes(': warning: '))).toEqual([expect.stringMatching(line)]);
    expect(readdirSync(dir)).toEqual(['in.yaml']);
  });
});
