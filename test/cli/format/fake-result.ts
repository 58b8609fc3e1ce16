// A hand-made RunResult with every measure set, for the formatters' tests.
import type { RunResult } from '../../../src/scenario/run-result.ts';

export function fakeResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    schemaVersion: 1,
    scenario: 'demo',
    seed: 42,
    strategy: 'canary',
    fidelity: 'aggregate',
    outcome: 'rolled-back',
    summary: {
      rolloutDurationS: 1800,
      downtimeS: 0,
      blastRadius: { exposedRequests: 1000, affectedRequests: 25, affectedUsers: 10, affectedRequestsFraction: 0.00025, affectedUsersFraction: 0.0001, peakExposure: 0.05, exposedUsers: 500 },
      infraCost: { instanceHours: 10.5, baselineInstanceHours: 10, extraFraction: 0.05, peakInstances: 21, peakMultiplier: 1.05, cost: 2.1 },
      rollback: { triggered: true, trigger: 'analysis', decidedAtS: 965.5, detectionDelayS: 305, timeToRestoreS: 8 },
      requests: { total: 1_000_000, ok: 999_000, errors: 900, dropped: 100, clientErrors: 0, timeouts: 0, mirrored: 0 },
      latencyMs: { p50: 40.2, p95: 120.5, p99: 181.25 },
      errorBudgetSpent: 0.0123,
      compatibility: { failures: 0, byCause: { schema: 0, api: 0, message: 0 }, byVersion: {}, messagesDeadLettered: 0, messagesLost: 0, restoredByRollback: null },
    },
    timeline: { t: [], offeredRps: [], versions: {} },
    events: [],
    fleet: { instances: [], transitions: [] },
    expectations: [
      { expr: 'outcome == "rolled-back"', ok: true, actual: 'rolled-back' },
      { expr: 'summary.downtimeS < 1 && summary.blastRadius.affectedRequestsFraction < 0.0001', ok: false, actual: 0 },
      { expr: 'summary.nope > 0', ok: false, actual: null, error: 'no result field "summary.nope"' },
    ],
    ...overrides,
  };
}
