// Schema migrations on the rollout's timeline. Each starts on its trigger, runs for its
// duration (a backfill: until no NULL row is left, at its rate), and its change takes effect
// when it finishes, the way a DDL statement commits. Migrations that wait for it start then.
import type { Simulation } from '../../engine/simulation.ts';
import type { MigrationConfig } from '../config/compatibility.ts';
import type { RunEventLog } from '../recorder/run-events.ts';
import type { DeployMoment } from '../world.ts';
import type { CompatLedger } from './compat-ledger.ts';
import type { Column, Database } from './database.ts';
import type { Triggers } from './triggers.ts';

export type MigrationState = 'not-started' | 'running' | 'finished' | 'failed';

/** What became of one migration, for the results. */
export interface MigrationRecord {
  name: string;
  op: MigrationConfig['op'];
  column: string;
  state: MigrationState;
  startedAtS: number | null;
  finishedAtS: number | null;
}

export class MigrationRunner {
  readonly records: MigrationRecord[];
  private readonly backfilling: { index: number; column: Column; last: number }[] = [];

  constructor(
    private readonly db: Database,
    private readonly migrations: readonly MigrationConfig[],
    private readonly sim: Simulation,
    private readonly log: RunEventLog,
    private readonly ledger: CompatLedger,
    private readonly triggers: Triggers,
  ) {
    this.records = migrations.map((m) => ({ name: m.name, op: m.op, column: m.column, state: 'not-started', startedAtS: null, finishedAtS: null }));
  }

  /** Puts every migration on its trigger; reports any pre-deploy job still running at the deploy. */
  start(on: (moment: DeployMoment, fn: () => void) => void): void {
    this.migrations.forEach((m, i) => this.triggers.when(m.at, m.delay, () => this.begin(i)));
    // The pre-deploy job: what starts before the deploy, and what is chained after it.
    const preDeploy = (m: MigrationConfig, depth = 0): boolean => {
      if (m.at.kind === 'moment') return m.at.moment === 'before-deploy';
      if (m.at.kind !== 'after' || depth > this.migrations.length) return false;
      const name = m.at.migration;
      const before = this.migrations.find((x) => x.name === name);
      return before !== undefined && preDeploy(before, depth + 1);
    };
    on('deploy-start', () => {
      this.migrations.forEach((m, i) => {
        const r = this.records[i];
        if (preDeploy(m) && r.state !== 'finished' && r.state !== 'failed') {
          this.log.add(this.sim.now, 'compatibility-migration-late', { name: m.name, state: r.state, reason: 'the deploy started before this pre-deploy migration finished' });
        }
      });
    });
  }

  /** Advances the running backfills to `now`. */
  tick(now: number): void {
    for (let k = this.backfilling.length - 1; k >= 0; k--) {
      const b = this.backfilling[k];
      const m = this.migrations[b.index];
      const more = b.column.exists && b.column.fill(m.rate * (now - b.last));
      b.last = now;
      if (!more) {
        this.backfilling.splice(k, 1);
        if (b.column.exists) this.finish(b.index);
        else this.fail(b.index, 'the column was dropped during the backfill');
      }
    }
  }

  private begin(i: number): void {
    const m = this.migrations[i];
    const r = this.records[i];
    const now = this.sim.now;
    r.state = 'running';
    r.startedAtS = round(now);
    const fields: Record<string, unknown> = { name: m.name, op: m.op, column: m.column };
    if (m.op === 'backfill') {
      const column = this.db.get(m.column);
      if (!column) return this.fail(i, 'no such column to backfill');
      fields.rate = m.rate;
      fields.nullRows = Math.round(column.shares[0] * column.rows);
      fields.estimatedS = round(column.shares[0] * column.rows / m.rate);
      this.log.add(now, 'compatibility-migration-started', fields);
      this.ledger.milestone(`${m.name} started`, now);
      this.backfilling.push({ index: i, column, last: now });
      return;
    }
    if (m.op === 'rename') fields.to = m.to;
    fields.durationS = m.durationS;
    this.log.add(now, 'compatibility-migration-started', fields);
    this.ledger.milestone(`${m.name} started`, now);
    this.sim.after(m.durationS, this.sim.handler(() => this.apply(i)));
  }

  private apply(i: number): void {
    const m = this.migrations[i];
    let ok = true;
    if (m.op === 'add') ok = this.db.add(m.column, m.filled) !== null;
    else if (m.op === 'rename') ok = this.db.rename(m.column, m.to);
    else if (m.op === 'drop') ok = this.db.drop(m.column);
    if (ok) this.finish(i);
    else this.fail(i, m.op === 'add' ? 'the column exists already' : 'no such column');
  }

  private finish(i: number): void {
    const m = this.migrations[i];
    const r = this.records[i];
    const now = this.sim.now;
    r.state = 'finished';
    r.finishedAtS = round(now);
    this.log.add(now, 'compatibility-migration-finished', { name: m.name, op: m.op, column: m.column, tookS: round(now - (r.startedAtS ?? now)), destructive: m.op === 'drop' || m.op === 'rename' });
    this.ledger.milestone(`${m.name} finished`, now);
    this.triggers.finished(m.name);
  }

  private fail(i: number, reason: string): void {
    const m = this.migrations[i];
    const r = this.records[i];
    r.state = 'failed';
    r.finishedAtS = round(this.sim.now);
    this.log.add(this.sim.now, 'compatibility-migration-failed', { name: m.name, op: m.op, column: m.column, reason });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
