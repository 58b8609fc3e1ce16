import { afterEach, describe, expect, it, vi } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import * as distributions from '../../../src/engine/distributions/index.ts';

const {
  uniform,
  bernoulli,
  exponential,
  normal,
  lognormal,
  poisson,
  binomial,
  WeightedChoice,
} = distributions;

describe('the distributions module', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exports every sampler and helper', () => {
    expect(Object.keys(distributions).sort()).toEqual(
      [
        'WeightedChoice',
        'Z_99',
        'bernoulli',
        'binomial',
        'exponential',
        'lognormal',
        'lognormalParams',
        'lognormalQuantile',
        'normal',
        'normalQuantile',
        'poisson',
        'uniform',
      ].sort(),
    );
  });

  it('draws only from the stream it is given, never from Math.random or the clock', () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    const rng = streams(3).get('x');
    const choice = new WeightedChoice([1, 2, 3]);
    for (let i = 0; i < 1000; i++) {
      uniform(rng, 0, 1);
      bernoulli(rng, 0.5);
      exponential(rng, 1);
      normal(rng, 0, 1);
      lognormal(rng, 0, 1);
      poisson(rng, 3);
      poisson(rng, 300);
      binomial(rng, 10, 0.2);
      binomial(rng, 1000, 0.2);
      choice.pick(rng);
    }
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
  });

  it('replays a whole mixed sequence from the same seed', () => {
    const run = () => {
      const rng = streams('replay').get('mix');
      return [
        uniform(rng, 2, 4),
        normal(rng, 1, 2),
        poisson(rng, 7),
        poisson(rng, 7000),
        binomial(rng, 50, 0.5),
        binomial(rng, 5, 0.5),
        exponential(rng, 3),
      ];
    };
    expect(run()).toEqual(run());
  });
});
