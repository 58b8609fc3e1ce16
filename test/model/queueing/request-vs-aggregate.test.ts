// The two fidelities agree: the queueing approximation and its latency shapes against the
// request-level reference, case by case. Seeds are fixed; each case states the error measured
// when it was written (model vs reference), and asserts a bound a little above it, inside the
// design's contract (drops within binomial noise, p50/p99 within 10%).
import { describe, expect, it } from 'vitest';
import { lognormalParams } from '../../../src/engine/distributions/lognormal.ts';
import { LatencyHistogram } from '../../../src/model/metrics/latency-histogram.ts';
import type { Balancer } from '../../../src/model/queueing/queue-group.ts';
import { steadyState } from '../../../src/model/queueing/steady-state.ts';
import { serviceShape, withExponentialWait } from '../../../src/model/queueing/latency-shape.ts';
import { runAggregatePool } from './aggregate-pool.ts';
import { mergeRange, runReferencePool, sumRange, type ReferencePoolOptions } from './reference-pool.ts';

const { mu, sigma } = lognormalParams(40, 180); // mean 49.30 ms, c_s² = 0.519
const LOGNORMAL = { kind: 'lognormal' as const, mu, sigma };
const MEAN_S = Math.exp(mu + (sigma * sigma) / 2) / 1000;
const CAPACITY = 320 / MEAN_S; // 10 instances × 32 slots: 6,491 requests/s
const BALANCERS: Balancer[] = ['round-robin', 'least-outstanding', 'random'];

interface Compared {
  truth: LatencyHistogram;
  model: LatencyHistogram;
  truthDropped: number;
  modelDropped: number;
  arrivals: number;
}

/** Runs both fidelities on `o` and merges seconds [from, to) of each. */
function compare(o: ReferencePoolOptions, from = 0, to = Math.ceil(o.durationS)): Compared {
  const reference = runReferencePool(o);
  const aggregate = runAggregatePool(o, reference);
  return {
    truth: mergeRange(reference.latency, from, to),
    model: mergeRange(aggregate.latency, from, to),
    truthDropped: sumRange(reference.dropped, from, to),
    modelDropped: sumRange(aggregate.dropped, from, to),
    arrivals: sumRange(reference.arrivals, from, to),
  };
}

const relative = (model: number, truth: number) => model / truth - 1;

function expectQuantiles(c: Compared, tolerance: number, label = ''): void {
  for (const q of [0.5, 0.99]) {
    const error = relative(c.model.quantile(q), c.truth.quantile(q));
    expect(Math.abs(error), `${label} p${q * 100}: model ${c.model.quantile(q)} vs reference ${c.truth.quantile(q)}`).toBeLessThanOrEqual(tolerance);
  }
}

/**
 * Drops within `tolerance` (relative) or 3 binomial standard deviations of the larger count,
 * whichever is wider. (Rejections cluster in time, so a run's count wanders more than a
 * binomial's: a 40-s loss system at Erlang B 3.69% gave 3.50–3.83% over eight seeds.)
 */
function expectDrops(c: Compared, tolerance: number): void {
  const p = Math.max(c.truthDropped, c.modelDropped) / c.arrivals;
  const sd = Math.sqrt(c.arrivals * p * (1 - p));
  expect(Math.abs(c.modelDropped - c.truthDropped), `dropped: model ${c.modelDropped} vs reference ${c.truthDropped}`)
    .toBeLessThanOrEqual(Math.max(tolerance * c.truthDropped, 3 * sd, 3));
}

const pool = (balancer: Balancer, rho: number, over: Partial<ReferencePoolOptions> = {}): ReferencePoolOptions => ({
  seed: 2,
  instances: 10,
  concurrency: 32,
  queueLimit: 100,
  balancer,
  service: LOGNORMAL,
  rates: [{ fromS: 0, rate: rho * CAPACITY }],
  durationS: 60,
  ...over,
});

