import { describe, expect, it } from 'vitest';
import { routerAt, versionOfReplicaSet } from '../../src/ui/lib/router-state.ts';

const events = [
  { t: 120, kind: 'deploy-start' },
  { t: 152, kind: 'weight-change', weights: { 'v1-stable': 95, 'v2-canary': 5 }, effectiveInS: 2, reason: 'canary step to 5%' },
  { t: 160, kind: 'mirror-route', replicaSet: 'v2-canary', share: 1 },
  { t: 182, kind: 'weight-change', weights: { 'v1-stable': 100, 'v2-canary': 0 }, effectiveInS: 2, reason: 'abort' },
  { t: 184, kind: 'restored' },
];

describe('routerAt', () => {
  it('starts with every request on the stable version', () => {
    expect(routerAt(events, 0, ['v1', 'v2'])).toMatchObject({ weights: [{ replicaSet: 'v1', version: 'v1', weight: 100 }], setAt: null });
  });

  it('follows the latest weight change reached, with when it takes effect', () => {
    const r = routerAt(events, 2, ['v1', 'v2']);
    expect(r.weights).toEqual([
      { replicaSet: 'v1-stable', version: 'v1', weight: 95 },
      { replicaSet: 'v2-canary', version: 'v2', weight: 5 },
    ]);
    expect(r).toMatchObject({ setAt: 152, effectiveAt: 154, reason: 'canary step to 5%', byEndpoints: false, mirror: { replicaSet: 'v2-canary', share: 1 } });
    expect(routerAt(events, 4, ['v1', 'v2'])).toMatchObject({ setAt: 182, mirror: null });
  });

  it('recognises a Service that selects every version', () => {
    const svc = [{ t: 60, kind: 'weight-change', weights: { 'v1-stable': 100, v2: 100 }, effectiveInS: 1 }];
    expect(routerAt(svc, 0, ['v1', 'v2']).byEndpoints).toBe(true);
  });
});

describe('versionOfReplicaSet', () => {
  it('takes the longest version name that prefixes the replica set', () => {
    expect(versionOfReplicaSet('v2-canary', ['v1', 'v2'])).toBe('v2');
    expect(versionOfReplicaSet('v1.10-stable', ['v1.1', 'v1.10'])).toBe('v1.10');
    expect(versionOfReplicaSet('other', ['v1'])).toBe('other');
  });
});
