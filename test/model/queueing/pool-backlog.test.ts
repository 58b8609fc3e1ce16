// The backlog across ticks: reaching steady state, filling under overload, draining after.
import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { PoolBacklog } from '../../../src/model/queueing/pool-backlog.ts';
import type { PoolQueueInput } from '../../../src/model/queueing/queue-group.ts';
import { steadyState } from '../../../src/model/queueing/steady-state.ts';

// 10 instances × 32 slots, lognormal(40 ms, 180 ms): mean 49.30 ms, capacity 6,491 requests/s.
const SERVICE_MEAN = 0.0493;
const CAPACITY = 320 / SERVICE_MEAN;
const pool = (rho: number, over: Partial<PoolQueueInput> = {}): PoolQueueInput => ({
  arrivalRate: rho * CAPACITY,
  instances: 10,
  concurrency: 32,
  queueLimit: 100,
  serviceMean: SERVICE_MEAN,
  serviceScv: 0.52,
  balancer: 'random',
  ...over,
});

function tick(backlog: PoolBacklog, p: PoolQueueInput, arrivals = p.arrivalRate): PoolBacklog {
  backlog.advance(p, arrivals, 1);
  return backlog;
}

describe('PoolBacklog', () => {
  it('is at steady state after one tick when the queue relaxes in milliseconds', () => {
    const p = pool(0.8);
    const backlog = tick(new PoolBacklog(), p);
    const steady = steadyState(p);
    expect(backlog.waits.mean).toBeCloseTo(steady.probWait * steady.meanWaitGivenWait, 6);
    expect(backlog.queued).toBeCloseTo(10 * steady.meanQueued, 3);
  });

  it('climbs to steady state over tens of seconds near saturation (one slot, 10 ms, ρ = 0.96)', () => {
    const p: PoolQueueInput = { arrivalRate: 9600, instances: 100, concurrency: 1, queueLimit: 1000, serviceMean: 0.01, serviceScv: 1, balancer: 'round-robin' };
    const steady = 100 * steadyState(p).meanQueued;
    const backlog = new PoolBacklog();
    const queued: number[] = [];
    for (let t = 0; t < 40; t++) queued.push(tick(backlog, p).queued);
    expect(queued[0] / steady).toBeLessThan(0.6);
    expect(queued[4] / steady).toBeGreaterThan(0.7);
    expect(queued[4] / steady).toBeLessThan(0.9);
    expect(queued[39] / steady).toBeGreaterThan(0.99);
    for (let t = 1; t < 40; t++) expect(queued[t]).toBeGreaterThanOrEqual(queued[t - 1]);
  });

  it('fills as a fluid under overload, then rejects 1 − 1/ρ', () => {
    // ρ = 1.2, K = 2,000 per instance: 1,298 requests/s more than capacity fill the 320 slots
    // and then 20,000 places in ~15.6 s; nothing is rejected until then.
    const p = pool(1.2, { queueLimit: 2000 });
    const backlog = new PoolBacklog();
    for (let t = 1; t <= 14; t++) {
      tick(backlog, p);
      expect(backlog.dropped).toBeLessThan(1);
      expect(backlog.queued).toBeCloseTo(t * 0.2 * CAPACITY - 320, -1);
      // Everyone that tick waits behind the fluid backlog: (t − ½)·0.2 s less the slots' share.
      if (t > 1) expect(backlog.waits.mean).toBeCloseTo((t - 0.5) * 0.2 - 320 / CAPACITY, 2);
    }
    for (let t = 15; t <= 20; t++) tick(backlog, p);
    expect(backlog.probReject).toBeCloseTo(1 - 1 / 1.2, 3);
    expect(backlog.waits.mean).toBeGreaterThan(0.99 * (2000 / 649.1) - 0.01);
  });

  it('turns a tick’s surplus arrivals into rejections one for one when full', () => {
    const p = pool(1.3);
    const backlog = new PoolBacklog();
    for (let t = 0; t < 5; t++) tick(backlog, p);
    tick(backlog, p, p.arrivalRate + 100);
    expect(backlog.dropped).toBeCloseTo(p.arrivalRate + 100 - steadyState(p).throughput, 0);
  });

  it('drains the backlog at capacity minus arrivals, first come first served', () => {
    const full = pool(1.2, { queueLimit: 2000 });
    const backlog = new PoolBacklog();
    for (let t = 0; t < 30; t++) tick(backlog, full);
    const queued = backlog.queued;
    const calm = pool(0.6, { queueLimit: 2000 });
    const drainSeconds = queued / (0.4 * CAPACITY); // ≈ 7.8 s
    const means: number[] = [];
    for (let t = 0; t < 10; t++) means.push(tick(backlog, calm).waits.mean);
    // The wait falls by capacity − arrivals over capacity = 0.4 s every second.
    for (let t = 1; t < 7; t++) expect(means[t - 1] - means[t]).toBeCloseTo(0.4, 2);
    expect(means[Math.ceil(drainSeconds)]).toBeLessThan(0.001);
    expect(backlog.excess).toBe(0);
  });

  it('keeps what is queued when the pool changes shape', () => {
    const backlog = new PoolBacklog();
    for (let t = 0; t < 10; t++) tick(backlog, pool(1.2, { queueLimit: 2000 }));
    const before = backlog.queued;
    // Five more instances join: the same requests are there, 160 of them now in the new slots.
    backlog.advance(pool(0.8, { queueLimit: 2000, instances: 15, arrivalRate: 1.2 * CAPACITY }), 0, 1e-9);
    expect(backlog.queued).toBeCloseTo(before - 160, 0);
  });

  it('draws its drops from the rng it is handed, the same for the same seed', () => {
    const run = () => {
      const backlog = new PoolBacklog();
      const rng = streams(3).get('drops');
      const drops: number[] = [];
      for (let t = 0; t < 5; t++) {
        backlog.advance(pool(1.3), 8437, 1, rng);
        drops.push(backlog.dropped);
      }
      return drops;
    };
    const drops = run();
    expect(drops.every(Number.isInteger)).toBe(true);
    expect(run()).toEqual(drops);
  });
});
