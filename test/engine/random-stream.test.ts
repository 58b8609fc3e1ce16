import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random-stream.ts';
import { streams } from '../../src/engine/streams.ts';

const firstFive = (next: () => number) => Array.from({ length: 5 }, next);

describe('RandomStream', () => {
  it('pins its first draws for a fixed seed', () => {
    const s = streams(42).get('traffic');
    expect(firstFive(() => s.next())).toEqual([
      0.16264794836752117, 0.8950896579772234, 0.9819506194908172, 0.7921901792287827, 0.43720103055238724,
    ]);
  });

  it('draws exactly what seedrandom.alea draws for the same seed string', () => {
    const ours = new RandomStream('any seed/fleet');
    const theirs = seedrandom.alea('any seed/fleet');
    for (let i = 0; i < 10_000; i++) expect(ours.next()).toBe(theirs());
  });

  it('keeps named streams independent: drawing from one does not move another', () => {
    const a = streams(7);
    const b = streams(7);
    for (let i = 0; i < 1000; i++) a.get('fleet').next();
    expect(firstFive(() => a.get('traffic').next())).toEqual(firstFive(() => b.get('traffic').next()));
    expect(a.get('traffic').next()).not.toBe(a.get('fleet').next());
  });

  it('saves and restores its state in place, as plain JSON-safe data', () => {
    const s = streams(1).get('x');
    for (let i = 0; i < 17; i++) s.next();
    const saved = JSON.parse(JSON.stringify(s.state()));
    const after = firstFive(() => s.next());
    s.restore(saved);
    expect(firstFive(() => s.next())).toEqual(after);
  });

  it('restores a whole set of streams from a snapshot', () => {
    const all = streams(3);
    all.get('a').next();
    all.get('b').next();
    const snap = all.state();
    const expected = [all.get('a').next(), all.get('b').next()];
    all.get('a').next();
    all.restore(snap);
    expect([all.get('a').next(), all.get('b').next()]).toEqual(expected);
  });

  it('never returns 0 from nextOpen and stays in [0, 1) from next', () => {
    const s = streams(9).get('u');
    for (let i = 0; i < 100_000; i++) {
      const u = s.next();
      expect(u >= 0 && u < 1).toBe(true);
    }
    for (let i = 0; i < 1000; i++) expect(s.nextOpen()).toBeGreaterThan(0);
  });

  it('exposes a bound source function for APIs such as d3-random', () => {
    const a = streams(5).get('d3');
    const b = streams(5).get('d3');
    const src = a.source;
    expect(src()).toBe(b.next());
  });
});
