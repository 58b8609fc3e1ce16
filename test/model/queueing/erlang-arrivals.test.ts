// E_k/M/s: round-robin's Erlang gaps, checked against the reference's theory and Erlang's formulas.
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC } from '../../../src/model/queueing/erlang.ts';
import { erlangArrivalsLoss, erlangArrivalsWait } from '../../../src/model/queueing/erlang-arrivals.ts';

describe('erlangArrivalsWait', () => {
  it('reproduces the reference E_N/M/1 theory: N = 100, 5,000 requests/s, 10 ms service', () => {
    // simulation-performance.md: σ = 0.2075, sojourn ~ Exp(μ(1 − σ)): mean 12.619 ms,
    // p50 8.747, p90 29.055, p99 58.111.
    const w = erlangArrivalsWait(1, 0.5, 100);
    expect(w.omega).toBeCloseTo(0.2075, 4);
    expect(w.probWait).toBeCloseTo(w.omega, 12); // GI/M/1: P(wait) = ω
    const meanMs = 10 * w.meanWaitGivenWait; // in service times of 10 ms
    expect(meanMs).toBeCloseTo(12.619, 3);
    expect(meanMs * Math.LN2).toBeCloseTo(8.747, 3);
    expect(meanMs * Math.log(10)).toBeCloseTo(29.055, 2);
    expect(meanMs * Math.log(100)).toBeCloseTo(58.111, 2);
  });

  it('is Erlang C for Poisson arrivals', () => {
    const w = erlangArrivalsWait(32, 0.95, 1);
    expect(w.probWait).toBeCloseTo(erlangC(32, 30.4), 14);
    expect(w.meanWaitGivenWait).toBeCloseTo(1 / (32 * 0.05), 12);
  });

  it.each([2, 5, 32, 128, 400])('makes the Takács sum agree with Erlang C at k = 1 for s = %d', (s) => {
    // k = 1 goes to Erlang C directly; a k of 1 + 1e-9 forces the sum through the same numbers.
    const rho = 0.9137;
    const viaSum = erlangArrivalsWait(s, rho, 1 + 1e-9).probWait;
    expect(viaSum).toBeCloseTo(erlangC(s, s * rho), 6);
  });

  it('steps around the removable singularity s(1 − ω) = j', () => {
    // ω = 0.95 for Poisson with s = 32 puts s(1 − ω) = 1.6; at ρ = 0.9375 it is exactly 2.
    const exact = erlangC(32, 30);
    expect(erlangArrivalsWait(32, 0.9375, 1 + 1e-12).probWait).toBeCloseTo(exact, 5);
  });

  it('waits less often and less long as round-robin smooths the arrivals', () => {
    const byPhases = [1, 2, 10, 100].map((k) => erlangArrivalsWait(32, 0.9, k));
    for (let i = 1; i < byPhases.length; i++) {
      expect(byPhases[i].probWait).toBeLessThan(byPhases[i - 1].probWait);
      expect(byPhases[i].meanWaitGivenWait).toBeLessThan(byPhases[i - 1].meanWaitGivenWait);
    }
  });
});

describe('erlangArrivalsLoss', () => {
  it('is Erlang B for Poisson arrivals, below and above saturation', () => {
    expect(erlangArrivalsLoss(32, 0.8, 1)).toBe(erlangB(32, 25.6));
    expect(erlangArrivalsLoss(32, 1.3, 1)).toBe(erlangB(32, 41.6));
  });

  it('matches Erlang B through the general sum as k → 1', () => {
    expect(erlangArrivalsLoss(32, 0.8, 1 + 1e-9)).toBeCloseTo(erlangB(32, 25.6), 7);
  });

  it('loses fewer requests with smoother arrivals; one server loses A*(μ)', () => {
    expect(erlangArrivalsLoss(32, 0.9, 10)).toBeLessThan(erlangArrivalsLoss(32, 0.9, 1));
    // One server, Erlang-k gaps: B = 1/(1 + (1 − φ)/φ) = φ = A*(μ) = (1 + 1/(kρ))^(−k).
    expect(erlangArrivalsLoss(1, 0.5, 3)).toBeCloseTo((1 + 1 / 1.5) ** -3, 14);
  });
});
