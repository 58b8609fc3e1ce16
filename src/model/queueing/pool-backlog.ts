// A pool's queue carried from tick to tick: filling toward steady state, overflowing, draining.
import { binomial } from '../../engine/distributions/binomial.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import { loadForContent } from './load-for-content.ts';
import { queueGroupInto, type PoolQueueInput, type QueueGroup } from './queue-group.ts';
import { rbmFill } from './rbm-transient.ts';
import { QueueTable } from './queue-table.ts';
import type { QueueState } from './steady-state.ts';
import { WaitMixture } from './wait-mixture.ts';

/**
 * A pool that changes shape under overload keeps a steady-state part of at most this load and
 * the rest as fluid: an overloaded queue is concentrated, not spread like one near ρ = 1.
 */
const FLUID_LOAD = 0.98;

/**
 * The queue of one pool across ticks, in two parts per queue (per instance, or one shared):
 *
 * - `load`: the queue looks like the steady-state queue (`queueAtLoad`) at this offered
 *   load. Below the load actually offered, ρ, it climbs the way reflected Brownian motion
 *   does from empty (`rbmFill`), not at once: near saturation a queue takes tens of seconds to
 *   reach its steady state, so a steady-state formula overstates a minute's p99 (at ρ = 0.96,
 *   100 single-slot instances, 10 ms: +4% against six simulated minutes; this fill: +0.4%).
 * - `excess`: requests queued beyond that steady state, after a surge or a capacity drop,
 *   as a fluid: b′ = arrivals − capacity, floored at 0 and capped by the queue limit (what
 *   passes the cap is rejected). The first of it take the slots the steady state leaves
 *   idle; the rest queue FIFO, so every request behind them waits (excess − idle)/(sμ) on top
 *   of the steady-state wait; over a tick of linear change that wait is uniform.
 *
 * Above saturation a finite queue still has a steady state: full, rejecting 1 − 1/ρ of
 * arrivals. The fluid fills toward it and, once there, the pool is that state; an overload
 * that changes size moves to its new full state at once (a full queue rejects the surplus).
 */
export class PoolBacklog {
  /** Offered load of the steady-state queue the pool's queues look like. */
  load = 0;
  /** Requests waiting per queue beyond that steady state, served first-come first-served. */
  excess = 0;
  /** Waits of the requests that arrived in the last tick (fractions of them; seconds). */
  readonly waits = new WaitMixture();
  /** Requests that arrived in the last tick. */
  arrivals = 0;
  /** Of them rejected (queue full): a binomial draw with an rng, else the expected count. */
  dropped = 0;
  /** Of them accepted, to be served with the waits of `waits`. */
  served = 0;
  /** Probability an arrival was rejected in the last tick, 0–1. */
  probReject = 0;
  private group: QueueGroup | null = null;
  /** This tick's group, rewritten every tick; `group` keeps a copy when the shape changes. */
  private readonly tickGroup: QueueGroup = { count: 0, servers: 0, queueLimit: 0, arrivalRate: 0, phases: 0, serviceMean: 0, serviceScv: 0 };
  private table: QueueTable | null = null;
  private readonly stateAtLoad = (u: number): QueueState => this.stateAt(u);

  /** Mean requests waiting in the whole pool (steady-state queue plus excess, less idle slots). */
  get queued(): number {
    if (!this.group) return 0;
    const here = this.stateAt(this.load);
    const idle = Math.max(0, this.group.servers - (here.meanInSystem - here.meanQueued));
    return this.group.count * (here.meanQueued + Math.max(0, this.excess - idle));
  }

  /**
   * Advances one tick of `dt` seconds in which `arrivals` requests arrived at the pool,
   * offered at `pool.arrivalRate` requests/s: the traffic curve's rate, not the drawn count,
   * so that one tick's Poisson noise does not tip a 0.99 pool into overload (the fluid part
   * does follow the count). Sets `waits`, `dropped`, `served` and `probReject`; with `rng`
   * the drops are a binomial draw. ~0.5–2 µs a tick once its steady-state table is warm.
   */
  advance(pool: PoolQueueInput, arrivals: number, dt: number, rng?: RandomStream): void {
    const g = queueGroupInto(pool, this.tickGroup);
    if (!this.group || !sameGroup(g, this.group)) this.regroup({ ...g });
    const rate = g.servers / g.serviceMean; // completions/s with every server busy
    const rho = (g.arrivalRate * g.serviceMean) / g.servers;
    const lam = arrivals / dt / g.count; // requests/s arriving at one queue in this tick
    const waits = this.waits;
    waits.clear();
    if (rho >= 1 && this.load >= 1) {
      this.load = rho;
      this.excess = 0;
    } else if (rho < 1 && this.load > rho) {
      // More is queued than the steady state at the new load holds: the surplus is fluid.
      this.excess += this.stateAt(this.load).meanInSystem - this.stateAt(rho).meanInSystem;
      this.load = rho;
    }
    let rejected = 0; // per queue, over the tick
    let span = dt; // seconds of the tick not yet accounted for
    if (this.excess === 0 && this.load < rho && rho < 1) {
      const start = this.stateAt(this.load);
      const goal = this.stateAt(rho);
      const from = start.meanQueued / goal.meanQueued;
      // Within 0.1% of the steady-state queue (a load drifting tick by tick) counts as there.
      const reached = from > 0.999 ? 1 : rbmFill(from, dt, rate * (1 - rho), rate * (rho / g.phases + g.serviceScv), g.queueLimit);
      if (reached > 0.999 || !(goal.meanQueued > 0)) this.load = rho;
      else {
        this.load = loadForContent(this.stateAtLoad, 'meanQueued', reached * goal.meanQueued, this.load, rho);
        const end = this.stateAt(this.load);
        // The tick's requests see the queue of its start and of its end, half each.
        waits.pushQueueState(start, 0.5, 0, 0);
        waits.pushQueueState(end, 0.5, 0, 0);
        rejected += (lam * dt * (start.probReject + end.probReject)) / 2;
        span = 0;
      }
    }
    if (span > 0) rejected += this.fluid(g, rho, rate, lam, dt);
    const probReject = lam > 0 ? Math.min(1, rejected / (lam * dt)) : this.stateAt(this.load).probReject;
    this.arrivals = arrivals;
    this.probReject = probReject;
    this.dropped = rng ? binomial(rng, arrivals, probReject) : arrivals * probReject;
    this.served = arrivals - this.dropped;
  }

