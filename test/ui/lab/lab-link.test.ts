// A lab link carries the scenario text and the view; a damaged link says so instead of opening.
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeLabState, encodeLabState, LAB_VIEWS } from '../../../src/ui/lab/lab-link.ts';
import { parseRoute, routeHash } from '../../../src/ui/lib/route.ts';

describe('lab links', () => {
  it('round-trip any text and view through the address', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom(...LAB_VIEWS), fc.option(fc.constantFrom('canary-in-detail', 'x-1')), (text, view, from) => {
        const state = { text, view, ...(from ? { from } : {}) };
        const hash = routeHash({ page: 'lab', state: encodeLabState(state) });
        const route = parseRoute(hash);
        expect(route.page).toBe('lab');
        if (route.page !== 'lab' || !('state' in route)) throw new Error('expected a packed state');
        expect(decodeLabState(route.state)).toEqual({ ok: true, state });
      }),
    );
  });

  it('open a catalog scenario by name', () => {
    expect(parseRoute('#/lab/canary-in-detail')).toEqual({ page: 'lab', name: 'canary-in-detail' });
    expect(routeHash({ page: 'lab', name: 'canary-in-detail' })).toBe('#/lab/canary-in-detail');
  });

  it('report a damaged link in words, whatever was done to it', () => {
    const good = encodeLabState({ text: 'name: x\n', view: 'run' });
    for (const bad of ['', 'garbage!!', good.slice(0, good.length - 5), good.slice(3), compressToEncodedURIComponent('not json'), compressToEncodedURIComponent('[1,2]'), compressToEncodedURIComponent('{"v":1,"text":3}')]) {
      const d = decodeLabState(bad);
      expect(d.ok, bad).toBe(false);
      if (!d.ok) expect(d.error).toMatch(/damaged|newer/);
    }
    const newer = decodeLabState(compressToEncodedURIComponent('{"v":9,"text":"a","view":"run"}'));
    expect(newer).toEqual({ ok: false, error: expect.stringContaining('newer version') });
  });

  it('fall back to the run view for an unknown view, and drop an odd catalog name', () => {
    const d = decodeLabState(compressToEncodedURIComponent('{"v":1,"text":"a","view":"x","from":"../etc"}'));
    expect(d).toEqual({ ok: true, state: { text: 'a', view: 'run' } });
  });
});
