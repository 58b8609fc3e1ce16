// Replica arithmetic of Argo Rollouts canaries (utils/replicaset/canary.go), as pure functions.

/**
 * Without a traffic router the weight is approximated by replica counts: among the
 * candidates ceil/floor of replicas × w / 100 (over a total of replicas, or replicas + 1
 * when surge is allowed) the one whose actual share is closest to w wins, a tie goes to the
 * larger canary, and for 0 < w < 100 with more than one replica neither side is 0.
 */
export function basicCanaryCounts(replicas: number, weight: number, surgeAllowed: boolean): { canary: number; stable: number } {
  if (weight <= 0) return { canary: 0, stable: replicas };
  if (weight >= 100) return { canary: replicas, stable: 0 };
  let best = { canary: 0, stable: replicas, error: Infinity };
  const totals = surgeAllowed ? [replicas, replicas + 1] : [replicas];
  for (const total of totals) {
    const exact = (total * weight) / 100;
    const lo = replicas > 1 ? 1 : 0;
    for (const candidate of [Math.floor(exact), Math.ceil(exact)]) {
      const c = Math.min(Math.max(candidate, lo), total - lo);
      const s = total - c;
      const error = Math.abs((100 * c) / (c + s) - weight);
      if (error < best.error - 1e-9 || (Math.abs(error - best.error) <= 1e-9 && c > best.canary)) best = { canary: c, stable: s, error };
    }
  }
  return { canary: best.canary, stable: best.stable };
}

/** With a traffic router: canary pods = ceil(w × replicas / 100). */
export function routedCanaryReplicas(replicas: number, weight: number): number {
  return Math.max(0, Math.ceil((weight * replicas) / 100 - 1e-9));
}
