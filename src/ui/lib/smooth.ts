// A traffic-weighted moving average for the metrics charts: per-second samples of a version
// with a few requests each are mostly noise, and a rate over a few samples reads like the
// dashboards (and the analysis windows) students will meet. Pure.

/**
 * Centered moving average of `values` over `window` samples, each weighted by `weights`
 * (requests); null where the window holds no weight (the version got no traffic).
 */
export function weightedMovingAverage(values: ArrayLike<number>, weights: ArrayLike<number>, window: number): (number | null)[] {
  const n = values.length;
  const half = Math.floor(Math.max(1, window) / 2);
  const out: (number | null)[] = new Array(n).fill(null);
  // Prefix sums make every window O(1).
  const sw = new Float64Array(n + 1);
  const swx = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const w = weights[i] > 0 && Number.isFinite(values[i]) ? weights[i] : 0;
    sw[i + 1] = sw[i] + w;
    swx[i + 1] = swx[i] + w * (w > 0 ? values[i] : 0);
  }
  for (let i = 0; i < n; i++) {
    if (!(weights[i] > 0)) continue;
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i + half + 1);
    const w = sw[hi] - sw[lo];
    out[i] = w > 0 ? (swx[hi] - swx[lo]) / w : null;
  }
  return out;
}

/** Samples to average so a chart shows about `points` independent values: 1 (no smoothing) for short series. */
export function smoothingWindow(samples: number, points = 150): number {
  const w = Math.floor(samples / points);
  return w <= 1 ? 1 : w % 2 === 0 ? w + 1 : w;
}

/** The traffic-weighted mean of the `window` samples ending at `i` (what "right now" reads); null without traffic. */
export function trailingMean(values: ArrayLike<number>, weights: ArrayLike<number>, i: number, window: number): number | null {
  let w = 0;
  let wx = 0;
  for (let j = Math.max(0, i - Math.max(1, window) + 1); j <= i && j < values.length; j++) {
    if (!(weights[j] > 0) || !Number.isFinite(values[j])) continue;
    w += weights[j];
    wx += weights[j] * values[j];
  }
  return w > 0 ? wx / w : null;
}
