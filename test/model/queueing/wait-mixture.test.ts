// The waits of one tick's requests as a small mixture.
import { describe, expect, it } from 'vitest';
import { WaitMixture } from '../../../src/model/queueing/wait-mixture.ts';

describe('WaitMixture', () => {
  it('has the mean of its components', () => {
    const waits = new WaitMixture();
    waits.push(0.5, 0, 0, 0, Infinity);
    waits.push(0.25, 1, 3, 0, Infinity); // mean 2
    waits.push(0.25, 0, 0, 4, Infinity); // mean 4
    expect(waits.mean).toBeCloseTo(1.5, 12);
  });

  it('skips crumbs and refuses a ninth component', () => {
    const waits = new WaitMixture();
    waits.push(1e-12, 0, 0, 0, Infinity);
    expect(waits.size).toBe(0);
    for (let i = 0; i < 8; i++) waits.push(0.125, 0, 0, 0, Infinity);
    expect(() => waits.push(0.1, 0, 0, 0, Infinity)).toThrow(RangeError);
  });
});

describe('WaitMixture.pushQueueState', () => {
  const state = { load: 0.9, probReject: 0, probWait: 0.4, meanWaitGivenWait: 0.01, waitLaw: 'exponential' as const, waitScale: 0.01, maxWait: Infinity, meanQueued: 1, meanInSystem: 2 };

  it('splits a steady state into waiting and not waiting, with the fluid wait on both', () => {
    const waits = new WaitMixture();
    waits.pushQueueState(state, 0.5, 0.2, 0.4);
    expect(waits.size).toBe(2);
    expect([waits.weight[0], waits.weight[1]]).toEqual([0.3, 0.2]);
    expect([waits.fixedFrom[1], waits.fixedTo[1], waits.expMean[1]]).toEqual([0.2, 0.4, 0.01]);
    expect(waits.mean).toBeCloseTo(0.5 * 0.3 + 0.2 * 0.01, 12);
  });

  it('spreads a full queue uniformly up to its longest wait', () => {
    const waits = new WaitMixture();
    waits.pushQueueState({ ...state, probWait: 1, waitLaw: 'uniform', waitScale: 0.14, maxWait: 0.15 }, 1, 0, 0);
    expect(waits.size).toBe(1);
    expect([waits.fixedFrom[0], waits.fixedTo[0], waits.expMean[0]]).toEqual([0.14, 0.15, 0]);
  });
});
