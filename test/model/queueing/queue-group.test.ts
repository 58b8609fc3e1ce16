// How a pool maps to queueing theory's queues, by balancer.
import { describe, expect, it } from 'vitest';
import { queueGroup, type PoolQueueInput } from '../../../src/model/queueing/queue-group.ts';

describe('queueGroup', () => {
  const pool: PoolQueueInput = { arrivalRate: 6000, instances: 10, concurrency: 32, queueLimit: 100, serviceMean: 0.05, serviceScv: 0.5, balancer: 'random' };

  it('splits random traffic into N Poisson streams, one queue each', () => {
    expect(queueGroup(pool)).toMatchObject({ count: 10, servers: 32, queueLimit: 100, arrivalRate: 600, phases: 1 });
  });

  it('gives each round-robin instance Erlang-N gaps', () => {
    expect(queueGroup({ ...pool, balancer: 'round-robin' })).toMatchObject({ count: 10, servers: 32, arrivalRate: 600, phases: 10 });
  });

  it('pools least-outstanding into one shared queue of N·c slots and N·K places', () => {
    expect(queueGroup({ ...pool, balancer: 'least-outstanding' })).toMatchObject({ count: 1, servers: 320, queueLimit: 1000, arrivalRate: 6000, phases: 1 });
  });
});
