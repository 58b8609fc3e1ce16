// Tests for the piecewise-linear rate behind the constant, steps, spike and points curves.
import { describe, expect, it } from 'vitest';
import { PiecewiseRate } from '../../../src/model/traffic/piecewise-rate.ts';

describe('a piecewise rate', () => {
  it('adds no breakpoint where a flat piece continues at the same level', () => {
    const r = new PiecewiseRate([[0, 5], [10, 5], [10, 5], [20, 5]]);
    expect([r.pieceStart(15), r.pieceEnd(15), r.isFlatAt(15)]).toEqual([-Infinity, Infinity, true]);
  });

  it('jumps from the first to the last of several points at one time', () => {
    const r = new PiecewiseRate([[10, 1], [10, 99], [10, 3], [20, 3]]);
    expect([r.rate(9.9), r.rate(10), r.maxRate(0, 20)]).toEqual([1, 3, 3]);
  });

  it('has a left limit at a jump that counts toward the max of a window ending there', () => {
    const r = new PiecewiseRate([[0, 0], [10, 100], [10, 0]]);
    expect(r.rate(10)).toBe(0);
    expect(r.maxRate(5, 10)).toBe(100);
    expect(r.maxRate(10, 20)).toBe(0);
  });

  it('integrates across many pieces in either direction, and over unbounded spans', () => {
    const r = new PiecewiseRate([[0, 0], [1, 2], [2, 0], [3, 2], [4, 0]]);
    expect(r.integral(0, 4)).toBe(4);
    expect(r.integral(4, 0)).toBe(-4);
    expect(r.integral(0.5, 3.5)).toBe(0.75 + 1 + 1 + 0.75);
    expect(r.integral(-Infinity, 100)).toBe(4);
    expect(r.integral(-1, -1)).toBe(0);
  });

  it('gives the same answers whatever order it is asked in', () => {
    const r = new PiecewiseRate([[0, 1], [5, 6], [9, 2], [12, 2], [12, 8]]);
    const times = [11, 0.5, 13, 7, 12, -3, 5, 9.5];
    const first = times.map((t) => [r.rate(t), r.pieceStart(t), r.pieceEnd(t)]);
    const again = times.slice().reverse().map((t) => [r.rate(t), r.pieceStart(t), r.pieceEnd(t)]).reverse();
    expect(again).toEqual(first);
  });

  it('needs at least one point', () => {
    expect(() => new PiecewiseRate([])).toThrow(RangeError);
  });
});
