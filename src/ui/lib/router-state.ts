// What the router has been told at a moment of the run: the weights from the latest
// `weight-change` event reached, with mirroring and header routes. Pure.
import type { RunEvent } from './run-types.ts';

export interface RouteWeight {
  replicaSet: string;
  /** The version the replica set runs. */
  version: string;
  /** Configured weight, percent 0–100 (for a Service, 100 means "selected"). */
  weight: number;
}

export interface RouterState {
  weights: RouteWeight[];
  /** Why the weights were last set. */
  reason: string | null;
  /** When they were set, and when every proxy applies them, seconds; null before the deploy. */
  setAt: number | null;
  effectiveAt: number | null;
  /**
   * True when every replica set is selected at full weight: a Kubernetes Service, which
   * spreads requests over the ready instances of every version.
   */
  byEndpoints: boolean;
  mirror: { replicaSet: string; share: number } | null;
  match: { replicaSet: string; userShare: number } | null;
}

/** The version a replica set runs: `v2-canary` → `v2` (the longest version name that prefixes it). */
export function versionOfReplicaSet(replicaSet: string, versions: readonly string[]): string {
  let best = '';
  for (const v of versions) if ((replicaSet === v || replicaSet.startsWith(`${v}-`)) && v.length > best.length) best = v;
  return best || replicaSet;
}

/** The router's state once events up to index `k` have happened; before any, all on the stable version. */
export function routerAt(events: readonly RunEvent[], k: number, versions: readonly string[]): RouterState {
  const stable = versions[0] ?? 'stable';
  const state: RouterState = {
    weights: [{ replicaSet: stable, version: stable, weight: 100 }],
    reason: null,
    setAt: null,
    effectiveAt: null,
    byEndpoints: false,
    mirror: null,
    match: null,
  };
  for (let i = 0; i <= k && i < events.length; i++) {
    const e = events[i];
    if (e.kind === 'weight-change' && e.weights && typeof e.weights === 'object') {
      state.weights = Object.entries(e.weights as Record<string, unknown>).map(([replicaSet, w]) => ({
        replicaSet,
        version: versionOfReplicaSet(replicaSet, versions),
        weight: typeof w === 'number' ? w : 0,
      }));
      state.reason = typeof e.reason === 'string' ? e.reason : null;
      state.setAt = e.t;
      state.effectiveAt = e.t + (typeof e.effectiveInS === 'number' ? e.effectiveInS : 0);
      state.byEndpoints = state.weights.length > 1 && state.weights.every((w) => w.weight === 100);
    } else if (e.kind === 'mirror-route' && typeof e.replicaSet === 'string') {
      state.mirror = { replicaSet: e.replicaSet, share: typeof e.share === 'number' ? e.share : 1 };
    } else if (e.kind === 'match-route' && typeof e.replicaSet === 'string') {
      state.match = { replicaSet: e.replicaSet, userShare: typeof e.userShare === 'number' ? e.userShare : 0 };
    } else if (e.kind === 'promoted' || e.kind === 'restored') {
      state.mirror = null;
      state.match = null;
    }
  }
  return state;
}
