import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../src/ui/lib/route.ts';

describe('routes', () => {
  it('reads the home page, lessons with an optional seed, and unknown addresses', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/lesson/canary-in-detail')).toEqual({ page: 'lesson', name: 'canary-in-detail' });
    expect(parseRoute('#/lesson/canary-in-detail?seed=7')).toEqual({ page: 'lesson', name: 'canary-in-detail', seed: 7 });
    expect(parseRoute('#/lesson/Bad Name')).toEqual({ page: 'not-found', hash: '#/lesson/Bad Name' });
  });

  it('carries a pasted scenario in the address, compressed, and back', () => {
    const text = 'name: mine\ntitle: Mine — with “quotes” & symbols ✓\n';
    const hash = routeHash({ page: 'custom', text, seed: 3 });
    expect(hash).toMatch(/^#\/custom\/[A-Za-z0-9+\-$]+\?seed=3$/);
    expect(parseRoute(hash)).toEqual({ page: 'custom', text, seed: 3 });
    expect(parseRoute('#/custom/%%%').page).toBe('not-found');
  });

  it('reads and writes the compare view of a catalog scenario', () => {
    expect(parseRoute('#/compare/four-strategies-compared')).toEqual({ page: 'compare', name: 'four-strategies-compared' });
    expect(parseRoute('#/compare/four-strategies-compared?seed=3')).toEqual({ page: 'compare', name: 'four-strategies-compared', seed: 3 });
    expect(parseRoute('#/compare/')).toEqual({ page: 'not-found', hash: '#/compare/' });
    const r = { page: 'compare' as const, name: 'canary-in-detail', seed: 5 };
    expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('reads and writes the detection power page of a catalog scenario', () => {
    expect(parseRoute('#/power/automated-canary-analysis')).toEqual({ page: 'power', name: 'automated-canary-analysis' });
    expect(parseRoute('#/power/automated-canary-analysis?seed=9')).toEqual({ page: 'power', name: 'automated-canary-analysis', seed: 9 });
    expect(parseRoute('#/power/')).toEqual({ page: 'not-found', hash: '#/power/' });
    const r = { page: 'power' as const, name: 'canary-in-detail', seed: 5 };
    expect(routeHash(r)).toBe('#/power/canary-in-detail?seed=5');
    expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('round-trips lessons', () => {
    const r = { page: 'lesson' as const, name: 'blue-green-in-detail', seed: 12 };
    expect(parseRoute(routeHash(r))).toEqual(r);
  });
});
