// Calibration over many seeds (aggregate fidelity): how often analysis fails a healthy canary
// (false rollback) and how often it catches a doubled error rate at 5% weight. Two judges run
// side by side on the same worlds: the concept card's relative checks every 30 s for a
// 10-minute step, and one Kayenta judgement over the same 10 minutes. The rates are printed.
import { describe, expect, it } from 'vitest';
import { AnalysisRun } from '../../src/analysis/analysis-run.ts';
import type { AnalysisRunPhase } from '../../src/analysis/phase.ts';
import { analysisTemplateSchema } from '../../src/analysis/schema.ts';
import { canaryWorld } from './world-fixture.ts';

const SEEDS = 200;

const CARD = analysisTemplateSchema.parse({
  interval: '30s',
  metrics: [
    { name: 'errors', metric: 'errorRate', successCondition: 'canary < baseline + 0.001' },
    { name: 'p99', metric: 'latency.p99', successCondition: 'canary <= baseline * 1.10' },
  ],
});
const KAYENTA = analysisTemplateSchema.parse({
  interval: '10m',
  count: 1,
  metrics: [{ name: 'errors', metric: 'errorRate', judge: { direction: 'increase' } }],
});

/** Both judges on one world: canary and a fresh baseline at 5% weight each, stable at 90%. */
function judge(seed: number, rps: number, candidate: Record<string, unknown>): { card: AnalysisRunPhase; kayenta: AnalysisRunPhase } {
  const w = canaryWorld({ seed, rps, candidate, freshBaseline: true, durationS: 700 });
  const phases = { card: 'Running' as AnalysisRunPhase, kayenta: 'Running' as AnalysisRunPhase };
  const card = new AnalysisRun(w.world, CARD, { name: 'card', canary: w.canary, baseline: w.baseline, duration: 600, onDone: (p) => (phases.card = p) });
  const kayenta = new AnalysisRun(w.world, KAYENTA, { name: 'kayenta', canary: w.canary, baseline: w.baseline, onDone: (p) => (phases.kayenta = p) });
  w.world.onStart((world) => {
    world.sim.after(90, world.sim.handler(() => {
      card.start();
      kayenta.start();
    }));
  });
  w.world.run();
  return phases;
}

function failureRates(rps: number, candidate: Record<string, unknown>, seeds: number): { card: number; kayenta: number } {
  let card = 0;
  let kayenta = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const p = judge(seed, rps, candidate);
    if (p.card === 'Failed') card++;
    if (p.kayenta === 'Failed') kayenta++;
  }
  return { card: card / seeds, kayenta: kayenta / seeds };
}

/** Smallest k with P(Binomial(n, p) ≤ k) ≥ q: more failures than this are unlikely at rate p. */
function binomialQuantile(n: number, p: number, q: number): number {
  let pmf = (1 - p) ** n;
  let cdf = pmf;
  let k = 0;
  while (cdf < q && k < n) {
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    cdf += pmf;
    k++;
  }
  return k;
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

describe(`calibration over ${SEEDS} seeds, 20 000 requests/s, canary and fresh baseline at 5% each`, () => {
  it('rarely fails a healthy canary: the card’s checks well under 2%, Kayenta within its 98% confidence', () => {
    const healthy = failureRates(20_000, {}, SEEDS);
    console.log(`false-failure rate, no regression: card checks ${percent(healthy.card)}, Kayenta ${percent(healthy.kayenta)} (${SEEDS} seeds)`);
    expect(healthy.card).toBeLessThanOrEqual(0.02);
    // A two-sided 98% interval calls a healthy canary High at most 1% of the time; allow the
    // sampling spread of 200 runs at that rate (99.9th percentile of Binomial(200, 0.01)).
    expect(healthy.kayenta * SEEDS).toBeLessThanOrEqual(binomialQuantile(SEEDS, 0.01, 0.999));
  });

  it('catches an error rate doubled from 0.1% to 0.2% at least 99% of the time', () => {
    const doubled = failureRates(20_000, { errorRate: 0.002 }, SEEDS);
    console.log(`detection rate, error rate doubled: card checks ${percent(doubled.card)}, Kayenta ${percent(doubled.kayenta)} (${SEEDS} seeds)`);
    expect(doubled.card).toBeGreaterThanOrEqual(0.99);
    expect(doubled.kayenta).toBeGreaterThanOrEqual(0.99);
  });

  it('shows why the card’s checks need traffic: at 2 000 requests/s they often fail a healthy canary', () => {
    // 100 requests/s on the canary: about 3 errors per 30 s window, so "baseline + 0.1%" is only
    // about 3 errors away and 20 checks with failureLimit 0 give many chances to cross it.
    const seeds = 100;
    const thin = failureRates(2_000, {}, seeds);
    console.log(`false-failure rate at 2 000 requests/s: card checks ${percent(thin.card)}, Kayenta ${percent(thin.kayenta)} (${seeds} seeds)`);
    expect(thin.card).toBeGreaterThan(0.2);
    expect(thin.kayenta * seeds).toBeLessThanOrEqual(binomialQuantile(seeds, 0.01, 0.999));
  });
});
