// The outcome measures of a run — downtime, blast radius, infra cost, rollback time,
// rollout duration, error budget — computed from the world's record of truth.
import type { CompatReport } from '../../model/compat/compat-model.ts';
import { Outcome } from '../../model/metrics/outcome.ts';
import type { World } from '../../model/world.ts';

export interface BlastRadius {
  exposedRequests: number;
  affectedRequests: number;
  affectedUsers: number;
  affectedRequestsFraction: number;
  affectedUsersFraction: number;
  /** Largest share of traffic on a non-stable version in any timeline step. */
  peakExposure: number;
  exposedUsers: number;
}

export interface InfraCost {
  instanceHours: number;
  baselineInstanceHours: number;
  extraFraction: number;
  peakInstances: number;
  peakMultiplier: number;
  cost: number;
}

export interface RollbackSummary {
  triggered: boolean;
  trigger: string | null;
  decidedAtS: number | null;
  detectionDelayS: number | null;
  timeToRestoreS: number | null;
}

/**
 * The contract's compatibility fields, always present; with a compatibility section the
 * model's fuller report (failures after the restore, phases, migrations, messages) too.
 */
export type CompatibilitySummary = Pick<CompatReport, 'failures' | 'byCause' | 'byVersion' | 'messagesDeadLettered' | 'messagesLost' | 'restoredByRollback'> &
  Partial<Pick<CompatReport, 'failuresAfterRestore' | 'firstFailureAtS' | 'phases' | 'migrations' | 'messages'>>;

export interface Summary {
  rolloutDurationS: number | null;
  downtimeS: number;
  blastRadius: BlastRadius;
  infraCost: InfraCost;
  rollback: RollbackSummary;
  requests: { total: number; ok: number; errors: number; dropped: number; clientErrors: number; timeouts: number; mirrored: number };
  latencyMs: { p50: number; p95: number; p99: number };
  errorBudgetSpent: number;
  compatibility: CompatibilitySummary;
}

/** What the strategy reports about its own run (deploy and rollback times). */
export interface StrategyReport {
  rolloutDurationS: number | null;
  rollback: RollbackSummary;
}

export const NO_ROLLBACK: RollbackSummary = { triggered: false, trigger: null, decidedAtS: null, detectionDelayS: null, timeToRestoreS: null };

export function summarize(world: World, report: StrategyReport): Summary {
  const r = world.recorder;
  let total = 0;
  let ok = 0;
  let clientErrors = 0;
  let errors = 0;
  let timeouts = 0;
  let dropped = 0;
  for (const counts of r.byVersion) {
    ok += counts[Outcome.Ok];
    clientErrors += counts[Outcome.ClientError];
    errors += counts[Outcome.Error];
    timeouts += counts[Outcome.Timeout];
    dropped += counts[Outcome.Dropped];
  }
  total = ok + clientErrors + errors + timeouts + dropped;
  const users = world.config.traffic.users;
  const affectedUsers = Number.isNaN(r.affectedUsersExpected) ? countFlags(r.affectedUserFlags) : Math.round(r.affectedUsersExpected);
  const exposedUsers = Number.isNaN(r.exposedUsersExpected) ? countFlags(r.exposedUserFlags) : Math.round(r.exposedUsersExpected);

  const durationS = world.durationS;
  const instanceHours = world.fleet.instanceSeconds / 3600;
  const baselineInstanceHours = (world.config.fleet.replicas * durationS) / 3600;
  const slo = world.config.slo;
  const meanRate = world.rateCurve.integral(0, durationS) / durationS;
  const budget = (1 - slo.availability) * meanRate * slo.window;

  return {
    rolloutDurationS: report.rolloutDurationS === null ? null : round(report.rolloutDurationS, 3),
    downtimeS: r.downtimeSeconds(),
    blastRadius: {
      exposedRequests: Math.round(r.exposedRequests),
      affectedRequests: Math.round(r.affectedRequests),
      affectedUsers,
      affectedRequestsFraction: total > 0 ? round(r.affectedRequests / total, 6) : 0,
      affectedUsersFraction: round(affectedUsers / users, 6),
      peakExposure: round(r.peakExposure, 6),
      exposedUsers,
    },
    infraCost: {
      instanceHours: round(instanceHours, 3),
      baselineInstanceHours: round(baselineInstanceHours, 3),
      extraFraction: baselineInstanceHours > 0 ? round(instanceHours / baselineInstanceHours - 1, 6) : 0,
      peakInstances: world.fleet.peakProvisioned,
      peakMultiplier: round(world.fleet.peakProvisioned / world.config.fleet.replicas, 6),
      cost: round(instanceHours * world.config.fleet.instance.pricePerHour, 4),
    },
    rollback: report.rollback,
    requests: {
      total: Math.round(total),
      ok: Math.round(ok + clientErrors),
      errors: Math.round(errors + timeouts),
      dropped: Math.round(dropped),
      clientErrors: Math.round(clientErrors),
      timeouts: Math.round(timeouts),
      mirrored: Math.round(r.mirroredRequests),
    },
    latencyMs: {
      p50: round(r.latencyAll.quantile(0.5), 3),
      p95: round(r.latencyAll.quantile(0.95), 3),
      p99: round(r.latencyAll.quantile(0.99), 3),
    },
    errorBudgetSpent: budget > 0 ? round((errors + timeouts + dropped) / budget, 6) : 0,
    // Compatibility (issue 5): the compatibility model's books, or zeros without a compatibility section.
    compatibility: world.compat?.report() ?? {
      failures: 0,
      byCause: { schema: 0, api: 0, message: 0 },
      byVersion: {},
      messagesDeadLettered: 0,
      messagesLost: 0,
      restoredByRollback: null,
    },
  };
}

function countFlags(flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < flags.length; i++) n += flags[i];
  return n;
}

function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 0 : x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
