// The books of compatibility failures: how many, by cause and by the version that served
// them (for messages, the version that published them), in which phase of the plan, the
// first of each kind (as an event with the numbers), and whether any came after a
// rollback restored the traffic — the rollback that restored traffic but not correctness.
import type { RunEventLog } from '../recorder/run-events.ts';

export const CAUSE_SCHEMA = 1;
export const CAUSE_API = 2;
export const CAUSE_MESSAGE = 3;
export const CAUSES = ['', 'schema', 'api', 'message'] as const;

/** One stretch of the run between two milestones of the plan. */
export interface CompatPhase {
  /** What opened it: start, deploy-start, "<migration> finished", … */
  phase: string;
  fromS: number;
  toS: number;
  failures: number;
  schema: number;
  api: number;
  message: number;
}

export class CompatLedger {
  failures = 0;
  readonly byCause = new Float64Array(4);
  readonly byVersion: Float64Array;
  firstFailureAt = Number.NaN;
  rolledBack = false;
  restoredAt = Number.NaN;
  failuresAfterRestore = 0;
  readonly phases: CompatPhase[] = [];
  private readonly seen = new Set<number>();
  private current: CompatPhase;

  constructor(
    private readonly versions: readonly string[],
    private readonly log: RunEventLog,
    /** The numbers behind a first failure of `cause` on `version`, for its event. */
    private readonly describe: (cause: number, version: number, now: number) => Record<string, unknown> = () => ({}),
  ) {
    this.byVersion = new Float64Array(versions.length);
    this.current = this.open('start', 0);
  }

  /** Books `n` failures of `cause` served (or published) by `version` at `now`. */
  record(cause: number, version: number, n: number, now: number): void {
    if (n <= 0) return;
    this.failures += n;
    this.byCause[cause] += n;
    this.byVersion[version] += n;
    const p = this.current;
    p.failures += n;
    p[CAUSES[cause] as 'schema' | 'api' | 'message'] += n;
    if (Number.isNaN(this.firstFailureAt)) this.firstFailureAt = now;
    const key = cause * 256 + version;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.log.add(now, 'compatibility-first-failure', { cause: CAUSES[cause], version: this.versions[version], ...this.describe(cause, version, now) });
    }
    if (now >= this.restoredAt) {
      if (this.failuresAfterRestore === 0) {
        this.log.add(now, 'compatibility-failure-after-restore', {
          cause: CAUSES[cause],
          version: this.versions[version],
          sinceRestoreS: round(now - this.restoredAt),
          reason: 'traffic is back on the old version, but what the release changed is not',
        });
      }
      this.failuresAfterRestore += n;
    }
  }

  /** A milestone of the plan (a moment, a migration starting or finishing) opens a phase. */
  milestone(label: string, now: number): void {
    const p = this.current;
    if (p.fromS === now && p.failures === 0) {
      p.phase = `${p.phase}, ${label}`;
      return;
    }
    p.toS = now;
    this.current = this.open(label, now);
  }

  /** The deploy was rolled back / its traffic restored. */
  rollback(now: number): void {
    this.rolledBack = true;
    this.milestone('rollback', now);
  }

  restored(now: number): void {
    this.restoredAt = now;
    this.milestone('restored', now);
  }

  /** Whether the rollback restored correct service: null without a rollback. */
  restoredByRollback(): boolean | null {
    if (!this.rolledBack) return null;
    return !Number.isNaN(this.restoredAt) && this.failuresAfterRestore === 0;
  }

  /** The phases, the last one closed at `end`. */
  closedPhases(end: number): CompatPhase[] {
    return this.phases.map((p) => ({ ...p, fromS: round(p.fromS), toS: round(p === this.current ? end : p.toS) }));
  }

  private open(phase: string, now: number): CompatPhase {
    const p = { phase, fromS: now, toS: Number.NaN, failures: 0, schema: 0, api: 0, message: 0 };
    this.phases.push(p);
    return p;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
