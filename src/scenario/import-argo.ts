// An Argo Rollout as the scenario's strategy: `spec.strategy.canary` (steps, traffic routing,
// background analysis, surge limits, scale-down delays) or `spec.strategy.blueGreen` (preview
// size, promotion, pre/post-promotion analysis), `spec.replicas` and the pod template's
// probe. Field names are the same on both sides; what differs is what the lab cannot model.
import { readPodTemplate, type FleetFragment } from './import-pod.ts';
import { durationText, isObject, type Fields } from './import-reader.ts';

/** Resolves a template reference to the scenario's template name, or null (warned) when it cannot. */
export type UseTemplate = (name: string, ref: Fields, key: string) => string | null;

export interface Imported {
  fleet: FleetFragment;
  strategy: Record<string, unknown>;
}

const ROLLOUT_SPEC_REASONS: Record<string, string> = {
  paused: 'not simulated: the deploy starts at strategy.deployAt',
  progressDeadlineSeconds: 'not simulated for Rollouts: a stuck rollout stays stuck in the lab',
  progressDeadlineAbort: 'not simulated',
  rollbackWindow: 'not simulated: a rollback always runs the strategy backwards',
  minReadySeconds: 'not simulated for Rollouts: an instance counts once its readiness probe passes',
  restartAt: 'not simulated',
};

const CANARY_REASONS: Record<string, string> = {
  canaryService: 'not simulated: the lab routes to the canary replica set directly, without Service objects',
  stableService: 'not simulated: the lab routes to the stable replica set directly, without Service objects',
  antiAffinity: 'not simulated: the model has no nodes or zones to spread instances over',
  canaryMetadata: 'not simulated: labels and annotations have no effect in the lab',
  stableMetadata: 'not simulated: labels and annotations have no effect in the lab',
  scaleDownDelayRevisionLimit: 'not simulated: the lab deploys one candidate',
  minPodsPerReplicaSet: 'not simulated',
  pingPong: 'not simulated: the lab keeps one stable and one canary replica set',
  replicaProgressThreshold: 'not simulated',
};

const BLUE_GREEN_REASONS: Record<string, string> = {
  activeService: 'not simulated: the lab switches the active replica set directly, without Service objects',
  previewService: 'not simulated: the lab routes preview traffic to the green replica set directly, without Service objects',
  antiAffinity: 'not simulated: the model has no nodes or zones to spread instances over',
  previewMetadata: 'not simulated: labels and annotations have no effect in the lab',
  activeMetadata: 'not simulated: labels and annotations have no effect in the lab',
  scaleDownDelayRevisionLimit: 'not simulated: the lab deploys one candidate',
};

const ROUTING = 'not simulated: the lab’s router splits requests by weight whatever the provider (set router: to model propagation or DNS)';

/**
 * Reads a Rollout's spec (the document's `spec` field). `target` is the Deployment a
 * `workloadRef` names, when the file has it: its pod template and replicas are the Rollout's.
 */
export function importRollout(spec: Fields, useTemplate: UseTemplate, target: (name: string, ref: Fields) => FleetFragment | undefined): Imported {
  let fleet: FleetFragment = {};
  const workloadRef = spec.child('workloadRef');
  if (workloadRef) {
    const name = workloadRef.string('name');
    workloadRef.pass('apiVersion', 'kind', 'scaleDown');
    workloadRef.rest();
    const found = name === undefined ? undefined : target(name, workloadRef);
    if (found) fleet = found;
    else workloadRef.warn('name', `the ${name ?? 'referenced'} Deployment is not in this file: its readiness probe is not imported`);
  }
  const replicas = spec.number('replicas');
  if (replicas !== undefined) fleet.replicas = replicas;
  else if (fleet.replicas === undefined) {
    fleet.replicas = 1;
    spec.warn(null, 'spec.replicas is not set: Kubernetes runs 1 replica, and so does the imported fleet');
  }
  spec.pass('selector', 'revisionHistoryLimit', 'analysis');
  const template = spec.child('template');
  if (template) readPodTemplate(template, fleet);
  const strategyFields = spec.child('strategy');
  let strategy: Record<string, unknown> = { kind: 'canary' };
  if (strategyFields) {
    const canary = strategyFields.child('canary');
    const blueGreen = strategyFields.child('blueGreen');
    if (canary) strategy = readCanary(canary, useTemplate);
    else if (blueGreen) strategy = readBlueGreen(blueGreen, useTemplate);
    else strategyFields.warn(null, 'expected canary or blueGreen; imported as a canary without steps');
    strategyFields.rest();
  } else spec.warn(null, 'spec.strategy is missing; imported as a canary without steps (a rolling update)');
  spec.rest(ROLLOUT_SPEC_REASONS);
  return { fleet, strategy };
}

