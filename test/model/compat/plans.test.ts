// Rollout plans, under every strategy: the one-step plan (the pre-deploy job drops the
// column v1 reads) fails requests, whatever the strategy; expand-then-contract (the same
// change with the drop after promotion) fails none in any phase. Blue-green's instant flip
// back does not undo a destructive migration, and the results say so. Both fidelities agree.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/scenario/simulate.ts';
import { FIDELITIES } from '../world-fixtures.ts';
import { STRATEGIES, catalog, strategyOf } from './compat-fixture.ts';

const ONE_STEP = 'compatibility-drop-column-during-rolling';
const EXPAND_CONTRACT = 'compatibility-expand-contract';

describe.each(STRATEGIES)('under %s', (kind) => {
  it.each(FIDELITIES)('the one-step drop-column plan fails v1 requests (%s)', (fidelity) => {
    const r = simulate(catalog(ONE_STEP, (s) => (s.strategy = strategyOf(kind, '90s'))), { fidelity });
    const c = r.summary.compatibility;
    expect(r.outcome).toBe('promoted');
    expect(c.failures).toBeGreaterThan(0);
    expect(c.byCause.schema).toBe(c.failures);
    expect(c.byVersion).toEqual({ v1: c.failures, v2: 0 });
    // Counted in the blast radius as the release's.
    expect(r.summary.blastRadius.affectedRequests).toBeGreaterThanOrEqual(c.failures * 0.99);
  });

  it.each(FIDELITIES)('expand-then-contract fails nothing, in every phase (%s)', (fidelity) => {
    const r = simulate(catalog(EXPAND_CONTRACT, (s) => (s.strategy = strategyOf(kind, '90s'))), { fidelity });
    const c = r.summary.compatibility;
    expect(r.outcome).toBe('promoted');
    expect(c.failures).toBe(0);
    expect(c.migrations!.map((m) => [m.name, m.state])).toEqual([
      ['add-display-name', 'finished'],
      ['backfill-display-name', 'finished'],
      ['drop-full-name', 'finished'],
    ]);
    const phases = c.phases!;
    expect(phases.map((p) => p.phase)).toEqual(expect.arrayContaining(['deploy-start', 'promoted', 'drop-full-name started', 'drop-full-name finished']));
    for (const p of phases) expect(p.failures, p.phase).toBe(0);
    // The phases tile the run.
    expect(phases[0].fromS).toBe(0);
    expect(phases.at(-1)!.toS).toBe(r.timeline.t.at(-1));
    for (let k = 1; k < phases.length; k++) expect(phases[k].fromS).toBe(phases[k - 1].toS);
  });
});

describe('a destructive migration, then a rollback', () => {
  it('blue-green flips back in seconds, yet v1 keeps failing: restoredByRollback is false', () => {
    const r = simulate(catalog('compatibility-destructive-migration-then-rollback'));
    const c = r.summary.compatibility;
    expect(r.strategy).toBe('blue-green');
    expect(r.outcome).toBe('rolled-back');
    expect(r.summary.rollback.timeToRestoreS).toBeLessThan(10);
    expect(c.restoredByRollback).toBe(false);
    // Every failure came after the restore: while v2 served, nothing read the dropped column.
    expect(c.failuresAfterRestore).toBe(c.failures);
    expect(c.failures).toBeGreaterThan(1000);
    const restored = r.events.find((e) => e.kind === 'restored')!;
    const after = r.events.find((e) => e.kind === 'compatibility-failure-after-restore')!;
    const drop = r.events.find((e) => e.kind === 'compatibility-migration-finished')!;
    expect(drop.t).toBeLessThan(restored.t);
    expect(after.t).toBeGreaterThanOrEqual(restored.t);
    // v1's failure rate after the restore is the share of requests that touch full_name (profile reads and signup writes: 0.35).
    const t = r.timeline;
    const late = t.t.map((x, i) => [x, t.versions.v1.errorRate[i]] as const).filter(([x]) => x > restored.t + 60);
    const mean = late.reduce((sum, [, rate]) => sum + rate, 0) / late.length;
    expect(Math.abs(mean - 0.351)).toBeLessThan(0.005);
  });

  it('without the destructive migration the same rollback restores correct service', () => {
    const r = simulate(catalog('compatibility-destructive-migration-then-rollback', (s) => (s.compatibility.database.migrations[0].delay = '2h')));
    const c = r.summary.compatibility;
    expect(r.outcome).toBe('rolled-back');
    expect(c.failures).toBe(0);
    expect(c.restoredByRollback).toBe(true);
    expect(c.failuresAfterRestore).toBe(0);
  });

  it('no strategy restores it: rolling back a rolling update does not either', () => {
    const r = simulate(
      catalog('compatibility-destructive-migration-then-rollback', (s) => {
        s.strategy = { kind: 'rolling', deployAt: '2m', operator: s.strategy.operator };
      }),
    );
    expect(r.outcome).toBe('rolled-back');
    expect(r.summary.compatibility.restoredByRollback).toBe(false);
    expect(r.summary.compatibility.failuresAfterRestore).toBeGreaterThan(0);
  });
});

describe('the two fidelities', () => {
  it.each(['compatibility-drop-column-during-rolling', 'compatibility-api-field-removal', 'compatibility-destructive-migration-then-rollback', 'compatibility-message-format-break'])(
    'agree on %s: compatibility failures within 5 percent of each other, by cause and by version',
    (name) => {
      const scenario = catalog(name);
      const [a, b] = FIDELITIES.map((fidelity) => simulate(scenario, { fidelity }).summary.compatibility);
      const close = (x: number, y: number, what: string) => expect(Math.abs(x - y), `${what}: ${x} vs ${y}`).toBeLessThanOrEqual(0.05 * Math.max(x, y) + 30);
      close(a.failures, b.failures, 'failures');
      for (const cause of ['schema', 'api', 'message'] as const) close(a.byCause[cause], b.byCause[cause], cause);
      for (const v of Object.keys(a.byVersion)) close(a.byVersion[v], b.byVersion[v], v);
      expect(a.restoredByRollback).toBe(b.restoredByRollback);
    },
  );
});
