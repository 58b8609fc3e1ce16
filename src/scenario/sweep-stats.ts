// The statistics a sweep reports: proportions with Wilson score intervals and exact
// quantiles of the raw per-run values. Exact, so that shards merged give the same numbers
// as one sweep over every seed (no sketches, no streaming approximations).

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/** A proportion: `count` of `n` runs, the point estimate and its 95% Wilson interval. */
export interface Rate {
  count: number;
  n: number;
  /** count / n (0 when n = 0). */
  value: number;
  /** Lower end of the 95% Wilson score interval. */
  low: number;
  /** Upper end of the 95% Wilson score interval. */
  high: number;
}

/**
 * The Wilson score interval (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it over the
 * normal "Wald" interval, which collapses to a point at 0 and 1 — exactly where a sweep of a
 * reliable rollout plan lands). Numbers rounded to 6 decimals so output stays short.
 */
export function wilson(count: number, n: number, z = Z95): Rate {
  if (n === 0) return { count, n, value: 0, low: 0, high: 1 };
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { count, n, value: round6(p), low: round6(Math.max(0, centre - half)), high: round6(Math.min(1, centre + half)) };
}

/** Quantiles of one measure over the runs that have it (`n` of them). */
export interface Quantiles {
  n: number;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

/**
 * p5, p50 and p95 of `values` (nulls and NaN left out), by linear interpolation between
 * order statistics — R's type 7, numpy's and d3's default.
 */
export function quantiles(values: Iterable<number | null>): Quantiles {
  const sorted: number[] = [];
  for (const v of values) if (v !== null && !Number.isNaN(v)) sorted.push(v);
  sorted.sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n, p5: null, p50: null, p95: null };
  return { n, p5: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

/** The p-quantile (0–1) of ascending `sorted`, type 7. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return round6(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