function readCanary(c: Fields, useTemplate: UseTemplate): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'canary' };
  const routing = c.child('trafficRouting');
  out.trafficRouting = routing !== undefined;
  if (routing) {
    // The block means "a router splits by weight"; each provider's own fields
    // (nginx.annotationPrefix, istio.virtualService.name, …) get a warning of their own.
    const keys = Object.keys(routing.value);
    routing.rest(Object.fromEntries(keys.map((k) => [k, ROUTING])), new Set(keys));
  }
  if (!routing) c.warn(null, 'no trafficRouting: the canary’s weight comes from replica counts (Argo’s basic canary)');
  for (const key of ['maxSurge', 'maxUnavailable'] as const) {
    const v = c.intOrPercent(key);
    if (v !== undefined) out[key] = v;
  }
  for (const key of ['scaleDownDelaySeconds', 'abortScaleDownDelaySeconds'] as const) {
    const v = c.number(key);
    if (v !== undefined) out[key] = v;
  }
  const dynamic = c.boolean('dynamicStableScale');
  if (dynamic !== undefined) out.dynamicStableScale = dynamic;
  const steps: Record<string, unknown>[] = [];
  for (const step of c.children('steps')) {
    const s = readStep(step, useTemplate);
    if (s) steps.push(s);
  }
  out.steps = steps;
  const background = c.child('analysis');
  if (background) {
    const templates = templateRefs(background, useTemplate);
    const startingStep = background.number('startingStep');
    background.pass('args');
    background.rest({ dryRun: 'not simulated: the analysis counts', measurementRetention: 'not simulated' });
    if (templates.length > 0) out.analysis = { templates, ...(startingStep !== undefined ? { startingStep } : {}) };
  }
  c.rest(CANARY_REASONS);
  return out;
}

function readStep(step: Fields, useTemplate: UseTemplate): Record<string, unknown> | null {
  const keys = Object.keys(step.value);
  if (step.has('setWeight')) {
    const w = step.number('setWeight');
    step.rest();
    return w === undefined ? null : { setWeight: w };
  }
  if (keys.includes('pause')) {
    const pause = isObject(step.value.pause) ? step.child('pause') : (step.take('pause'), undefined);
    const seconds = pause?.duration('duration');
    pause?.rest();
    step.rest();
    return { pause: seconds === undefined ? {} : { duration: durationText(seconds) } };
  }
  if (step.has('analysis')) {
    const a = step.child('analysis');
    if (!a) return null;
    const templates = templateRefs(a, useTemplate);
    a.pass('args');
    a.rest({ dryRun: 'not simulated: the analysis counts', measurementRetention: 'not simulated' });
    step.rest();
    if (templates.length === 0) {
      step.warn('analysis', 'no template of this step maps to the lab, so the step is left out (the rollout moves on without it)');
      return null;
    }
    return { analysis: { templates } };
  }
  if (step.has('setCanaryScale')) {
    const s = step.child('setCanaryScale');
    step.rest();
    if (!s) return null;
    const replicas = s.number('replicas');
    const weight = s.number('weight');
    const match = s.boolean('matchTrafficWeight');
    s.rest();
    if (replicas !== undefined) return { setCanaryScale: { replicas } };
    if (weight !== undefined) return { setCanaryScale: { weight } };
    if (match) return { setCanaryScale: { matchTrafficWeight: true } };
    return null;
  }
  const reasons: Record<string, string> = {
    experiment: 'not simulated: experiments (extra replica sets judged side by side) have no model; the step is left out',
    setHeaderRoute: 'not simulated: header-based routes have no model; the step is left out',
    setMirrorRoute: 'not simulated: mirror routes of a canary step have no model; the step is left out',
    plugin: 'not simulated: step plugins have no model; the step is left out',
  };
  step.rest(reasons);
  return null;
}

/** `templates: [{templateName}]` → the scenario's template names (each resolved). */
function templateRefs(a: Fields, useTemplate: UseTemplate): string[] {
  const names: string[] = [];
  for (const ref of a.children('templates')) {
    const name = ref.string('templateName');
    ref.pass('clusterScope');
    ref.rest();
    if (name === undefined) continue;
    const resolved = useTemplate(name, ref, 'templateName');
    if (resolved) names.push(resolved);
  }
  return names;
}

function readBlueGreen(b: Fields, useTemplate: UseTemplate): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'blue-green' };
  const preview = b.number('previewReplicaCount');
  if (preview !== undefined) out.previewReplicaCount = preview;
  const auto = b.boolean('autoPromotionEnabled');
  if (auto !== undefined) out.autoPromotionEnabled = auto;
  for (const key of ['autoPromotionSeconds', 'scaleDownDelaySeconds', 'abortScaleDownDelaySeconds'] as const) {
    const v = b.number(key);
    if (v !== undefined) out[key] = v;
  }
  for (const key of ['prePromotionAnalysis', 'postPromotionAnalysis'] as const) {
    const a = b.child(key);
    if (!a) continue;
    const templates = templateRefs(a, useTemplate);
    a.pass('args');
    a.rest({ dryRun: 'not simulated: the analysis counts', measurementRetention: 'not simulated' });
    if (templates.length > 0) out[key] = { templates };
  }
  if (auto === false) b.warn('autoPromotionEnabled', 'the lab promotes by hand at strategy.manualPromotionAt; without it the rollout waits to the end of the run');
  b.rest(BLUE_GREEN_REASONS);
  return out;
}
