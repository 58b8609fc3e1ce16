// The compatibility section as a user writes it: triggers in every form, migrations by their
// op key, and clear messages when a name points at nothing — a version, a route, a column
// or a migration — or when `after:` chains wait for each other.
import { describe, expect, it } from 'vitest';
import { migrationSchema, triggerSchema } from '../../../src/model/config/compatibility.ts';
import { scenarioSchema } from '../../../src/scenario/schema.ts';
import { simulate } from '../../../src/scenario/simulate.ts';
import { catalog } from './compat-fixture.ts';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

function issues(patch: (raw: Record<string, any>) => void): string[] {
  const raw = parse(readFileSync('scenarios/compatibility-expand-contract.yaml', 'utf8'));
  patch(raw);
  const r = scenarioSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the compatibility section', () => {
  it('reads a trigger as a moment, a time or the end of a migration', () => {
    expect(triggerSchema.parse('after-promotion')).toEqual({ kind: 'moment', moment: 'after-promotion' });
    expect(triggerSchema.parse('10m')).toEqual({ kind: 'time', t: 600 });
    expect(triggerSchema.parse(90)).toEqual({ kind: 'time', t: 90 });
    expect(triggerSchema.parse({ after: 'expand' })).toEqual({ kind: 'after', migration: 'expand' });
    const bad = triggerSchema.safeParse('after-deploy');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toMatch(/^expected one of before-deploy, with-deploy, after-promotion, after-rollback, after-restore, a time such as 10m/);
  });

  it('reads a migration by its op key, with a default name and trigger', () => {
    expect(migrationSchema.parse({ drop: 'users.full_name', duration: '20s' })).toEqual({
      op: 'drop', column: 'users.full_name', name: 'drop users.full_name', at: { kind: 'moment', moment: 'before-deploy' }, delay: 0, durationS: 20, filled: false, rate: 0, to: '',
    });
    expect(migrationSchema.parse({ rename: 'users.a', to: 'b', at: 'with-deploy' })).toMatchObject({ op: 'rename', to: 'b', at: { kind: 'moment', moment: 'with-deploy' } });
    expect(migrationSchema.safeParse({ drop: 'full_name' }).success).toBe(false);
  });

  it('names what a name points at when it points at nothing', () => {
    expect(issues(() => {})).toEqual([]);
    expect(issues((s) => (s.compatibility.releases.v3 = {}))).toEqual(['compatibility.releases.v3: no release with version "v3" (v1, v2)']);
    expect(issues((s) => (s.compatibility.releases.v1.reads[0].route = '/nope'))).toEqual(['compatibility.releases.v1.reads.0.route: no route "/nope" in traffic.routes (/profile, /feed, /signup)']);
    expect(issues((s) => (s.compatibility.releases.v2.reads[0].column = 'users.nick'))).toEqual(['compatibility.releases.v2.reads.0.column: no column users.nick in database.tables or added by a migration']);
    expect(issues((s) => (s.compatibility.database.migrations[1].at = { after: 'add-nick' }))).toEqual(['compatibility.database.migrations.1.at: no migration named "add-nick"']);
    expect(issues((s) => (s.compatibility.database.migrations[2].drop = 'users.nick'))).toEqual(['compatibility.database.migrations.2: no column users.nick before this migration (list it in database.tables or add it first)']);
    expect(issues((s) => (s.compatibility.database.migrations[0].at = { after: 'backfill-display-name' }))).toEqual([
      'compatibility.database.migrations.0.at: "add-display-name" waits for a chain of migrations that waits for it: none of them would start',
      'compatibility.database.migrations.1.at: "backfill-display-name" waits for a chain of migrations that waits for it: none of them would start',
    ]);
  });

  it('leaves a run without the section exactly as it was: zeros and no extra fields', () => {
    const r = simulate(catalog('compatibility-expand-contract', (s) => delete s.compatibility), { fidelity: 'aggregate' });
    expect(r.summary.compatibility).toEqual({ failures: 0, byCause: { schema: 0, api: 0, message: 0 }, byVersion: {}, messagesDeadLettered: 0, messagesLost: 0, restoredByRollback: null });
    expect(r.events.some((e) => e.kind.startsWith('compatibility-'))).toBe(false);
  });

  it('reports a migration whose column is gone as failed, and what waits for it never starts', () => {
    const migrations = [
      { name: 'drop-a', drop: 'users.a' },
      { name: 'drop-a-again', drop: 'users.a', at: { after: 'drop-a' } },
      { name: 'then', add: 'users.b', at: { after: 'drop-a-again' } },
    ];
    const r = simulate(catalog('compatibility-expand-contract', (s) => (s.compatibility = { database: { tables: { users: ['id', 'a'] }, migrations } })), { fidelity: 'aggregate' });
    expect(r.summary.compatibility.migrations!.map((m) => [m.name, m.state])).toEqual([
      ['drop-a', 'finished'],
      ['drop-a-again', 'failed'],
      ['then', 'not-started'],
    ]);
    expect(r.events.find((e) => e.kind === 'compatibility-migration-failed')).toMatchObject({ name: 'drop-a-again', reason: 'no such column' });
  });
});
