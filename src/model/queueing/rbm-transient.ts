// How fast a queue started empty approaches its steady-state mean: reflected Brownian motion.
import { erfc } from '../metrics/latency-histogram.ts';

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * H(t) = E[R(t)] / E[R(∞)] for reflected Brownian motion R with drift −1 and variance 1
 * started at 0 (Abate & Whitt, "Transient behavior of regulated Brownian motion, I:
 * starting at the origin", Adv. Appl. Prob. 19, 1987, their H₁):
 *   H(t) = 1 − 2(1 + t)·Φc(√t) + 2√t·φ(√t),
 * checked against the integral of P(sup_{s≤t} B(s) − s > x). A queue with net drift −m
 * (requests/s) and variance v (requests²/s) is R on the clock t·m²/v, so its mean queue at t
 * is H(t·m²/v) times the steady-state mean. H(t) ≈ 1.6√t at first and 0.85 at t = 1.
 *
 * @param t time in units of v/m², ≥ 0
 * @returns fraction 0–1 of the steady-state mean reached
 */
export function rbmMeanFromEmpty(t: number): number {
  if (!(t > 0)) return 0;
  if (t > 60) return 1;
  const r = Math.sqrt(t);
  return 1 - (1 + t) * erfc(r * Math.SQRT1_2) + 2 * r * INV_SQRT_2PI * Math.exp(-t / 2);
}

/**
 * The inverse of `rbmMeanFromEmpty`: the scaled age at which the mean has reached the
 * fraction `h` (0–1) of its steady state; Infinity for h ≥ 1. Newton's method on r = √t,
 * where H is smooth and dH/dr = 4φ(r) − 2r·erfc(r/√2) > 0, kept inside a shrinking bracket:
 * 3–6 steps from the small-age start r ≈ h/1.596.
 */
export function rbmAgeForMean(h: number): number {
  if (!(h > 0)) return 0;
  if (h >= 1 || rbmMeanFromEmpty(60) <= h) return Infinity;
  let lo = 0;
  let hi = Math.sqrt(60);
  let r = Math.min(h / 1.5957691216057308, hi / 2);
  for (let i = 0; i < 60; i++) {
    const f = rbmMeanFromEmpty(r * r) - h;
    if (f < 0) lo = r;
    else hi = r;
    const slope = 4 * INV_SQRT_2PI * Math.exp((-r * r) / 2) - 2 * r * erfc(r * Math.SQRT1_2);
    let next = r - f / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - r) <= 1e-12 * (1 + r)) return next * next;
    r = next;
  }
  return r * r;
}

/**
 * How far a queue filling toward its steady state gets in `dt` seconds: from `fraction`
 * (0–1) of the steady-state mean queue to the returned fraction. The queue is reflected
 * Brownian motion with net drift −`drift` (requests/s: capacity minus arrivals) and
 * `variance` (requests²/s: λc_a² + sμc_s², the heavy-traffic diffusion of Iglehart & Whitt,
 * "Multiple channel queues in heavy traffic", Adv. Appl. Prob. 2, 1970), and a queue
 * part-way there is given the age at which H reaches its fraction. A waiting room of `room`
 * requests also bounds the relaxation: the slowest mode of the motion on [0, room] decays
 * at m²/2v + π²v/2room², so m² counts as m² + (πv/room)².
 */
export function rbmFill(fraction: number, dt: number, drift: number, variance: number, room: number): number {
  const bounded = (Math.PI * variance) / Math.max(1, room);
  const clock = (drift * drift + bounded * bounded) / variance; // scaled time per second
  return rbmMeanFromEmpty(rbmAgeForMean(fraction) + dt * clock);
}
