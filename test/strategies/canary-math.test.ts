import { describe, expect, it } from 'vitest';
import { basicCanaryCounts, routedCanaryReplicas } from '../../src/strategies/canary-math.ts';

describe('Argo canary replica arithmetic', () => {
  it('approximates a weight by replica counts as Argo documents (10 replicas at 41% ⇒ 4 canary, 6 stable)', () => {
    expect(basicCanaryCounts(10, 41, true)).toEqual({ canary: 4, stable: 6 });
    expect(basicCanaryCounts(10, 41, false)).toEqual({ canary: 4, stable: 6 });
  });

  it('keeps at least one pod on each side for weights strictly between 0 and 100', () => {
    for (let replicas = 2; replicas <= 20; replicas++) {
      for (let w = 1; w < 100; w += 7) {
        const { canary, stable } = basicCanaryCounts(replicas, w, false);
        expect(canary).toBeGreaterThanOrEqual(1);
        expect(stable).toBeGreaterThanOrEqual(1);
        expect(canary + stable).toBe(replicas);
      }
    }
  });

  it('uses the extra surge pod when it brings the share closer to the weight', () => {
    // 3 replicas at 25%: 1/3 is 33%, 1/4 (one canary beside three stable) is exactly 25%.
    expect(basicCanaryCounts(3, 25, true)).toEqual({ canary: 1, stable: 3 });
    expect(basicCanaryCounts(3, 25, false)).toEqual({ canary: 1, stable: 2 });
  });

  it('sends 0 and 100 to one side entirely', () => {
    expect(basicCanaryCounts(5, 0, true)).toEqual({ canary: 0, stable: 5 });
    expect(basicCanaryCounts(5, 100, true)).toEqual({ canary: 5, stable: 0 });
  });

  it('with a traffic router gives the canary ceil(weight × replicas) pods', () => {
    expect(routedCanaryReplicas(20, 5)).toBe(1);
    expect(routedCanaryReplicas(20, 6)).toBe(2);
    expect(routedCanaryReplicas(100, 1)).toBe(1);
    expect(routedCanaryReplicas(10, 100)).toBe(10);
    expect(routedCanaryReplicas(10, 0)).toBe(0);
  });
});
