// Tests for the rate curve: hand-computed rates and integrals for each shape, the integral
// against numerical integration, and maxRate as a tight upper bound.
import { describe, expect, it } from 'vitest';
import { rateCurveSchema } from '../../../src/model/config/traffic.ts';
import { RateCurve } from '../../../src/model/traffic/rate-curve.ts';

const curve = (input: unknown) => new RateCurve(rateCurveSchema.parse(input));

/** Composite midpoint rule with n cells: error ≤ (jump size)·(cell width) per jump. */
function numericIntegral(c: RateCurve, t0: number, t1: number, n = 100_000): number {
  const h = (t1 - t0) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += c.rate(t0 + (i + 0.5) * h);
  return sum * h;
}

/** A fixed pseudo-random sequence in [0, 1), independent of the code under test. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const SHAPES = {
  // `breaks`: times where the supremum can hide between sample points (jumps, kinks, peaks).
  constant: { input: 250, span: 1000, breaks: [] as number[] },
  diurnal: { input: { kind: 'diurnal', mean: 1000, peakToTrough: 3, period: 100, peakAt: 25 }, span: 300, breaks: [25, 125, 225] },
  steps: { input: { kind: 'steps', steps: [{ at: 10, rps: 100 }, { at: 20, rps: 50 }, { at: 40, rps: 400 }] }, span: 60, breaks: [10, 20, 40] },
  spike: { input: { kind: 'spike', base: 100, peak: 1000, at: 60, duration: 30 }, span: 150, breaks: [60, 90] },
  points: { input: { kind: 'points', points: [[10, 50], [20, 150], [30, 150], [30, 20], [45, 80]] }, span: 60, breaks: [10, 20, 30, 45] },
};

describe('a constant curve', () => {
  it('has the same rate at every time and integrates to rate × duration', () => {
    const c = curve(250);
    expect([c.rate(-5), c.rate(0), c.rate(1e6)]).toEqual([250, 250, 250]);
    expect(c.integral(0, 10)).toBe(2500);
    expect(c.integral(10, 0)).toBe(-2500);
    expect(c.maxRate(0, 1e9)).toBe(250);
  });

  it('of 0 requests/s integrates to 0 even over an unbounded span', () => {
    expect(curve(0).integral(0, Infinity)).toBe(0);
  });
});

describe('a diurnal curve', () => {
  const c = curve(SHAPES.diurnal.input); // a = (3 − 1)/(3 + 1) = 0.5

  it('peaks at mean·(1 + a) at peakAt, troughs at mean·(1 − a) half a period later', () => {
    expect(c.rate(25)).toBeCloseTo(1500, 9);
    expect(c.rate(125)).toBeCloseTo(1500, 9);
    expect(c.rate(75)).toBeCloseTo(500, 9);
    expect(c.rate(50)).toBeCloseTo(1000, 9);
    expect(c.rate(25) / c.rate(75)).toBeCloseTo(3, 12);
  });

  it('integrates to mean × period over a period and in closed form over a quarter', () => {
    expect(c.integral(0, 100)).toBeCloseTo(100_000, 6);
    expect(c.integral(17, 317)).toBeCloseTo(300_000, 6);
    // ∫_25^50 = 1000·25 + 1000·0.5·(100/2π)·(sin(π/2) − sin 0)
    expect(c.integral(25, 50)).toBeCloseTo(25_000 + 500 * (100 / (2 * Math.PI)), 6);
  });

  it('has the peak as its max over a window holding a peak, else the larger end', () => {
    expect(c.maxRate(20, 30)).toBeCloseTo(1500, 9);
    expect(c.maxRate(120, 126)).toBeCloseTo(1500, 9);
    expect(c.maxRate(30, 40)).toBe(c.rate(30));
    expect(c.maxRate(80, 110)).toBe(c.rate(110));
  });

  it('is the flat mean when it has no swing or no period', () => {
    const flat = curve({ kind: 'diurnal', mean: 40, peakToTrough: 1 });
    expect([flat.rate(0), flat.rate(33_333), flat.integral(0, 10)]).toEqual([40, 40, 400]);
    expect(curve({ kind: 'diurnal', mean: 40, period: 0 }).rate(7)).toBe(40);
    expect(flat.isFlatAt(5)).toBe(true);
  });

  it('is one piece that is never flat, a day long by default', () => {
    expect([c.pieceStart(10), c.pieceEnd(10), c.isFlatAt(10)]).toEqual([-Infinity, Infinity, false]);
    expect(curve({ kind: 'diurnal', mean: 1 }).cycle).toBe(86_400);
  });
});

describe('a steps curve', () => {
  const c = curve(SHAPES.steps.input);

  it('is 0 before the first step and jumps to each step at its time', () => {
    expect([c.rate(0), c.rate(9.999), c.rate(10), c.rate(19.999), c.rate(20), c.rate(40), c.rate(1e6)]).toEqual([
      0, 0, 100, 100, 50, 400, 400,
    ]);
  });

  it('integrates piece by piece', () => {
    expect(c.integral(0, 30)).toBe(1000 + 500);
    expect(c.integral(15, 25)).toBe(500 + 250);
    expect(c.integral(12, 18)).toBe(600);
    expect(c.integral(5, 50)).toBe(1000 + 1000 + 4000);
  });

  it('takes the steps in time order, a later step at the same time winning', () => {
    const c2 = curve({ kind: 'steps', steps: [{ at: 20, rps: 50 }, { at: 10, rps: 7 }, { at: 10, rps: 100 }] });
    expect([c2.rate(5), c2.rate(10), c2.rate(20)]).toEqual([0, 100, 50]);
  });

  it('has as max the highest step touched, a jump at the window end included', () => {
    expect(c.maxRate(0, 9.99)).toBe(0);
    expect(c.maxRate(0, 10)).toBe(100);
    expect(c.maxRate(12, 39)).toBe(100);
    expect(c.maxRate(20.5, 39)).toBe(50);
    expect(c.maxRate(0, 40)).toBe(400);
  });

  it('reports its pieces for the arrival sampler', () => {
    expect([c.pieceStart(15), c.pieceEnd(15), c.isFlatAt(15)]).toEqual([10, 20, true]);
    expect([c.pieceStart(-3), c.pieceEnd(-3)]).toEqual([-Infinity, 10]);
    expect([c.pieceStart(50), c.pieceEnd(50)]).toEqual([40, Infinity]);
  });
});

describe('a spike curve', () => {
  const c = curve(SHAPES.spike.input);

  it('is at peak on [at, at + duration) and at base elsewhere', () => {
    expect([c.rate(0), c.rate(59.9), c.rate(60), c.rate(89.9), c.rate(90), c.rate(500)]).toEqual([
      100, 100, 1000, 1000, 100, 100,
    ]);
  });

  it('integrates to base over the run plus (peak − base) over the spike', () => {
    expect(c.integral(0, 120)).toBe(100 * 120 + 900 * 30);
    expect(c.integral(70, 100)).toBe(1000 * 20 + 100 * 10);
  });

  it('has the peak as max only over windows that reach the spike', () => {
    expect(c.maxRate(0, 59.99)).toBe(100);
    expect(c.maxRate(0, 60)).toBe(1000);
    expect(c.maxRate(90, 200)).toBe(100);
  });
});

describe('a points curve', () => {
  const c = curve(SHAPES.points.input);

  it('interpolates linearly, holds the ends, and jumps at a repeated time', () => {
    expect(c.rate(0)).toBe(50);
    expect(c.rate(15)).toBe(100);
    expect(c.rate(25)).toBe(150);
    expect(c.rate(29.999)).toBe(150);
    expect(c.rate(30)).toBe(20);
    expect(c.rate(37.5)).toBe(50);
    expect(c.rate(100)).toBe(80);
  });

  it('integrates trapezoids between points and rectangles outside them', () => {
    // [0,10) held at 50; [10,20) 50→150; [20,30) 150; [30,45) 20→80; [45,60) held at 80.
    expect(c.integral(0, 60)).toBeCloseTo(500 + 1000 + 1500 + 750 + 1200, 9);
    expect(c.integral(12, 18)).toBeCloseTo(600, 9);
  });

  it('has the exact max of the lines inside a window, the left limit at a jump included', () => {
    expect(c.maxRate(12, 18)).toBeCloseTo(130, 9);
    expect(c.maxRate(0, 12)).toBeCloseTo(70, 9);
    expect(c.maxRate(29, 40)).toBe(150);
    expect(c.maxRate(31, 44)).toBeCloseTo(76, 9);
  });

  it('takes unordered points in time order and a single point as a constant', () => {
    const c2 = curve({ kind: 'points', points: [[20, 0], [10, 100]] });
    expect([c2.rate(0), c2.rate(15), c2.rate(30)]).toEqual([100, 50, 0]);
    expect(curve({ kind: 'points', points: [[5, 9]] }).integral(0, 2)).toBe(18);
  });
});

describe.each(Object.entries(SHAPES))('the %s curve', (_name, { input, span, breaks }) => {
  const c = curve(input);
  const random = lcg(7);
  const windows = Array.from({ length: 20 }, () => {
    const a = random() * span - 5;
    const b = random() * span - 5;
    return [Math.min(a, b), Math.max(a, b)] as const;
  });
  windows.push([0, span], [breaks[0] ?? 0, span]);

  it('integrates to what fine numerical integration of its rate gives', () => {
    for (const [t0, t1] of windows) {
      const exact = c.integral(t0, t1);
      // 10⁵ cells: each jump contributes at most (jump)·(cell width) of error.
      expect(Math.abs(exact - numericIntegral(c, t0, t1))).toBeLessThanOrEqual(1e-9 * exact + 1e-5 * 1000 * (t1 - t0));
    }
  });

  it('bounds its rate from above over every window, with the true max', () => {
    for (const [t0, t1] of windows) {
      const bound = c.maxRate(t0, t1);
      let seen = -Infinity;
      for (let i = 0; i < 1000; i++) {
        const r = c.rate(t0 + ((t1 - t0) * i) / 999);
        expect(r).toBeLessThanOrEqual(bound);
        seen = Math.max(seen, r);
      }
      // Left limits at breakpoints inside the window are part of its supremum too.
      for (const b of breaks) if (b > t0 && b <= t1) seen = Math.max(seen, c.rate(b - 1e-9 * (1 + b)));
      expect(bound).toBeCloseTo(seen, 5);
    }
  });
});
