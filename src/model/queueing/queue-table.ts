// Steady states of one queue group on a grid of loads: each computed once, interpolated between.
import type { QueueGroup } from './queue-group.ts';
import { queueAtLoad, type QueueState } from './steady-state.ts';

/** Grid steps per unit of −ln(1 − u) below saturation: 1.6% steps in the headroom 1 − u. */
const STEPS_BELOW = 64;
/** Grid steps per unit of load above saturation. */
const STEPS_ABOVE = 256;
/** Headroom below which a load counts as saturated: −ln(1 − u) ≤ 24, 1 − u ≥ 4e-11. */
const MAX_Z = 24;
const SATURATED = MAX_Z * STEPS_BELOW;

/**
 * `queueAtLoad` for one queue shape, cheap enough to call every tick of every pool: exact
 * values on a grid, uniform in z = −ln(1 − u) below saturation (so θ ∝ 1/(1 − u) is
 * interpolated to ~3e-5) and in u above it, with a grid point at u = 1 where the wait law
 * changes; linear interpolation between. Grid points are computed on first use (~1–10 µs
 * each) and kept. States are computed for a mean service time of 1 s and scaled on the way
 * out, since probabilities and queue lengths do not depend on the time unit: a warming
 * instance whose latency eases tick by tick reuses the same table.
 */
export class QueueTable {
  private readonly points = new Map<number, QueueState>();
  private readonly unit: QueueGroup;

  constructor(group: QueueGroup) {
    this.unit = { ...group, serviceMean: 1, arrivalRate: group.arrivalRate * group.serviceMean };
  }

  /** True when `group` has the same queue shape (all but its count, arrival rate and time unit). */
  fits(group: QueueGroup): boolean {
    const u = this.unit;
    return u.servers === group.servers && u.queueLimit === group.queueLimit && u.phases === group.phases &&
      u.serviceScv === group.serviceScv;
  }

  /** Grid points computed so far. */
  get size(): number {
    return this.points.size;
  }

  /** The steady state at offered load `load` for a mean service time of `serviceMean` seconds. */
  at(load: number, serviceMean: number): QueueState {
    const x = load < 1 ? Math.min(SATURATED, -Math.log1p(-Math.max(0, load)) * STEPS_BELOW) : SATURATED + (load - 1) * STEPS_ABOVE;
    const i = Math.floor(x);
    const f = x - i;
    const a = this.point(i);
    const b = f > 0 ? this.point(i + 1) : a;
    const mix = (p: number, q: number): number => p + (q - p) * f;
    return {
      load,
      probReject: mix(a.probReject, b.probReject),
      probWait: mix(a.probWait, b.probWait),
      meanWaitGivenWait: mix(a.meanWaitGivenWait, b.meanWaitGivenWait) * serviceMean,
      waitLaw: a.waitLaw,
      waitScale: mix(a.waitScale, b.waitScale) * serviceMean,
      maxWait: a.maxWait * serviceMean,
      meanQueued: mix(a.meanQueued, b.meanQueued),
      meanInSystem: mix(a.meanInSystem, b.meanInSystem),
    };
  }

  private point(i: number): QueueState {
    let p = this.points.get(i);
    if (!p) {
      const load = i < SATURATED ? -Math.expm1(-i / STEPS_BELOW) : 1 + (i - SATURATED) / STEPS_ABOVE;
      p = queueAtLoad(this.unit, load);
      this.points.set(i, p);
    }
    return p;
  }
}
