import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { PoolBacklog } from '../../../src/model/queueing/pool-backlog.ts';
import { queueAtLoad } from '../../../src/model/queueing/steady-state.ts';

describe('a queue at very light load', () => {
  it('has nobody waiting or rejected, with finite numbers, where the idle weight overflows', () => {
    const group = { count: 29, servers: 32, queueLimit: 100, arrivalRate: 0.5, phases: 29, serviceMean: 1, serviceScv: 0.519 };
    for (const load of [1e-6, 0.0004, 0.0156, 0.02]) {
      const s = queueAtLoad(group, load);
      expect(s.probReject, `load ${load}`).toBeLessThan(1e-100);
      expect(Number.isFinite(s.meanInSystem), `load ${load}`).toBe(true);
    }
  });

  it('stays finite while a tiny pool changes shape tick after tick (a rolling update at 5 requests/s)', () => {
    const rng = streams(1).get('queue');
    const shape = streams(2).get('shape');
    const backlog = new PoolBacklog();
    for (let tick = 0; tick < 2000; tick++) {
      const instances = 1 + Math.floor(shape.next() * 50);
      backlog.advance(
        { arrivalRate: [5, 2.5, 0.16, 4.8][tick % 4], instances, concurrency: 32, queueLimit: 100, serviceMean: 0.05 * (1 + shape.next()), serviceScv: 0.52, balancer: 'round-robin' },
        Math.floor(shape.next() * 8),
        1,
        rng,
      );
      expect(Number.isFinite(backlog.probReject)).toBe(true);
    }
  });
});
