import { describe, expect, it } from 'vitest';
import { compatibilityAt, hasCompatibility, outcomeCurves, outcomesAt, rollbackAt, scaledCumulative } from '../../src/ui/lib/outcomes-so-far.ts';
import { catalogRun } from './run-fixture.ts';

describe('scaledCumulative', () => {
  it('sums the shape and lands exactly on the total', () => {
    expect([...scaledCumulative([1, 0, 3], 8)]).toEqual([0, 2, 2, 8]);
  });

  it('falls back to the next shape with mass, and else puts the total at the end', () => {
    expect([...scaledCumulative([0, 0], 4, [[1, 1]])]).toEqual([0, 2, 4]);
    expect([...scaledCumulative([0, 0], 4)]).toEqual([0, 0, 4]);
    expect([...scaledCumulative([], 0)]).toEqual([0]);
  });
});

const LESSONS = ['automated-canary-analysis', 'blue-green-in-detail', 'four-strategies-rolling', 'why-it-matters-recreate-outage'];

describe('outcomes so far', () => {
  it.each(LESSONS)('%s: at the end every card is the summary', (name) => {
    const { result, scenario } = catalogRun(name);
    const curves = outcomeCurves(result, scenario.fleet.replicas);
    const end = result.timeline.t[result.timeline.t.length - 1];
    const o = outcomesAt(result, curves, end, result.events.length - 1);
    const s = result.summary;
    expect(o.atEnd).toBe(true);
    expect(o.affectedRequests).toBe(s.blastRadius.affectedRequests);
    expect(o.affectedUsers).toBe(s.blastRadius.affectedUsers);
    expect(o.affectedRequestsFraction).toBe(s.blastRadius.affectedRequestsFraction);
    expect(o.instanceHours).toBe(s.infraCost.instanceHours);
    expect(o.cost).toBe(s.infraCost.cost);
    expect(o.peakMultiplier).toBe(s.infraCost.peakMultiplier);
    expect(o.downtimeS).toBe(s.downtimeS);
    expect(o.errorBudgetSpent).toBe(s.errorBudgetSpent);
    expect(o.rollback.state === 'restored' ? o.rollback.elapsedS : null).toBe(s.rollback.timeToRestoreS);
  });

  it.each(LESSONS)('%s: the running totals never go down and start at zero', (name) => {
    const { result, scenario } = catalogRun(name);
    const curves = outcomeCurves(result, scenario.fleet.replicas);
    let prev = outcomesAt(result, curves, 0, -1);
    expect(prev.affectedRequests).toBe(0);
    expect(prev.instanceHours).toBe(0);
    expect(prev.downtimeS).toBe(0);
    for (const t of result.timeline.t) {
      const o = outcomesAt(result, curves, t - 0.5, -1);
      expect(o.affectedRequests).toBeGreaterThanOrEqual(prev.affectedRequests);
      expect(o.instanceHours).toBeGreaterThanOrEqual(prev.instanceHours);
      expect(o.downtimeS).toBeGreaterThanOrEqual(prev.downtimeS - 1e-9);
      expect(o.errorBudgetSpent).toBeGreaterThanOrEqual(prev.errorBudgetSpent - 1e-12);
      expect(o.peakMultiplier).toBeGreaterThanOrEqual(prev.peakMultiplier);
      prev = o;
    }
  });

  it('counts no blast radius before the new version gets traffic', () => {
    const { result, scenario } = catalogRun('automated-canary-analysis');
    const curves = outcomeCurves(result, scenario.fleet.replicas);
    const weight = result.events.find((e) => e.kind === 'weight-change')!;
    expect(outcomesAt(result, curves, weight.t, -1).affectedRequests).toBe(0);
  });

  it('puts the recreate outage in the downtime while the new version boots', () => {
    const { result, scenario } = catalogRun('why-it-matters-recreate-outage');
    const curves = outcomeCurves(result, scenario.fleet.replicas);
    expect(outcomesAt(result, curves, 59, -1).downtimeS).toBe(0);
    expect(outcomesAt(result, curves, 75, -1).downtimeS).toBeGreaterThan(5);
  });

  it('reads a rollback as none, then restoring, then restored with its time to restore', () => {
    const { result } = catalogRun('automated-canary-analysis');
    const k = result.events.findIndex((e) => e.kind === 'rollback');
    const decided = result.events[k].t;
    expect(rollbackAt(result, decided - 1, k - 1).state).toBe('none');
    expect(rollbackAt(result, decided + 1, k)).toMatchObject({ state: 'restoring', trigger: 'analysis', decidedAtS: decided, elapsedS: 1 });
    const r = result.events.findIndex((e) => e.kind === 'restored');
    expect(rollbackAt(result, decided + 5, r)).toMatchObject({ state: 'restored', elapsedS: result.summary.rollback.timeToRestoreS });
  });
});

describe('compatibility so far', () => {
  it('spreads each phase of the plan over its time and ends on the summary', () => {
    const { result, scenario } = catalogRun('compatibility-api-field-removal');
    const curves = outcomeCurves(result, scenario.fleet.replicas);
    const end = result.timeline.t[result.timeline.t.length - 1];
    const c = result.summary.compatibility;
    expect(outcomesAt(result, curves, end, result.events.length - 1).compatibility).toEqual({ failures: c.failures, byCause: c.byCause });
    const mid = outcomesAt(result, curves, end / 2, -1).compatibility!;
    expect(mid.failures).toBeGreaterThan(0);
    expect(mid.failures).toBeLessThan(c.failures);
    expect(compatibilityAt(result, 0).failures).toBe(0);
  });

  it('leaves the card out of runs without compatibility', () => {
    const { result, scenario } = catalogRun('blue-green-in-detail');
    expect(hasCompatibility(result)).toBe(false);
    expect(outcomesAt(result, outcomeCurves(result, scenario.fleet.replicas), 10, -1).compatibility).toBeNull();
  });
});
