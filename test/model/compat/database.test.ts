// The shared database's bookkeeping: renames keep the data, drops lose it, every schema
// change bumps the epoch that cached lookups watch, and a backfill fills NULL rows at its rate.
import { describe, expect, it } from 'vitest';
import { Database } from '../../../src/model/compat/database.ts';
import { shareAt } from '../../../src/model/compat/share-curve.ts';
import { simulate } from '../../../src/scenario/simulate.ts';
import { catalog } from './compat-fixture.ts';

describe('the database', () => {
  it('keeps a renamed column’s rows, forgets a dropped one, and bumps the epoch on each change', () => {
    const db = new Database({ users: { rows: 10, columns: ['id', 'full_name'] } }, 2);
    const col = db.get('users.full_name')!;
    col.write(2, 1);
    expect(Array.from(col.shares)).toEqual([0, 0.9, 0.1].map((x) => expect.closeTo(x, 15)));
    expect(db.rename('users.full_name', 'display_name')).toBe(true);
    expect(db.get('users.full_name')).toBeNull();
    expect(db.get('users.display_name')).toBe(col);
    expect(db.drop('users.display_name')).toBe(true);
    expect(col.exists).toBe(false);
    expect(db.drop('users.display_name')).toBe(false);
    expect(db.add('users.display_name', false)!.shares[0]).toBe(1);
    expect(db.add('orders.id', false)).toBeNull();
    expect(db.epoch).toBe(3);
  });

  it('fills NULL rows at the backfill rate and no further', () => {
    const db = new Database({}, 1);
    expect(db.get('t.c')).toBeNull();
    const d = new Database({ t: { rows: 1000, columns: ['id'] } }, 1);
    const c = d.add('t.c', false)!;
    expect(c.fill(250)).toBe(true);
    expect(c.shares[0]).toBeCloseTo(0.75, 15);
    expect(c.fill(10_000)).toBe(false);
    expect(Array.from(c.shares)).toEqual([0, 1]);
  });

  it('interpolates an adoption curve and holds it flat outside its points', () => {
    const curve = [[60, 0.2], [120, 0.8]] as const;
    expect([0, 60, 90, 120, 500].map((t) => shareAt(curve, t))).toEqual([0.2, 0.2, 0.5, 0.8, 0.8].map((x) => expect.closeTo(x, 15)));
  });

  it('tells when the deploy starts before a pre-deploy migration has finished', () => {
    const r = simulate(catalog('compatibility-expand-contract', (s) => (s.strategy.deployAt = '30s')), { fidelity: 'aggregate' });
    expect(r.events.filter((e) => e.kind === 'compatibility-migration-late').map((e) => [e.t, e.name, e.state])).toEqual([[30, 'backfill-display-name', 'running']]);
  });
});
