import { describe, expect, it } from 'vitest';
import { resolveFenceposts, scaleDownOld, scaleUpNew } from '../../src/strategies/rolling-math.ts';

/** Replays the controller with pods that become available between syncs; returns each (new, old) state. */
function stepSequence(replicas: number, maxSurge: number | string, maxUnavailable: number | string): Array<[number, number]> {
  const { surge, unavailable } = resolveFenceposts(maxSurge, maxUnavailable, replicas);
  let newSpec = 0;
  let newAvailable = 0;
  let oldSpec = replicas;
  const states: Array<[number, number]> = [[newSpec, oldSpec]];
  const note = () => {
    const last = states[states.length - 1];
    if (last[0] !== newSpec || last[1] !== oldSpec) states.push([newSpec, oldSpec]);
  };
  for (let sync = 0; sync < 100 && (newAvailable < replicas || oldSpec > 0); sync++) {
    const counts = { newSpec, newAvailable, oldSpec: [oldSpec], oldAvailable: [oldSpec] };
    const up = scaleUpNew(counts, replicas, surge);
    if (up > 0) {
      newSpec += up;
      note();
      continue; // Kubernetes ends the sync after scaling up
    }
    const [down] = scaleDownOld(counts, replicas, unavailable);
    if (down !== oldSpec) {
      oldSpec = down;
      note();
      continue;
    }
    newAvailable = newSpec; // the new pods become available
  }
  return states;
}

describe('Kubernetes rolling-update arithmetic', () => {
  it('rounds maxSurge up and maxUnavailable down, and never lets both be zero', () => {
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts('25%', '25%', 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts(0, 0, 5)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(0, '10%', 5)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts('50%', '100%', 7)).toEqual({ surge: 4, unavailable: 7 });
  });

  it('replaces 3 replicas one at a time with the defaults, keeping 3 to 4 pods', () => {
    // Worked by hand from rolling.go: surge 1, unavailable 0.
    expect(stepSequence(3, '25%', '25%')).toEqual([
      [0, 3], [1, 3], [1, 2], [2, 2], [2, 1], [3, 1], [3, 0],
    ]);
  });

  it('replaces 10 replicas with the defaults in the controller’s steps', () => {
    // surge 3, unavailable 2: up to 13 pods, at least 8 available. Worked from rolling.go:
    // sync 1: new → 3 (13 − 10); sync 2: maxScaledDown = 13 − 8 − 3 unavailable new = 2 → old 8;
    // sync 3: scale-up does not wait for availability: new → 5 (13 − 11); maxScaledDown is then 0.
    // new 5 available: old by availability (5 + 8) − 8 = 5 → old 3; then new → 10 and old → 0.
    expect(stepSequence(10, '25%', '25%')).toEqual([
      [0, 10], [3, 10], [3, 8], [5, 8], [5, 3], [10, 3], [10, 0],
    ]);
  });

  it('HalfAtATime replaces half the hosts at a time with no extra instances', () => {
    expect(stepSequence(6, 0, '50%')).toEqual([[0, 6], [0, 3], [3, 3], [3, 0], [6, 0]]);
  });
});
