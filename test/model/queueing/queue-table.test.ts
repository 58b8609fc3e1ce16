// The interpolated steady-state table against the exact evaluation it caches.
import { describe, expect, it } from 'vitest';
import { queueGroup, type Balancer } from '../../../src/model/queueing/queue-group.ts';
import { QueueTable } from '../../../src/model/queueing/queue-table.ts';
import { queueAtLoad } from '../../../src/model/queueing/steady-state.ts';

const group = (balancer: Balancer, serviceMean = 0.0493) =>
  queueGroup({ arrivalRate: 0, instances: 10, concurrency: 32, queueLimit: 100, serviceMean, serviceScv: 0.52, balancer });

describe('QueueTable', () => {
  it.each(['round-robin', 'random', 'least-outstanding'] as Balancer[])('interpolates %s within half a percent of the exact steady state', (balancer) => {
    const g = group(balancer);
    const table = new QueueTable(g);
    for (const u of [0.3, 0.71234, 0.9, 0.95, 0.987, 0.9993, 1, 1.0371, 1.3]) {
      const exact = queueAtLoad(g, u);
      const cached = table.at(u, g.serviceMean);
      for (const key of ['probReject', 'probWait', 'meanWaitGivenWait', 'meanQueued', 'meanInSystem'] as const) {
        expect(Math.abs(cached[key] - exact[key]), `${key} at ${u}`).toBeLessThanOrEqual(0.005 * Math.abs(exact[key]) + 1e-6);
      }
      expect(cached.waitLaw).toBe(exact.waitLaw);
    }
  });

  it('scales times with the mean service time and reuses its grid', () => {
    const table = new QueueTable(group('random'));
    const slow = table.at(0.95, 0.1);
    const fast = table.at(0.95, 0.05);
    expect(slow.meanWaitGivenWait).toBeCloseTo(2 * fast.meanWaitGivenWait, 12);
    expect(slow.probWait).toBe(fast.probWait);
    expect(table.fits(group('random', 0.1))).toBe(true);
    expect(table.fits(group('round-robin'))).toBe(false);
    expect(table.size).toBe(2);
  });
});
