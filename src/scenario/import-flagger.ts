// A Flagger Canary as the scenario's strategy: `spec.analysis` becomes `strategy.flagger`
// (interval, threshold, stepWeight(s), maxWeight, iterations, match) and its metrics one
// analysis template checked every interval — the built-in request-success-rate (% non-5xx,
// thresholdRange.min) and request-duration (p99 ms, thresholdRange.max), and MetricTemplates
// whose Prometheus query the lab recognises. The target Deployment, when it is in the same
// file, gives the fleet its replicas and probe.
import { durationText, type Fields } from './import-reader.ts';
import { classifyQuery, translateRange, type QueryMapping } from './import-prometheus.ts';
import type { Imported } from './import-argo.ts';
import type { TemplateOut } from './import-analysis.ts';

/** A Flagger MetricTemplate's query, by name, as the lab reads it (null: not recognised, warned). */
export type MetricTemplates = (name: string, ref: Fields) => QueryMapping | null;

export interface FlaggerImport extends Imported {
  template: TemplateOut | null;
}

const SPEC_REASONS: Record<string, string> = {
  autoscalerRef: 'not simulated: autoscaling has no model; the fleet stays at its replicas',
  progressDeadlineSeconds: 'not simulated: Flagger rolls back a canary stuck this long; the lab waits',
  skipAnalysis: 'not simulated: the lab always runs the analysis',
  provider: 'not simulated: the lab’s router splits requests by weight whatever the mesh or ingress',
  ingressRef: 'not simulated: the lab’s router splits requests by weight whatever the ingress',
  upstreamRef: 'not simulated',
  routeRef: 'not simulated',
  revertOnDeletion: 'not simulated',
  suspend: 'not simulated',
};

const ANALYSIS_REASONS: Record<string, string> = {
  stepWeightPromotion: 'not simulated: the lab routes all traffic to the new primary in one step',
  mirrorWeight: 'not simulated: the lab mirrors every request',
  sessionAffinity: 'not simulated here: set router.sessionAffinity in the scenario',
  canaryReadyThreshold: 'not simulated: the canary is ready when all its instances are',
  primaryReadyThreshold: 'not simulated: the primary is ready when all its instances are',
  alerts: 'not simulated: notifications have no effect on the rollout',
};

const BUILT_IN: Record<string, { metric: 'successRate' | 'latency.p99'; bound: 'min' | 'max' }> = {
  'request-success-rate': { metric: 'successRate', bound: 'min' },
  'request-duration': { metric: 'latency.p99', bound: 'max' },
};

