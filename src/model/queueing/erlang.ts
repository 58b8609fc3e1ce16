// Erlang's loss (B) and delay (C) formulas for s parallel servers with Poisson arrivals.

/**
 * Erlang B: the probability that a request finds all `servers` busy in an M/M/s/s loss
 * system (no queue) offered `offeredLoad` = λ·E[S] erlangs. Insensitive to the service
 * distribution (M/G/s/s), so it is also the exact loss of a pool with queueLimit 0.
 *
 * By the recursion 1/B(j) = 1 + (j/a)/B(j−1) (Jagerman, "Some properties of the Erlang loss
 * function", Bell Syst. Tech. J. 53, 1974), started 10√a + 10 servers below min(s, a):
 * an error in the start value shrinks by Π j/a ≈ e^(−(10√a)²/2a) = e^(−50) before it
 * matters, so the cost is O(s − a + √a) rather than O(s), ~1 µs at s = 3,200.
 *
 * @param servers s, a whole number ≥ 0
 * @param offeredLoad a = λ·E[S], erlangs, ≥ 0
 * @returns probability 0–1 (1 when s = 0, 0 when a = 0)
 */
export function erlangB(servers: number, offeredLoad: number): number {
  const a = offeredLoad;
  if (!(a > 0)) return servers > 0 ? 0 : 1;
  if (servers <= 0) return 1;
  const start = Math.max(0, Math.floor(Math.min(servers, a) - 10 * Math.sqrt(a) - 10));
  // inv = 1/B(j); B(j) ≈ 1 − j/a well below a, and the start need not be exact (see above).
  let inv = start === 0 ? 1 : a / (a - start);
  for (let j = start + 1; j <= servers; j++) {
    inv = 1 + (j / a) * inv;
    if (inv > 1e300) return 0; // far below saturation: B underflows a float64
  }
  return 1 / inv;
}

/**
 * Erlang C: the probability that a request waits in an M/M/s queue with an unlimited
 * queue, C = B / (1 − ρ(1 − B)) with ρ = a/s (the standard identity, e.g. Kleinrock,
 * Queueing Systems I, 1975, eq. 3.40). 1 when ρ ≥ 1: every request then waits eventually.
 *
 * @param servers s ≥ 1
 * @param offeredLoad a = λ·E[S], erlangs
 */
export function erlangC(servers: number, offeredLoad: number): number {
  const rho = offeredLoad / servers;
  if (!(rho < 1)) return 1;
  const b = erlangB(servers, offeredLoad);
  return b / (1 - rho * (1 - b));
}
