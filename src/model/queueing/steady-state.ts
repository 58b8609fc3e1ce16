// Steady state of a pool's queue at a given load: who waits, how long, who is rejected.
import { erlangB, erlangC } from './erlang.ts';
import { erlangArrivalsLoss, erlangArrivalsWait } from './erlang-arrivals.ts';
import { queueGroup, type PoolQueueInput, type QueueGroup } from './queue-group.ts';

/** One queue of a pool in steady state at offered load `load`. Times in seconds. */
export interface QueueState {
  /** Offered load per server, ρ = λ·E[S]/s; above 1 the queue is full most of the time. */
  load: number;
  /** Probability an arriving request is rejected because the queue is full, 0–1. */
  probReject: number;
  /** Probability a served (accepted) request waits for a slot, 0–1. */
  probWait: number;
  /** Mean wait of the served requests that wait, seconds. */
  meanWaitGivenWait: number;
  /**
   * How those waits spread. `exponential`: Exp(mean `waitScale`) cut off at `maxWait`.
   * `uniform`: uniform on [`waitScale`, `maxWait`] (an overloaded queue, nearly full).
   */
  waitLaw: 'exponential' | 'uniform';
  /** Mean of the exponential, or the lower end of the uniform, seconds. */
  waitScale: number;
  /** Longest wait: a full queue served at s/E[S] requests/s, seconds. */
  maxWait: number;
  /** Mean requests waiting in one queue (Little: λ·P(wait)·E[wait | wait]). */
  meanQueued: number;
  /** Mean requests in one queue's system, waiting or in service. */
  meanInSystem: number;
}

/** The pool in steady state at its offered arrival rate. */
export interface PoolSteadyState extends QueueState {
  /** The queue the pool behaves as (see `queueGroup`). */
  group: QueueGroup;
  /** Requests/s the pool serves: arrivalRate × (1 − probReject). */
  throughput: number;
}

/** Steady state of `pool` at its arrival rate: `queueAtLoad` on its `queueGroup`. */
export function steadyState(pool: PoolQueueInput): PoolSteadyState {
  const group = queueGroup(pool);
  const state = queueAtLoad(group, (group.arrivalRate * group.serviceMean) / group.servers);
  return { ...state, group, throughput: pool.arrivalRate * (1 - state.probReject) };
}

/**
 * Steady state of one s-server queue with a waiting room of K at offered load u, as a
 * truncated geometric queue: an arrival finds a free server (weight h), all servers busy and
 * j = 0…K−1 waiting (weight r^j), or a full queue and is rejected (weight ψ·r^K). For
 * M/M/s/K this is exact with h = 1/B(s, su) − 1 (Erlang B), r = u and ψ = 1. Otherwise:
 *
 * - Below saturation, P(wait) = Π and the exponential wait of those who wait, θ, come from
 *   the exact E_k/M/s theory (`erlangArrivalsWait`; Erlang C for Poisson arrivals), θ scaled
 *   by κ = (c_a² + c_s²)/(c_a² + 1) for a non-exponential service: the two-moment correction
 *   of Lee & Longton (1959) and Allen–Cunneen for M/G/s, Kingman's (1961) heavy-traffic
 *   factor for GI/G/1, and exact for M/G/1 (Pollaczek–Khinchine). Then r = 1 − 1/(sμθ)
 *   (the queue found is geometric with that mean wait) and h = (1 − Π)/(Π(1 − r)), which
 *   give back Π and θ when K = ∞.
 * - ψ is set so that K = 0 gives the exact loss of the bufferless system, B₀
 *   (`erlangArrivalsLoss`: Erlang B for Poisson arrivals, insensitive to the service law):
 *   ψ = h·B₀/(1 − B₀). It lowers rejections below M/M/s/K's when arrivals or service are
 *   smoother than exponential, as the diffusion limit does (there the loss rate at the
 *   boundary scales with (c_a² + c_s²)/2: with ψ = 1, round-robin at K = 5 was rejected 2.6×
 *   too often against simulation).
 * - At u ≥ 1 (a finite queue still has a steady state) h continues as h_MM(u)·κ·γ, with γ
 *   the ratio of h to its M/M value just below u = 1 (1 for Poisson arrivals), and
 *   r = 1 + (u − 1)/ψ, which keeps the throughput at capacity as K grows (rejections →
 *   1 − 1/u) and makes every quantity continuous at u = 1.
 *
 * Waits: Exp(θ) cut at maxWait = K/(sμ) below saturation; at u ≥ 1 the queue sits near full
 * and the wait is taken as uniform with the same mean, ending at maxWait.
 */
