// A slow, literal reading of R's wilcox.test conf.int code (re-rank from scratch, bisect), used as an independent reference.

/** R's `wdiff(d, zq)`: re-rank c(x − d, y) with average ranks and standardise the rank sum. */
export function naiveWdiff(x: readonly number[], y: readonly number[], d: number, zq: number): number {
  const pooled = [...x.map((v) => ({ v: v - d, fromX: true })), ...y.map((v) => ({ v, fromX: false }))];
  pooled.sort((a, b) => a.v - b.v);
  let rankSumX = 0;
  let ties = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j < pooled.length && pooled[j].v === pooled[i].v) j++;
    const average = (i + 1 + j) / 2; // ranks i+1..j
    for (let k = i; k < j; k++) if (pooled[k].fromX) rankSumX += average;
    ties += (j - i) ** 3 - (j - i);
    i = j;
  }
  const m = x.length;
  const n = y.length;
  const dz = rankSumX - (m * (m + 1)) / 2 - (m * n) / 2;
  const sigma = Math.sqrt(((m * n) / 12) * (m + n + 1 - ties / ((m + n) * (m + n - 1))));
  return (dz - Math.sign(dz) * 0.5) / sigma - zq;
}

/**
 * R's `root(zq)` with the solver replaced by plain bisection run down to adjacent doubles:
 * the exact point where the step function crosses zero, i.e. the limit R and Kayenta
 * approach with their 1e-4 tolerance.
 */
export function naiveRoot(x: readonly number[], y: readonly number[], zq: number): number {
  const f = (d: number) => naiveWdiff(x, y, d, zq);
  let lo = Math.min(...x) - Math.max(...y);
  let hi = Math.max(...x) - Math.min(...y);
  if (f(lo) <= 0) return lo;
  if (f(hi) >= 0) return hi;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return lo;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
}