/** Reads a Canary's spec. `target` is the Deployment named by targetRef, when the file has it. */
export function importFlaggerCanary(spec: Fields, templateName: string, target: ((name: string, ref: Fields) => Imported['fleet'] | undefined), metricTemplates: MetricTemplates): FlaggerImport {
  let fleet: Imported['fleet'] = {};
  const ref = spec.child('targetRef');
  if (ref) {
    const name = ref.string('name');
    ref.pass('apiVersion', 'kind');
    ref.rest();
    const found = name === undefined ? undefined : target(name, ref);
    if (found) fleet = found;
    else ref.warn('name', `the ${name ?? 'target'} Deployment is not in this file: fleet.replicas and the readiness probe are not imported`);
  }
  const service = spec.child('service');
  if (service) {
    service.pass('port', 'targetPort', 'portName', 'portDiscovery', 'name', 'appProtocol');
    service.rest(Object.fromEntries(Object.keys(service.value).map((k) => [k, 'not simulated: the lab’s router splits requests by weight; mesh and gateway settings have no model'])));
  }
  const flagger: Record<string, unknown> = {};
  const metrics: Record<string, unknown>[] = [];
  let interval = 60;
  const a = spec.child('analysis');
  if (a) {
    interval = a.duration('interval') ?? 60;
    flagger.interval = durationText(interval);
    for (const key of ['threshold', 'maxWeight', 'stepWeight', 'iterations'] as const) {
      const v = a.number(key);
      if (v !== undefined) flagger[key] = v;
    }
    const ladder = a.take('stepWeights');
    if (Array.isArray(ladder) && ladder.every((w) => typeof w === 'number')) flagger.stepWeights = ladder;
    else if (ladder !== undefined) a.warn('stepWeights', 'expected a list of weights; ignored');
    if (a.has('match')) {
      a.take('match');
      flagger.match = { userShare: 0.1 };
      a.warn('match', 'the share of users a header or cookie match selects is not in the manifest: imported as 10% (strategy.flagger.match.userShare)');
    }
    const mirror = a.boolean('mirror');
    if (flagger.iterations !== undefined && !flagger.match && !mirror) {
      a.warn('iterations', 'Flagger blue/green gives the canary no live traffic during the checks (only load tests); the lab mirrors every request to it instead');
    }
    for (const m of a.children('metrics')) {
      const metric = readMetric(m, metricTemplates);
      if (metric) metrics.push(metric);
    }
    for (const hook of a.children('webhooks')) {
      const name = hook.string('name') ?? 'webhook';
      const type = hook.string('type') ?? 'rollout';
      hook.pass(...Object.keys(hook.value));
      hook.warn(null, `not simulated: webhook "${name}" (${type}) — load tests, gates and notifications have no model`);
    }
    a.rest(ANALYSIS_REASONS);
  } else spec.warn(null, 'spec.analysis is missing: Flagger cannot run this canary');
  if (flagger.stepWeight === undefined && flagger.stepWeights === undefined && flagger.iterations === undefined) {
    flagger.stepWeight = 10;
    (a ?? spec).warn(null, 'no stepWeight, stepWeights or iterations: imported with stepWeight 10');
  }
  flagger.analysis = templateName;
  spec.rest(SPEC_REASONS);
  const template: TemplateOut | null = metrics.length > 0 ? { interval: durationText(interval), metrics } : null;
  return { fleet, strategy: { kind: 'canary', trafficRouting: true, flagger }, template };
}

function readMetric(m: Fields, metricTemplates: MetricTemplates): Record<string, unknown> | null {
  const name = m.string('name') ?? 'metric';
  const window = m.duration('interval');
  const range = m.child('thresholdRange');
  const min = range?.number('min');
  const max = range?.number('max');
  range?.rest();
  const out: Record<string, unknown> = { name: name.toLowerCase().replace(/[^a-z0-9-]+/g, '-') };
  if (window !== undefined) out.window = durationText(window);
  const ref = m.child('templateRef');
  m.pass('query', 'templateVariables');
  m.rest();
  if (min === undefined && max === undefined) {
    m.warn(null, `metric "${name}" has no thresholdRange: it cannot fail a check, so it is left out`);
    return null;
  }
  if (ref) {
    const templateName = ref.string('name');
    ref.pass('namespace');
    ref.rest();
    const mapping = templateName === undefined ? null : metricTemplates(templateName, ref);
    if (!mapping) return null;
    out.metric = mapping.metric;
    if (out.window === undefined && mapping.window !== undefined) out.window = durationText(mapping.window);
    const lab = translateRange({ min, max }, mapping);
    // A negative scale would swap the bounds; the lab's mappings all scale by a positive factor.
    out.thresholdRange = lab;
    return out;
  }
  const builtIn = BUILT_IN[name];
  if (!builtIn) {
    m.warn('name', `not simulated: "${name}" is neither a built-in metric (request-success-rate, request-duration) nor a templateRef; it is left out`);
    return null;
  }
  out.metric = builtIn.metric;
  out.thresholdRange = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  return out;
}

/** Reads a MetricTemplate's spec: its Prometheus query, as the lab reads it. */
export function readMetricTemplate(spec: Fields): QueryMapping | null {
  const provider = spec.child('provider');
  const type = provider?.string('type') ?? 'prometheus';
  provider?.pass('address', 'secretRef', 'insecureSkipVerify', 'region');
  provider?.rest();
  const query = spec.string('query') ?? '';
  spec.rest();
  if (type !== 'prometheus') {
    spec.warn('provider', `not simulated: the ${type} provider has no model`);
    return null;
  }
  const mapping = classifyQuery(query);
  if (!mapping) spec.warn('query', 'not simulated: the query is not one the lab recognises (a histogram_quantile, an error or success ratio by status code, or a request rate)');
  return mapping;
}
