// The upper tail of the standard normal, accurate far out: the aggregate model's share of
// lognormal latencies above the SLO or the timeout.
import { erfc } from './latency-histogram.ts';

/** P(Z > z) for a standard normal. */
export function survival(z: number): number {
  return 0.5 * erfc(z * Math.SQRT1_2);
}
