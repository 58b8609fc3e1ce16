// A Kubernetes Deployment as the scenario's strategy: `spec.strategy.type` Recreate, or
// RollingUpdate with maxSurge/maxUnavailable, minReadySeconds and progressDeadlineSeconds;
// `spec.replicas` and the pod template's readiness probe and termination for the fleet.
import type { Imported } from './import-argo.ts';
import { readPodTemplate, type FleetFragment } from './import-pod.ts';
import type { Fields } from './import-reader.ts';

const SPEC_REASONS: Record<string, string> = {
  paused: 'not simulated: the deploy starts at strategy.deployAt',
};

/** The fleet part of a Deployment: replicas and the pod template. */
export function deploymentFleet(spec: Fields): FleetFragment {
  const fleet: FleetFragment = {};
  const replicas = spec.number('replicas');
  fleet.replicas = replicas ?? 1;
  if (replicas === undefined) spec.warn(null, 'spec.replicas is not set: Kubernetes runs 1 replica, and so does the imported fleet');
  spec.pass('selector', 'revisionHistoryLimit');
  const template = spec.child('template');
  if (template) readPodTemplate(template, fleet);
  return fleet;
}

/**
 * A Deployment that Flagger manages (its targetRef): only its fleet counts — Flagger runs the
 * rollout, so the Deployment's own strategy is passed over.
 */
export function deploymentAsTarget(spec: Fields): FleetFragment {
  const fleet = deploymentFleet(spec);
  spec.pass('strategy', 'minReadySeconds', 'progressDeadlineSeconds');
  spec.rest(SPEC_REASONS);
  return fleet;
}

/** Reads a Deployment's spec as a recreate or rolling strategy. */
export function importDeployment(spec: Fields): Imported {
  const fleet = deploymentFleet(spec);
  const strategyFields = spec.child('strategy');
  const type = strategyFields?.string('type') ?? 'RollingUpdate';
  const minReady = spec.number('minReadySeconds');
  const deadline = spec.number('progressDeadlineSeconds');
  let strategy: Record<string, unknown>;
  if (type === 'Recreate') {
    strategy = { kind: 'recreate' };
    if (minReady !== undefined) spec.warn('minReadySeconds', 'not simulated for Recreate: the new instances serve once their readiness probe passes');
    if (deadline !== undefined) spec.warn('progressDeadlineSeconds', 'not simulated for Recreate');
    strategyFields?.rest({ rollingUpdate: 'not used by a Recreate Deployment' });
  } else {
    if (type !== 'RollingUpdate') strategyFields?.warn('type', `expected Recreate or RollingUpdate, got ${JSON.stringify(type)}; imported as RollingUpdate`);
    strategy = { kind: 'rolling' };
    const rolling = strategyFields?.child('rollingUpdate');
    for (const key of ['maxSurge', 'maxUnavailable'] as const) {
      const v = rolling?.intOrPercent(key);
      if (v !== undefined) strategy[key] = v;
    }
    rolling?.rest();
    strategyFields?.rest();
    if (minReady !== undefined) strategy.minReadySeconds = minReady;
    if (deadline !== undefined) strategy.progressDeadlineSeconds = deadline;
  }
  spec.rest(SPEC_REASONS);
  return { fleet, strategy };
}
