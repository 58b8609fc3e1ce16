// Tests for Zipf-distributed picks over ranks.
import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { ZipfChoice } from '../../../src/model/traffic/zipf-choice.ts';

describe('a Zipf choice', () => {
  it('gives rank u + 1 a share ∝ (u + 1)^(−skew), summing to 1', () => {
    const zipf = new ZipfChoice(4, 2);
    const total = 1 + 1 / 4 + 1 / 9 + 1 / 16;
    expect(Array.from(zipf.shares())).toEqual([1, 1 / 4, 1 / 9, 1 / 16].map((w) => w / total));
    expect(new ZipfChoice(3, 0).share(2)).toBeCloseTo(1 / 3, 15);
  });

  it('picks with one draw up to 2²⁰ items and two past it', () => {
    const afterDraws = (k: number) => {
      const rng = streams(1).get('z');
      for (let i = 0; i < k; i++) rng.next();
      return rng.state();
    };
    const small = streams(1).get('z');
    new ZipfChoice(2 ** 20, 1).pick(small);
    expect(small.state()).toEqual(afterDraws(1));
    const large = streams(1).get('z');
    new ZipfChoice(2 ** 20 + 1, 1).pick(large);
    expect(large.state()).toEqual(afterDraws(2));
  });
});
