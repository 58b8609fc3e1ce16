// Schema faults, share by share, on small cases whose answers are known exactly: old code
// reading a dropped column, reads of NULL rows before a backfill ends, and new code writing
// a format that old code misreads. The aggregate model's probabilities are checked exactly;
// request fidelity's counts within binomial bounds of them.
import { describe, expect, it } from 'vitest';
import { Database } from '../../../src/model/compat/database.ts';
import { DataUsage } from '../../../src/model/compat/data-usage.ts';
import { releaseCompatSchema } from '../../../src/model/config/compatibility.ts';
import { RequestEngine } from '../../../src/model/fidelity/request-engine.ts';
import type { Fidelity } from '../../../src/model/world.ts';
import { FIDELITIES, expectBinomial } from '../world-fixtures.ts';
import { at, compatWorld, served, split } from './compat-fixture.ts';

const releases = { stable: { version: 'v1', errorRate: 0 }, candidate: { version: 'v2', errorRate: 0 } };
const routes = [
  { name: '/profile', share: 0.3 },
  { name: '/feed', share: 0.7 },
];

function dropped(fidelity: Fidelity, dropAt: number | string, read: Record<string, unknown> = { column: 'users.full_name', route: '/profile' }) {
  return compatWorld(
    {
      releases,
      traffic: { rate: 500, routes },
      durationS: 60,
      compatibility: {
        database: { tables: { users: ['id', 'full_name'] }, migrations: [{ drop: 'users.full_name', at: dropAt }] },
        releases: { v1: { reads: [read] } },
      },
    },
    3,
    fidelity,
  );
}

describe('old code reading a dropped column', () => {
  it('fails with probability 0 before the drop and exactly 0.3 after it, when 30% of requests read it', () => {
    const w = dropped('aggregate', '20s');
    const p: number[] = [];
    at(w, 19.5, () => (w.compat!.shares(0, 19.5), p.push(w.compat!.pSchema)));
    at(w, 20.5, () => (w.compat!.shares(0, 20.5), p.push(w.compat!.pSchema)));
    w.run();
    expect(p).toEqual([0, 0.3]);
    expect(w.compat!.report().phases.map((ph) => [ph.phase, ph.fromS, ph.toS, ph.failures > 0])).toEqual([
      ['start', 0, 20, false],
      ['drop users.full_name started, drop users.full_name finished', 20, 60, true],
    ]);
  });

  it.each(FIDELITIES)('fails on 0.3 of the served requests, within binomial bounds (%s)', (fidelity) => {
    const w = dropped(fidelity, 'before-deploy');
    w.run();
    const n = served(w, 0);
    const c = w.compat!.report();
    expectBinomial(c.failures, n, 0.3, `${fidelity}: schema failures of v1`);
    expect(c.byCause).toEqual({ schema: c.failures, api: 0, message: 0 });
    expect(c.byVersion).toEqual({ v1: c.failures, v2: 0 });
    // Every one is a 5xx the release caused: in the errors and in the blast radius. (Request
    // fidelity books a failure when it is decided, the recorder when the response leaves: the
    // requests still in flight at the end make the difference.)
    const inFlight = w.engine instanceof RequestEngine ? w.engine.inFlight()[0] : 0;
    const errors = w.recorder.byVersion[0][2];
    expect(c.failures - errors).toBeGreaterThanOrEqual(0);
    expect(c.failures - errors).toBeLessThanOrEqual(inFlight);
    expect(w.recorder.affectedRequests).toBe(errors);
  });

  it('fails on exactly share × route share when a share of one route reads it (0.5 of /profile = 0.15)', () => {
    const w = dropped('aggregate', 'before-deploy', { column: 'users.full_name', route: '/profile', share: 0.5 });
    let p = Number.NaN;
    at(w, 10, () => (w.compat!.shares(0, 10), (p = w.compat!.pSchema)));
    w.run();
    expect(p).toBeCloseTo(0.15, 15);
  });

  it('does not fail code that tolerates a missing column', () => {
    const w = compatWorld(
      {
        releases,
        traffic: { rate: 200, routes },
        durationS: 30,
        compatibility: {
          database: { tables: { users: ['id', 'full_name'] }, migrations: [{ drop: 'users.full_name' }] },
          releases: { v1: { reads: [{ column: 'users.full_name' }], writes: [{ column: 'users.full_name' }], tolerateMissing: true } },
        },
      },
      3,
      'request',
    );
    w.run();
    expect(w.compat!.report().failures).toBe(0);
  });
});

