// The E_k/M/s queue exactly: s exponential servers fed by Erlang-k gaps, as round-robin makes them.
import { erlangB, erlangC } from './erlang.ts';

/** The waiting-time law of a GI/M/s queue: P(W > t) = probWait · e^(−t/meanWaitGivenWait). */
export interface ErlangArrivalsWait {
  /** Probability that an arriving request finds all servers busy and waits, 0–1. */
  probWait: number;
  /** Mean wait of the requests that wait, in units of the mean service time; exponential. */
  meanWaitGivenWait: number;
  /** ω, the root of ω = A*(sμ(1 − ω)): the queue an arrival finds is geometric with ratio ω. */
  omega: number;
}

/**
 * Steady state of s exponential servers (mean service time 1) fed by renewal arrivals
 * whose gaps are Erlang-k with mean 1/(sρ). Round-robin over N instances from one Poisson
 * stream gives each instance exactly these gaps with k = N; k = 1 is M/M/s.
 *
 * GI/M/s theory (Takács, Introduction to the Theory of Queues, 1962, ch. 4; Gross &
 * Harris, Fundamentals of Queueing Theory, §6.2): with A* the Laplace–Stieltjes transform
 * of a gap, ω ∈ (0, 1) solving ω = A*(s(1 − ω)), φ_j = A*(j) and C_j = Π_{i≤j} φ_i/(1 − φ_i),
 *   P(wait) = D/(1 − ω),  1/D = 1/(1 − ω) + Σ_{j=1..s} C(s,j)/(C_j(1 − φ_j)) ·
 *                                        (s(1 − φ_j) − j)/(s(1 − ω) − j),
 * and the wait of those who wait is exponential with mean 1/(s(1 − ω)). For s = 1 this is
 * P(wait) = ω; for N = 100, λ = 5,000/s, 10 ms it gives the reference's ω = 0.2075 and
 * mean sojourn 12.619 ms. The sum is stable in float64 up to s ≈ 500 (checked against
 * Erlang C at k = 1); above that, or for k = 1, Erlang C itself is used.
 *
 * @param servers s ≥ 1
 * @param rho utilization λE[S]/s, 0 < ρ < 1
 * @param phases k ≥ 1, Erlang phases per gap (squared coefficient of variation 1/k)
 */
export function erlangArrivalsWait(servers: number, rho: number, phases: number): ErlangArrivalsWait {
  const omega = phases === 1 ? rho : solveOmega(rho, phases);
  const meanWaitGivenWait = 1 / (servers * (1 - omega));
  if (phases === 1 || servers > 500) {
    // Poisson arrivals (or too many servers for the sum): Erlang C, scaled by the exact
    // single-server ratio ω/ρ when the gaps are smoother than Poisson.
    const c = erlangC(servers, servers * rho);
    return { probWait: phases === 1 ? c : Math.min(1, (c * omega) / rho), meanWaitGivenWait, omega };
  }
  return { probWait: Math.min(1, takacsDelay(servers, rho, phases, omega)), meanWaitGivenWait, omega };
}

/** A*(x) for Erlang-k gaps of mean 1/(sρ), service rate 1: (kλ/(kλ + x))^k with λ = sρ. */
function gapTransform(x: number, lambda: number, phases: number): number {
  return Math.pow(1 + x / (phases * lambda), -phases);
}

function takacsDelay(s: number, rho: number, k: number, omega: number, nested = false): number {
  // At s(1 − ω) = j the j-th ratio is 0/0; P(wait) is smooth there, so average its neighbours.
  const near = s * (1 - omega);
  if (!nested && omega > 1e-6 && Math.round(near) >= 1 && Math.abs(near - Math.round(near)) < 1e-6) {
    const d = 1e-5;
    return (takacsDelay(s, rho - d, k, solveOmega(rho - d, k), true) + takacsDelay(s, rho + d, k, solveOmega(rho + d, k), true)) / 2;
  }
  const lambda = s * rho;
  let sum = 1 / (1 - omega);
  let cj = 1;
  let binom = 1;
  for (let j = 1; j <= s; j++) {
    const phi = gapTransform(j, lambda, k);
    cj *= phi / (1 - phi);
    binom = (binom * (s - j + 1)) / j;
    const den = s * (1 - omega) - j;
    if (den !== 0) sum += (binom / (cj * (1 - phi))) * ((s * (1 - phi) - j) / den);
  }
  return 1 / sum / (1 - omega);
}

/**
 * The root x = 1 − ω ∈ (0, 1) of ln(1 − x) + k·ln(1 + x/(kρ)) = 0 (the GI/M/s equation in
 * dimensionless form), by safeguarded Newton from the heavy-traffic guess
 * x ≈ 2(1 − ρ)/(1 + 1/k) (Kingman's diffusion limit).
 */
function solveOmega(rho: number, k: number): number {
  let lo = 0;
  let hi = 1;
  let x = Math.min(0.999, (2 * (1 - rho)) / (1 + 1 / k));
  for (let i = 0; i < 60; i++) {
    const h = Math.log1p(-x) + k * Math.log1p(x / (k * rho));
    // h > 0 below the root, < 0 above it.
    if (h > 0) lo = x;
    else hi = x;
    const dh = -1 / (1 - x) + 1 / (rho + x / k);
    let next = x - h / dh;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) < 1e-15) {
      x = next;
      break;
    }
    x = next;
  }
  return 1 - x;
}

/**
 * Loss probability of s exponential servers with no waiting room fed by Erlang-k gaps of
 * mean 1/(sρ) (mean service time 1): GI/M/s/s (Takács 1962; Cohen, "The generalized Engset
 * formulae", Philips Telecom. Rev. 18, 1957): 1/B = Σ_{j=0..s} C(s,j) Π_{i≤j} (1 − φ_i)/φ_i
 * with φ_i = A*(i). k = 1 is Erlang B, which holds for any service distribution.
 *
 * @param servers s ≥ 1
 * @param rho offered load per server λE[S]/s, > 0 (may exceed 1)
 * @param phases k ≥ 1
 */
export function erlangArrivalsLoss(servers: number, rho: number, phases: number): number {
  if (phases === 1) return erlangB(servers, servers * rho);
  const lambda = servers * rho;
  let sum = 1;
  let term = 1;
  for (let j = 1; j <= servers; j++) {
    const phi = gapTransform(j, lambda, phases);
    term *= (((servers - j + 1) / j) * (1 - phi)) / phi;
    sum += term;
    if (sum > 1e300) return 0; // far below saturation: the loss underflows a float64
  }
  return 1 / sum;
}
