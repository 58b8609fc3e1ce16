// The steady-state queue: exact where theory is exact (M/M/s/K, M/G/1), sane everywhere else.
import { describe, expect, it } from 'vitest';
import { queueGroup, type PoolQueueInput } from '../../../src/model/queueing/queue-group.ts';
import { queueAtLoad, steadyState } from '../../../src/model/queueing/steady-state.ts';

/** M/M/s/K straight from its stationary distribution: p_n ∝ aⁿ/n! up to s, then ·ρ per place. */
function mmsk(s: number, k: number, u: number) {
  const a = s * u;
  const p: number[] = [1];
  for (let n = 1; n <= s + k; n++) p.push(n <= s ? (p[n - 1] * a) / n : p[n - 1] * u);
  const total = p.reduce((x, y) => x + y, 0);
  const q = p.map((x) => x / total);
  const reject = q[s + k];
  const waits = q.slice(s, s + k).reduce((x, y) => x + y, 0);
  const queued = q.reduce((sum, x, n) => sum + Math.max(0, n - s) * x, 0);
  return { reject, probWait: waits / (1 - reject), queued };
}

const exponentialPool = (s: number, k: number) =>
  queueGroup({ arrivalRate: 0, instances: 1, concurrency: s, queueLimit: k, serviceMean: 1, serviceScv: 1, balancer: 'random' });

describe('queueAtLoad', () => {
  it.each([
    [1, 10, 0.5],
    [1, 10, 0.9],
    [32, 100, 0.8],
    [32, 100, 0.97],
    [32, 5, 0.95],
    [32, 0, 0.8],
    [32, 100, 1],
    [32, 100, 1.3],
    [8, 20, 2],
  ])('is exact for M/M/s/K with s = %d, K = %d, ρ = %d', (s, k, u) => {
    const exact = mmsk(s, k, u);
    const state = queueAtLoad(exponentialPool(s, k), u);
    expect(state.probReject).toBeCloseTo(exact.reject, 9);
    expect(state.probWait).toBeCloseTo(exact.probWait, 9);
    // The queue length comes from the continuous (exponential / uniform) wait law: close, not exact.
    expect(Math.abs(state.meanQueued - exact.queued)).toBeLessThanOrEqual(0.03 * exact.queued + 0.05);
  });

  it('gives the Pollaczek–Khinchine mean wait for M/G/1', () => {
    // E[W] = ρ(1 + c_s²)/(2(1 − ρ))·E[S]: at ρ = 0.8, c_s² = 0.52, E[S] = 49.3 ms → 149.9 ms.
    const g = queueGroup({ arrivalRate: 0, instances: 1, concurrency: 1, queueLimit: 1e6, serviceMean: 0.0493, serviceScv: 0.52, balancer: 'random' });
    const state = queueAtLoad(g, 0.8);
    expect(state.probWait * state.meanWaitGivenWait).toBeCloseTo((0.8 * 1.52) / 0.4 * 0.0493, 9);
  });

  it('keeps an overloaded pool at capacity: rejections → 1 − 1/ρ for a long queue', () => {
    for (const balancer of ['random', 'round-robin', 'least-outstanding'] as const) {
      const pool: PoolQueueInput = { arrivalRate: 1.3 * 6491, instances: 10, concurrency: 32, queueLimit: 2000, serviceMean: 0.0493, serviceScv: 0.52, balancer };
      const state = steadyState(pool);
      expect(state.probReject).toBeCloseTo(1 - 1 / 1.3, 4);
      expect(state.throughput).toBeCloseTo(6491, -1);
      expect(state.utilization).toBeCloseTo(1, 4);
      expect(state.waitLaw).toBe('uniform');
      expect(state.meanWaitGivenWait).toBeGreaterThan(0.95 * state.maxWait);
    }
  });

  it('is continuous through saturation, where the form changes', () => {
    const g = queueGroup({ arrivalRate: 0, instances: 10, concurrency: 32, queueLimit: 10, serviceMean: 0.0493, serviceScv: 0.52, balancer: 'round-robin' });
    const below = queueAtLoad(g, 1 - 1e-7);
    const above = queueAtLoad(g, 1 + 1e-7);
    expect(above.probReject).toBeCloseTo(below.probReject, 5);
    expect(above.probWait).toBeCloseTo(below.probWait, 5);
    expect(above.meanQueued).toBeCloseTo(below.meanQueued, 3);
  });

  it('rejects less than M/M/s/K when arrivals and service are smoother, but still the exact Erlang loss at K = 0', () => {
    const smooth = (k: number) =>
      queueAtLoad(queueGroup({ arrivalRate: 0, instances: 10, concurrency: 32, queueLimit: k, serviceMean: 1, serviceScv: 0.52, balancer: 'random' }), 0.95);
    expect(smooth(5).probReject).toBeLessThan(mmsk(32, 5, 0.95).reject);
    expect(smooth(0).probReject).toBeCloseTo(mmsk(32, 0, 0.95).reject, 12); // Erlang B is insensitive
  });

  it('has an idle queue at no load', () => {
    const state = queueAtLoad(exponentialPool(4, 10), 0);
    expect(state).toMatchObject({ probReject: 0, probWait: 0, meanQueued: 0, meanInSystem: 0 });
  });
});