describe('a column added without a value', () => {
  // v2 reads users.display_name on every request; it is added (NULL) at 0–10 s and backfilled at 200 rows/s over 10,000 rows.
  const world = (fidelity: Fidelity, tolerateMissing = false) =>
    compatWorld(
      {
        releases,
        traffic: { rate: 400 },
        durationS: 80,
        strategy: split(100, 0),
        compatibility: {
          database: {
            tables: { users: { rows: 10_000, columns: ['id'] } },
            migrations: [
              { name: 'add', add: 'users.display_name', duration: '10s' },
              { name: 'backfill', backfill: 'users.display_name', rate: 200, at: { after: 'add' } },
            ],
          },
          releases: { v2: { reads: [{ column: 'users.display_name' }], tolerateMissing } },
        },
      },
      5,
      fidelity,
    );

  it('fails every read while missing, then the NULL share while the backfill runs, then none', () => {
    const w = world('aggregate');
    const p: [number, number][] = [];
    for (const t of [5.5, 10.5, 35.5, 59.5, 60.5, 70.5]) at(w, t, () => (w.compat!.shares(1, t), p.push([t, w.compat!.pSchema])));
    w.run();
    // 25 s of backfill at 200 rows/s = 5,000 of 10,000 rows: half are NULL at 35 s; done at 60 s.
    expect(p).toEqual([
      [5.5, 1],
      [10.5, 1],
      [35.5, 0.5],
      [59.5, 0.02],
      [60.5, 0],
      [70.5, 0],
    ].map(([t, s]) => [t, expect.closeTo(s, 12)]));
    const m = w.compat!.report().migrations;
    expect(m.map((r) => [r.name, r.state, r.startedAtS, r.finishedAtS])).toEqual([
      ['add', 'finished', 0, 10],
      ['backfill', 'finished', 10, 60],
    ]);
  });

  it('costs nothing to code that tolerates NULL', () => {
    const w = world('request', true);
    w.run();
    expect(w.compat!.report().failures).toBe(0);
  });
});

describe('new code writing a format old code misreads', () => {
  it('turns 1 − (1 − 1/rows)^writes of the rows into the new format, and old reads fail on exactly that share', () => {
    const db = new Database({ orders: { rows: 100, columns: ['id', 'status'] } }, 2);
    const r = (x: unknown) => releaseCompatSchema.parse(x);
    const usage = new DataUsage(db, [r({ reads: [{ column: 'orders.status' }] }), r({ writes: [{ column: 'orders.status', format: 2 }] })], ['/'], Float64Array.of(1));
    expect(usage.failShare(0)).toBe(0);
    usage.writeExpected(1, 10); // 10 requests of v2, each writing one row in format 2
    const newer = 1 - 0.99 ** 10;
    expect(db.get('orders.status')!.shares[2]).toBeCloseTo(newer, 14);
    expect(usage.failShare(0)).toBeCloseTo(newer, 14);
    expect(usage.failShare(1)).toBe(0); // v2 reads what it wrote, and format 1 too
  });

  it.each(FIDELITIES)('makes the OLD version fail on the rows the new one wrote, in proportion (%s)', (fidelity) => {
    // Half the traffic on each version; v2 writes orders.status in format 2 on 20% of its
    // requests; v1 reads it on 50% of its requests.
    const w = compatWorld(
      {
        releases,
        traffic: { rate: 400 },
        durationS: 120,
        strategy: split(50, 0),
        compatibility: {
          database: { tables: { orders: { rows: 20_000, columns: ['id', 'status'] } } },
          releases: {
            v1: { reads: [{ column: 'orders.status', share: 0.5 }] },
            v2: { writes: [{ column: 'orders.status', share: 0.2, format: 2 }] },
          },
        },
      },
      9,
      fidelity,
    );
    const checks: { p: number; newer: number; v2Served: number }[] = [];
    at(w, 100.5, () => {
      w.compat!.shares(0, 100.5);
      checks.push({ p: w.compat!.pSchema, newer: w.compat!.db!.get('orders.status')!.shares[2], v2Served: served(w, 1) });
    });
    w.run();
    const [{ p, newer, v2Served }] = checks;
    expect(p).toBeCloseTo(0.5 * newer, 14);
    const expected = 1 - (1 - 1 / 20_000) ** (0.2 * v2Served);
    // Aggregate: the expected writes exactly; request: one write per touching request, a binomial count.
    if (fidelity === 'aggregate') expect(newer).toBeCloseTo(expected, 12);
    else expect(Math.abs(newer - expected)).toBeLessThan(5 * Math.sqrt(0.2 * v2Served) / 20_000);
    const c = w.compat!.report();
    expect(c.byVersion.v2).toBe(0);
    expect(c.byVersion.v1).toBeGreaterThan(0);
    expect(c.failures).toBe(c.byVersion.v1);
  });
});
