// Sorted Float64Array copies of samples and the tie bookkeeping that rank tests need.

/**
 * Copy a sample into a new ascending `Float64Array`.
 *
 * The typed-array sort is numeric and native, which is why the rank code works on these
 * copies rather than on plain arrays. NaN has no rank, so it is rejected here: callers
 * clean NaNs first (the Kayenta classifier does, following its `nanStrategy`).
 *
 * @param values the sample, any `ArrayLike<number>` (plain array, typed array)
 * @param label names the sample in the error message
 * @throws RangeError when the sample contains NaN
 */
export function sortedCopy(values: ArrayLike<number>, label = 'sample'): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) throw new RangeError(`${label} contains NaN at index ${i}`);
    out[i] = v;
  }
  return out.sort();
}

/**
 * Σ (t³ − t) over the runs of equal values in an ascending array: the tie term of the
 * Mann-Whitney variance. Runs of length 1 contribute nothing.
 */
export function tieTerm(sorted: Float64Array): number {
  let sum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const t = j - i;
    sum += t * t * t - t;
    i = j;
  }
  return sum;
}

/** Rank sum of the first sample and the tie term of the pooled sample. */
export interface PooledRanks {
  /** Sum of the first sample's ranks (1-based, ties get the average rank). */
  rankSumX: number;
  /** Σ (t³ − t) over tie groups of the pooled sample. */
  tieTerm: number;
}

/**
 * Rank the pooled sample x ∪ y by merging two ascending arrays, giving every member of a
 * tie group the average of the ranks it spans (what R's `rank()` and scipy's `rankdata`
 * do by default). Linear in m + n once the inputs are sorted.
 */
export function pooledRanks(xs: Float64Array, ys: Float64Array): PooledRanks {
  let i = 0;
  let j = 0;
  let rank = 0; // ranks used so far
  let rankSumX = 0;
  let ties = 0;
  while (i < xs.length || j < ys.length) {
    const v = j >= ys.length || (i < xs.length && xs[i] <= ys[j]) ? xs[i] : ys[j];
    let cx = 0;
    let cy = 0;
    while (i < xs.length && xs[i] === v) { i++; cx++; }
    while (j < ys.length && ys[j] === v) { j++; cy++; }
    const t = cx + cy;
    rankSumX += cx * (rank + (t + 1) / 2);
    ties += t * t * t - t;
    rank += t;
  }
  return { rankSumX, tieTerm: ties };
}

/** True when two ascending arrays hold the same multiset of values. */
export function sameSorted(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