export function queueAtLoad(group: QueueGroup, load: number): QueueState {
  const s = group.servers;
  const k = group.queueLimit;
  const rate = s / group.serviceMean; // service completions/s with every server busy
  const maxWait = k / rate;
  if (!(load > 0)) return idle(0, s, maxWait);
  const ca2 = 1 / group.phases;
  const kappa = (ca2 + group.serviceScv) / (ca2 + 1);
  let h: number;
  let q: number; // 1 − r
  let theta = 0;
  if (load < 1) {
    const w = erlangArrivalsWait(s, load, group.phases);
    // Smooth arrivals and smooth service together wait less often but longer (KLB split).
    const split = ca2 < 1 ? klb(load, ca2, group.serviceScv) / klb(load, ca2, 1) : 1;
    const probWait = w.probWait * split;
    theta = (w.meanWaitGivenWait * group.serviceMean * kappa) / split;
    if (!(probWait > 0) || !(theta > 0)) return idle(load, s, maxWait);
    q = Math.min(1, 1 / (rate * theta));
    h = (1 - probWait) / (probWait * q);
  } else {
    h = (1 / erlangB(s, s * load) - 1) * kappa * arrivalCorrection(s, group.phases);
    q = NaN; // set from ψ below
  }
  const loss = erlangArrivalsLoss(s, load, group.phases);
  const psi = loss > 0 ? (h * loss) / (1 - loss) : 0;
  if (load >= 1) q = -(load - 1) / psi;
  // Weights of "waits" (j < K) and "rejected" (j = K), normalised so that r > 1 cannot overflow.
  const lnr = q < 1 ? Math.log1p(-q) : -Infinity;
  let waitWeight: number;
  let rejectWeight: number;
  let freeWeight: number;
  if (lnr <= 0) {
    const rK = k === 0 ? 1 : Math.exp(k * lnr);
    waitWeight = Math.abs(q) > 1e-12 ? (1 - rK) / q : k;
    rejectWeight = psi * rK;
    freeWeight = h;
  } else {
    const rInvK = Math.exp(-k * lnr);
    waitWeight = -(1 - rInvK) / q; // Σ_{j<K} r^(j−K)
    rejectWeight = psi;
    freeWeight = h * rInvK;
  }
  const total = freeWeight + waitWeight + rejectWeight;
  const probReject = rejectWeight / total;
  const probWaitArrival = waitWeight / total;
  const probWait = probReject < 1 ? probWaitArrival / (1 - probReject) : 0;

  let meanWaitGivenWait: number;
  let waitLaw: QueueState['waitLaw'];
  let waitScale: number;
  if (load < 1) {
    // Mean of Exp(θ) given ≤ T: θ − T/(e^(T/θ) − 1), → T/2 as T/θ → 0.
    const cut = maxWait / theta;
    meanWaitGivenWait = cut > 700 ? theta : cut < 1e-6 ? maxWait / 2 : theta - maxWait / Math.expm1(cut);
    waitLaw = 'exponential';
    waitScale = theta;
  } else {
    // Density ∝ e^(βw) on [0, maxWait], β = sμ·ln r: mean = T − 1/β + T/(e^(βT) − 1).
    const bt = rate * lnr * maxWait;
    meanWaitGivenWait = bt < 1e-6 ? maxWait / 2 : bt > 700 ? maxWait - maxWait / bt : maxWait - maxWait / bt + maxWait / Math.expm1(bt);
    waitLaw = 'uniform';
    waitScale = Math.max(0, 2 * meanWaitGivenWait - maxWait);
  }
  const arrivalRate = load * rate;
  const meanQueued = arrivalRate * probWaitArrival * meanWaitGivenWait;
  return {
    load,
    probReject,
    probWait,
    meanWaitGivenWait,
    waitLaw,
    waitScale,
    maxWait,
    meanQueued,
    meanInSystem: s * load * (1 - probReject) + meanQueued,
  };
}

/** Far enough below saturation that nobody waits (P(wait) underflows). */
function idle(load: number, servers: number, maxWait: number): QueueState {
  return { load, probReject: 0, probWait: 0, meanWaitGivenWait: 0, waitLaw: 'exponential', waitScale: 0, maxWait, meanQueued: 0, meanInSystem: servers * load };
}

/**
 * γ: how Erlang-k gaps change h (the weight of finding a free server) relative to Poisson,
 * read just below saturation where GI/M/s theory still applies; 1 for Poisson arrivals.
 */
function arrivalCorrection(servers: number, phases: number): number {
  if (phases === 1) return 1;
  const u = 1 - 1e-6;
  const w = erlangArrivalsWait(servers, u, phases);
  const c = erlangC(servers, servers * u);
  // h = (1 − Π)/(Π(1 − ω)) against M/M/s's (1 − C)/(C(1 − u)).
  return ((1 - w.probWait) / (w.probWait * (1 - w.omega))) / ((1 - c) / (c * (1 - u)));
}

/**
 * Krämer & Langenbach-Belz's correction to the GI/G/1 mean wait for c_a² ≤ 1 ("Approximate
 * formulae for the delay in the queueing system GI/G/1", 8th Int. Teletraffic Congress, 1976):
 * g = exp(−2(1 − ρ)(1 − c_a²)² / (3ρ(c_a² + c_s²))). Its ratio between c_s² and 1 moves the
 * wait from "how often" to "how long" when both arrivals and service are smooth: with
 * round-robin over 100 single-slot instances and c_s² = 0.52 it took the p50 error from +10%
 * to +4% and the p99 error from −12% to −5% against simulation, the mean unchanged.
 */
function klb(rho: number, ca2: number, cs2: number): number {
  return Math.exp((-2 * (1 - rho) * (1 - ca2) * (1 - ca2)) / (3 * rho * (ca2 + cs2)));
}
