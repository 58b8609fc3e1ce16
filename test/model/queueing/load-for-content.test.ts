// Inverting the steady-state queue: the load that holds a given mean queue.
import { describe, expect, it } from 'vitest';
import { loadForContent } from '../../../src/model/queueing/load-for-content.ts';
import { queueGroup } from '../../../src/model/queueing/queue-group.ts';
import { queueAtLoad } from '../../../src/model/queueing/steady-state.ts';

const g = queueGroup({ arrivalRate: 0, instances: 10, concurrency: 32, queueLimit: 100, serviceMean: 0.0493, serviceScv: 0.52, balancer: 'round-robin' });
const at = (u: number) => queueAtLoad(g, u);

describe('loadForContent', () => {
  it.each([0.5, 0.9, 0.99, 0.9999, 1.2])('finds the load %d back from its mean content', (u) => {
    expect(loadForContent(at, 'meanInSystem', at(u).meanInSystem, 0, 1.5)).toBeCloseTo(u, 6);
  });

  it.each([0.9, 0.99, 0.9999, 1.2])('finds the load %d back from its mean queue', (u) => {
    // (Far below saturation the queue is ~1e-10 requests: no use inverting it.)
    expect(loadForContent(at, 'meanQueued', at(u).meanQueued, 0.01, 1.5)).toBeCloseTo(u, 6);
  });

  it('returns the nearer end for a target outside the bracket', () => {
    expect(loadForContent(at, 'meanInSystem', -1, 0.2, 0.8)).toBe(0.2);
    expect(loadForContent(at, 'meanInSystem', 1e9, 0.2, 0.8)).toBe(0.8);
  });
});
