// The Kubernetes RollingUpdate arithmetic (pkg/controller/deployment/rolling.go and
// util/deployment_util.go), as pure functions so the worked examples can be tested alone.
import { type IntOrPercent, resolveIntOrPercent } from '../model/config/units.ts';

/** maxSurge rounds up, maxUnavailable rounds down; both 0 ⇒ maxUnavailable 1 (ResolveFenceposts). */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): { surge: number; unavailable: number } {
  const surge = resolveIntOrPercent(maxSurge, replicas, true);
  let unavailable = resolveIntOrPercent(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

export interface RolloutCounts {
  /** Spec (desired) replicas of the new replica set, and how many of its pods are available. */
  newSpec: number;
  newAvailable: number;
  /** Spec replicas and available pods of each old replica set, oldest first. */
  oldSpec: number[];
  oldAvailable: number[];
}

/** Step 1: how far to scale the new replica set up now (0 when it may not grow). */
export function scaleUpNew(c: RolloutCounts, replicas: number, surge: number): number {
  const total = c.newSpec + c.oldSpec.reduce((a, b) => a + b, 0);
  const allowed = Math.min(replicas + surge - total, replicas - c.newSpec);
  return Math.max(0, allowed);
}

/**
 * Step 2: new spec sizes for the old replica sets. First unhealthy old pods go (up to
 * maxScaledDown), then available ones while total availability stays ≥ replicas − maxUnavailable.
 */
export function scaleDownOld(c: RolloutCounts, replicas: number, unavailable: number): number[] {
  const minAvailable = replicas - unavailable;
  const totalSpec = c.newSpec + c.oldSpec.reduce((a, b) => a + b, 0);
  const newUnavailable = c.newSpec - c.newAvailable;
  let maxScaledDown = totalSpec - minAvailable - newUnavailable;
  const spec = [...c.oldSpec];
  if (maxScaledDown <= 0) return spec;
  // cleanupUnhealthyReplicas: old pods that are not available go first, oldest sets first.
  for (let k = 0; k < spec.length && maxScaledDown > 0; k++) {
    const unhealthy = spec[k] - Math.min(spec[k], c.oldAvailable[k]);
    const cut = Math.min(unhealthy, maxScaledDown);
    spec[k] -= cut;
    maxScaledDown -= cut;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: by availability above the minimum.
  const available = c.newAvailable + c.oldAvailable.reduce((a, b) => a + b, 0);
  let budget = available - minAvailable;
  for (let k = 0; k < spec.length && budget > 0; k++) {
    const cut = Math.min(spec[k], budget);
    spec[k] -= cut;
    budget -= cut;
  }
  return spec;
}