  /** Empties the queue. */
  reset(): void {
    this.load = 0;
    this.excess = 0;
    this.group = null;
    this.table = null;
  }

  /** The tick with the steady-state part where it is and the excess moving; returns rejections per queue. */
  private fluid(g: QueueGroup, rho: number, rate: number, lam: number, dt: number): number {
    const here = this.stateAt(this.load);
    const waits = this.waits;
    const e0 = this.excess;
    // The first of the excess take the slots the steady state leaves idle; the rest queue.
    const idle = Math.max(0, g.servers - (here.meanInSystem - here.meanQueued));
    if (rho >= 1 && this.load < 1) {
      // Overload: the surplus grows until the queue holds what the finite steady state at ρ
      // holds. Growth is the fluid line or, near ρ = 1 where that line is flat, the √(2vt/π)
      // spread of reflected Brownian motion, whichever is ahead.
      const full = this.stateAt(rho);
      const room = Math.max(e0, full.meanInSystem - here.meanInSystem);
      const surplus = lam - rate;
      const variance = lam / g.phases + rate * g.serviceScv;
      const tFluid = surplus > 0 ? (room - e0) / surplus : Infinity;
      const tSpread = ((room * room - e0 * e0) * Math.PI) / (2 * variance);
      const tGrow = Math.min(dt, tFluid, tSpread);
      const e1 = tGrow < dt ? room : Math.max(e0 + surplus * dt, Math.sqrt(e0 * e0 + (2 * variance * dt) / Math.PI));
      waits.pushQueueState(here, tGrow / dt, ahead(e0, idle, rate), ahead(e1, idle, rate));
      if (tGrow === dt) {
        this.excess = e1;
        return lam * dt * here.probReject;
      }
      this.load = rho;
      this.excess = 0;
      waits.pushQueueState(full, (dt - tGrow) / dt, 0, 0);
      return lam * tGrow * here.probReject + overloadRejects(full, lam, g.arrivalRate, dt - tGrow);
    }
    if (rho >= 1) {
      waits.pushQueueState(here, 1, 0, 0);
      return overloadRejects(here, lam, g.arrivalRate, dt);
    }
    if (!(e0 > 0)) {
      waits.pushQueueState(here, 1, 0, 0);
      return lam * dt * here.probReject;
    }
    // Below saturation the surplus drains at capacity minus accepted arrivals, FIFO (or, if
    // this tick's draw exceeds capacity, grows, and what passes the queue limit is lost).
    const drain = rate - lam * (1 - here.probReject);
    const tDrain = drain > 0 ? Math.min(dt, e0 / drain) : dt;
    const grown = tDrain < dt ? 0 : e0 - drain * dt;
    const e1 = Math.min(grown, g.servers + g.queueLimit - here.meanInSystem);
    waits.pushQueueState(here, tDrain / dt, ahead(Math.min(e0, e1), idle, rate), ahead(Math.max(e0, e1), idle, rate));
    waits.pushQueueState(here, (dt - tDrain) / dt, 0, 0);
    this.excess = e1;
    return grown - e1 + lam * dt * here.probReject;
  }

  /** Keeps the pool's queued requests when its shape changes (instances, slots, service). */
  private regroup(g: QueueGroup): void {
    const old = this.group;
    const content = old ? old.count * (this.stateAt(this.load).meanInSystem + this.excess) : 0;
    this.group = g;
    if (!this.table || !this.table.fits(g)) this.table = new QueueTable(g);
    const rho = (g.arrivalRate * g.serviceMean) / g.servers;
    const cap = Math.min(rho, FLUID_LOAD);
    const perQueue = content / g.count;
    const atCap = this.stateAt(cap).meanInSystem;
    this.load = perQueue >= atCap ? cap : loadForContent(this.stateAtLoad, 'meanInSystem', perQueue, 0, cap);
    this.excess = Math.max(0, perQueue - atCap);
  }

  private stateAt(u: number): QueueState {
    return this.table!.at(u, this.group!.serviceMean);
  }
}

/**
 * The wait, seconds, of a request behind `excess` queued requests of which the first `idle`
 * take free slots, at `rate` completions/s. A function rather than a closure in `fluid`,
 * which would be allocated every tick.
 */
function ahead(excess: number, idle: number, rate: number): number {
  return Math.max(0, excess - idle) / rate;
}

/**
 * Rejections per queue over `span` seconds of a full, overloaded queue: every arrival beyond
 * what it accepts on average (≈ capacity). A full queue turns a tick's surplus arrivals into
 * rejections one for one, so the draw's noise goes to the drops, not to the queue.
 */
function overloadRejects(full: QueueState, lam: number, offered: number, span: number): number {
  return Math.max(0, (lam - offered * (1 - full.probReject)) * span);
}

function sameGroup(a: QueueGroup, b: QueueGroup): boolean {
  return a.count === b.count && a.servers === b.servers && a.queueLimit === b.queueLimit && a.phases === b.phases &&
    a.serviceMean === b.serviceMean && a.serviceScv === b.serviceScv;
}
