// Tests for request arrivals: counts per window against the curve's integral (Poisson
// bounds and a χ² fit), zero-rate stretches, determinism and replay from a saved stream.
import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { RandomStream } from '../../../src/engine/random-stream.ts';
import { rateCurveSchema } from '../../../src/model/config/traffic.ts';
import { RateCurve } from '../../../src/model/traffic/rate-curve.ts';
import { ArrivalProcess } from '../../../src/model/traffic/arrivals.ts';

const curve = (input: unknown) => new RateCurve(rateCurveSchema.parse(input));

/** Every arrival in [from, to), seconds. */
function arrivals(c: RateCurve, rng: RandomStream, from: number, to: number): number[] {
  const process = new ArrivalProcess(c);
  const out: number[] = [];
  for (let t = process.next(from, rng); t < to; t = process.next(t, rng)) out.push(t);
  return out;
}

/**
 * Asserts the arrivals' counts in consecutive windows of `width` seconds over [from, to)
 * are Poisson with means integral(window): the total within 4 standard deviations, and
 * Σ (observed − expected)²/expected under the χ² quantile for z = 5 (Wilson–Hilferty,
 * exceeded by chance with odds ~3e-7; every window expects ≥ 20, so χ² applies).
 */
function expectPoissonCounts(c: RateCurve, times: number[], from: number, to: number, width: number): void {
  const windows = Math.round((to - from) / width);
  const observed = new Float64Array(windows);
  for (const t of times) observed[Math.floor((t - from) / width)]++;
  let chi2 = 0;
  for (let i = 0; i < windows; i++) {
    const expected = c.integral(from + i * width, from + (i + 1) * width);
    expect(expected).toBeGreaterThanOrEqual(20);
    chi2 += (observed[i] - expected) ** 2 / expected;
  }
  const total = c.integral(from, to);
  expect(Math.abs(times.length - total), `${times.length} arrivals, expected ${total}`).toBeLessThan(4 * Math.sqrt(total));
  const a = 2 / (9 * windows);
  expect(chi2, `χ² = ${chi2.toFixed(1)} on ${windows} windows`).toBeLessThan(windows * (1 - a + 5 * Math.sqrt(a)) ** 3);
}

describe('arrivals', () => {
  it('come in increasing order at a constant rate, Poisson in every second', () => {
    const c = curve(200);
    const times = arrivals(c, streams(1).get('arrivals'), 0, 300);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
    expectPoissonCounts(c, times, 0, 300, 1);
  });

  it('follow a diurnal curve window by window, from trough to peak', () => {
    const c = curve({ kind: 'diurnal', mean: 100, peakToTrough: 4, period: 600, peakAt: 100 });
    expectPoissonCounts(c, arrivals(c, streams(2).get('arrivals'), 0, 3600), 0, 3600, 10);
  });

  it('follow a day-long diurnal curve at its default window of 1 s', () => {
    const c = curve({ kind: 'diurnal', mean: 50, peakToTrough: 3 });
    expect(new ArrivalProcess(c).window).toBe(1);
    expectPoissonCounts(c, arrivals(c, streams(3).get('arrivals'), 20_000, 26_000), 20_000, 26_000, 60);
  });

  it('follow ramps that start from 0 and spikes', () => {
    const ramp = curve({ kind: 'points', points: [[0, 0], [100, 0], [400, 300], [500, 20]] });
    expectPoissonCounts(ramp, arrivals(ramp, streams(4).get('arrivals'), 150, 600), 150, 600, 5);
    const spike = curve({ kind: 'spike', base: 30, peak: 600, at: 40.5, duration: 20 });
    expectPoissonCounts(spike, arrivals(spike, streams(5).get('arrivals'), 0, 100), 0, 100, 1);
  });

  it('skip a stretch of rate 0 and resume when the rate comes back', () => {
    const c = curve({ kind: 'steps', steps: [{ at: 0, rps: 50 }, { at: 100, rps: 0 }, { at: 250, rps: 80 }] });
    const times = arrivals(c, streams(6).get('arrivals'), 0, 400);
    expect(times.filter((t) => t >= 100 && t < 250)).toEqual([]);
    expect(times.find((t) => t >= 100)).toBeGreaterThanOrEqual(250);
    expectPoissonCounts(c, times.filter((t) => t >= 250), 250, 400, 2);
  });

  it('end with Infinity once the rate stays 0 forever', () => {
    const rng = streams(7).get('arrivals');
    const stops = curve({ kind: 'steps', steps: [{ at: 0, rps: 10 }, { at: 50, rps: 0 }] });
    const process = new ArrivalProcess(stops);
    let t = 0;
    let last = 0;
    while (t !== Infinity) {
      last = t;
      t = process.next(t, rng);
    }
    expect(last).toBeLessThan(50);
    expect(last).toBeGreaterThan(40);
    expect(new ArrivalProcess(curve(0)).next(0, rng)).toBe(Infinity);
    expect(new ArrivalProcess(curve({ kind: 'diurnal', mean: 0 })).next(0, rng)).toBe(Infinity);
  });

  it('give the same times for the same seed, as they always have', () => {
    const c = curve({ kind: 'diurnal', mean: 100, peakToTrough: 3, period: 3600 });
    const first = arrivals(c, streams(42).get('arrivals'), 0, 60);
    expect(arrivals(c, streams(42).get('arrivals'), 0, 60)).toEqual(first);
    expect(arrivals(c, streams(43).get('arrivals'), 0, 60)).not.toEqual(first);
    expect(first.slice(0, 3).map((t) => t.toFixed(12))).toEqual(GOLDEN_DIURNAL);
    const flat = arrivals(curve(100), streams(42).get('arrivals'), 0, 1);
    expect(flat.slice(0, 3).map((t) => t.toFixed(12))).toEqual(GOLDEN_CONSTANT);
  });

  it('replay from a saved stream state with a fresh process, whatever the process saw before', () => {
    const c = curve({ kind: 'points', points: [[0, 10], [30, 400], [60, 0], [90, 200]] });
    const rng = streams(8).get('arrivals');
    const process = new ArrivalProcess(c);
    let t = 0;
    for (let i = 0; i < 500; i++) t = process.next(t, rng);
    const saved = rng.state();
    const ahead = [process.next(t, rng), process.next(t + 7.25, rng)];
    rng.restore(saved);
    const fresh = new ArrivalProcess(c);
    expect([fresh.next(t, rng), fresh.next(t + 7.25, rng)]).toEqual(ahead);
  });

  it('refuse a time that is not a number', () => {
    expect(() => new ArrivalProcess(curve(1)).next(Number.NaN, streams(1).get('x'))).toThrow(RangeError);
  });
});

const GOLDEN_DIURNAL = ['0.000677941412', '0.020821149084', '0.025825195046'];
// By hand: t += −ln(1 − u)/100 over seedrandom.alea('42/arrivals') draws u, no thinning draws.
const GOLDEN_CONSTANT = ['0.001016912119', '0.002158375384', '0.032373186891'];