describe('request vs aggregate fidelity', () => {
  it('round-robin over 100 single slots at 5,000/s: simulation = E_N/M/1 theory = aggregate', () => {
    // Reference theory (simulation-performance.md): mean 12.619 ms, p50 8.747, p99 58.111.
    // Measured: simulation 12.62 / 8.74 / 58.15 (≤ 0.1%); aggregate vs simulation ≤ 0.2%.
    const c = compare({ seed: 1, instances: 100, concurrency: 1, queueLimit: 1000, balancer: 'round-robin', service: { kind: 'exponential', meanMs: 10 }, rates: [{ fromS: 0, rate: 5000 }], durationS: 60 });
    expect(relative(c.truth.mean, 12.619)).toBeCloseTo(0, 2);
    expect(relative(c.truth.quantile(0.5), 8.747)).toBeCloseTo(0, 2);
    expect(relative(c.truth.quantile(0.99), 58.111)).toBeCloseTo(0, 2);
    expectQuantiles(c, 0.01);
    // Plain M/M/1 per instance would say mean 20 ms, p99 92 ms: 57% off.
    const mm1 = steadyState({ arrivalRate: 5000, instances: 100, concurrency: 1, queueLimit: 1000, serviceMean: 0.01, serviceScv: 1, balancer: 'random' });
    expect(10 + 1000 * mm1.probWait * mm1.meanWaitGivenWait).toBeCloseTo(20, 1);
  });

  // 10 instances × 32 slots, lognormal(40 ms, p99 180 ms), queue limit 100. Measured errors
  // (p50, p99) when written:            ρ = 0.5        ρ = 0.8        ρ = 0.95
  //   round-robin (E_10/G/32)         +0.4%, −0.6%   +0.8%, −0.3%   +2.0%, +1.0%
  //   least-outstanding (M/G/320)     +0.4%, −0.6%   +0.6%, −0.3%   +0.2%, +0.3%
  //   random (M/G/32 each)            +0.4%, −0.6%   +1.0%, −0.3%   +1.6%, +1.5%
  // (±0.5% of that is the reference's own noise: 20 s runs at 0.5 and 0.8, 60 s at 0.95.)
  // At 0.95 waiting moves random's p50 by +38% over the service alone and round-robin's by +13%.
  it.each(BALANCERS.flatMap((b) => [0.5, 0.8, 0.95].map((rho) => [b, rho] as const)))('%s at ρ = %d', (balancer, rho) => {
    const c = compare(pool(balancer, rho, { durationS: rho < 0.9 ? 20 : 60 }));
    expectQuantiles(c, 0.03);
    // Rejections are rare events here (random at 0.95: model 4e-5, i.e. 14 in this run; the
    // reference lost 0 with this seed and 27 with seed 1): both must be negligible.
    expect(c.modelDropped / c.arrivals).toBeLessThan(1e-4);
    expect(c.truthDropped / c.arrivals).toBeLessThan(2e-4);
  });

  it.each(BALANCERS)('%s overloaded at ρ = 1.3 for a minute: rejects and queues like the reference', (balancer) => {
    // Measured: drops −0.2% (−0.7 binomial sd; 22.9% rejected), p50 −0.5 to −0.7%, p99 −0.4 to
    // −0.6% for each balancer. The queue is full: ~97 waiting per instance, ~150 ms, on top of service.
    const c = compare(pool(balancer, 1.3, { seed: 3 }));
    expectDrops(c, 0.01);
    expectQuantiles(c, 0.03);
  });

  it.each(['round-robin', 'random'] as Balancer[])('%s: an overload of ρ = 1.2 fills 2,000 places per instance, then ρ = 0.6 drains them', (balancer) => {
    // Measured (round-robin; random within 0.5% of it): [0, 30) filling then full: drops +1.6%
    // (2.2 sd), p50 −1.1%, p99 −0.3%; [30, 38) draining: mean latency second by second
    // +0.1…+1.8%, then +3.1% and +5.5% in the last two seconds; [40, 60) p50 −0.1%, p99 +1.3%.
    const o = pool(balancer, 1.2, { seed: 4, queueLimit: 2000, rates: [{ fromS: 0, rate: 1.2 * CAPACITY }, { fromS: 30, rate: 0.6 * CAPACITY }] });
    const reference = runReferencePool(o);
    const aggregate = runAggregatePool(o, reference);
    const window = (from: number, to: number): Compared => ({
      truth: mergeRange(reference.latency, from, to),
      model: mergeRange(aggregate.latency, from, to),
      truthDropped: sumRange(reference.dropped, from, to),
      modelDropped: sumRange(aggregate.dropped, from, to),
      arrivals: sumRange(reference.arrivals, from, to),
    });
    const filling = window(0, 30);
    expectDrops(filling, 0.04);
    expectQuantiles(filling, 0.04, 'filling');
    for (let t = 30; t < 38; t++) {
      // The last seconds of the drain mix waiting and not: ±6%, the rest within 2%.
      const second = window(t, t + 1);
      expect(Math.abs(relative(second.model.mean, second.truth.mean)), `mean latency in second ${t}`).toBeLessThanOrEqual(t < 36 ? 0.03 : 0.08);
    }
    expectQuantiles(window(40, 60), 0.02, 'drained');
  });

  it('a regression that doubles service time for a minute (ρ 0.6 → 1.2 → 0.6)', () => {
    // Measured: [30, 90) drops +1.1% (2.4 sd; 16.1% rejected), p50 −0.3%, p99 −0.2%;
    // [91, 120) p50 +0.0%, p99 +0.6%.
    const o = pool('round-robin', 0.6, { seed: 5, durationS: 120, slowdown: { fromS: 30, toS: 90, factor: 2 } });
    const reference = runReferencePool(o);
    const aggregate = runAggregatePool(o, reference);
    const during: Compared = {
      truth: mergeRange(reference.latency, 30, 90),
      model: mergeRange(aggregate.latency, 30, 90),
      truthDropped: sumRange(reference.dropped, 30, 90),
      modelDropped: sumRange(aggregate.dropped, 30, 90),
      arrivals: sumRange(reference.arrivals, 30, 90),
    };
    expectDrops(during, 0.02);
    expectQuantiles(during, 0.03, 'slow');
    const after = { ...during, truth: mergeRange(reference.latency, 91, 120), model: mergeRange(aggregate.latency, 91, 120) };
    expectQuantiles(after, 0.03, 'recovered');
  });

  it('near saturation the queue does not reach steady state within a minute (ρ = 0.97, one slot, 10 ms)', () => {
    // Six seeds merged: every instance sees the same pool-level arrival stream, so one run's
    // minute wanders ±10%. Measured: reference p99 705 ms; aggregate p99 +4.1% (p50 −1.1%,
    // mean −0.2%); the steady-state formula alone 783 ms, +11%, past the 10% contract. At
    // ρ = 0.96 the figures are +0.4% and +3.9%; at ρ = 0.98, +9.7% and +27%.
    const o: ReferencePoolOptions = { seed: 11, instances: 100, concurrency: 1, queueLimit: 1000, balancer: 'round-robin', service: { kind: 'exponential', meanMs: 10 }, rates: [{ fromS: 0, rate: 9700 }], durationS: 60 };
    const truth = new LatencyHistogram();
    const model = new LatencyHistogram();
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const reference = runReferencePool({ ...o, seed });
      truth.addFrom(mergeRange(reference.latency, 0, 60));
      model.addFrom(mergeRange(runAggregatePool(o, reference).latency, 0, 60));
    }
    const s = steadyState({ arrivalRate: 9700, instances: 100, concurrency: 1, queueLimit: 1000, serviceMean: 0.01, serviceScv: 1, balancer: 'round-robin' });
    const steady = new LatencyHistogram();
    const service = withExponentialWait(serviceShape(Math.log(1e-4), 0, 0, 0), 10, Infinity);
    service.addTo(steady, 1 - s.probWait);
    withExponentialWait(service, s.waitScale * 1000, s.maxWait * 1000).addTo(steady, s.probWait);
    const p99 = truth.quantile(0.99);
    expect(Math.abs(relative(model.quantile(0.99), p99))).toBeLessThanOrEqual(0.08);
    expect(Math.abs(relative(model.quantile(0.5), truth.quantile(0.5)))).toBeLessThanOrEqual(0.05);
    expect(relative(steady.quantile(0.99), p99)).toBeGreaterThan(0.06);
    expect(steady.quantile(0.99)).toBeGreaterThan(model.quantile(0.99));
  });

  it.each([
    // Measured: random −3.4% drops (4.8% rejected), round-robin +5.8% (1.7% rejected); p50/p99
    // within 1.1%. Over eight seeds the reference averaged 4.97% and 1.78%: model −6%, −2%.
    ['random', 5, 0.95, 0.12],
    ['round-robin', 5, 0.95, 0.1],
    // No queue at all: Erlang B (3.69%), exact whatever the service law. This seed's run lost
    // 3.50%, so measured +5.4%; over eight seeds the reference averaged 3.66% (model +0.7%).
    ['random', 0, 0.8, 0.08],
  ] as const)('a short queue: %s with room for %d at ρ = %d rejects like the reference', (balancer, queueLimit, rho, tolerance) => {
    const c = compare(pool(balancer, rho, { queueLimit, durationS: 40 }));
    expectDrops(c, tolerance);
    expectQuantiles(c, 0.02);
  });

  it('smooth arrivals and smooth service: round-robin over 100 single slots, lognormal, ρ = 0.8', () => {
    // The KLB split of the wait into "how often" and "how long". Measured: p50 +3.9%,
    // p99 −4.2%, mean +1.3% (without the split: +10%, −12%). Least-outstanding here (JSQ over
    // single slots, taken as one shared queue) measured p99 −6% at ρ = 0.9.
    const median = 10;
    const ln = lognormalParams(median, 45);
    const meanS = Math.exp(ln.mu + (ln.sigma * ln.sigma) / 2) / 1000;
    const c = compare({ seed: 3, instances: 100, concurrency: 1, queueLimit: 100, balancer: 'round-robin', service: { kind: 'lognormal', ...ln }, rates: [{ fromS: 0, rate: (0.8 * 100) / meanS }], durationS: 30 }, 5, 30);
    expectQuantiles(c, 0.07);
  });

  it.each([
    // The case test/model/fidelity/agreement.test.ts skips (a fluid backlog alone: p50 −47%,
    // p99 −60% at 630/s). Measured: 630/s (ρ = 0.8) p50 +7.0%, p99 −6.1%; 394/s p50 +1.9%, p99 −0.8%.
    [630, 0.1],
    [394, 0.05],
  ])('10 single-slot instances, 10 ms median / 50 ms p99, round-robin at %d/s', (rate, tolerance) => {
    const c = compare({ seed: 11, instances: 10, concurrency: 1, queueLimit: 1000, balancer: 'round-robin', service: { kind: 'lognormal', ...lognormalParams(10, 50) }, rates: [{ fromS: 0, rate }], durationS: 300 });
    expectQuantiles(c, tolerance);
  });
});
