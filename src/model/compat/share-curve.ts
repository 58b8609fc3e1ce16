// A share that changes over time: an app version's adoption curve, as [time s, share]
// points linearly interpolated and held flat before the first and after the last.

/** The curve's value at `t` seconds. `points` sorted by time, at least one. */
export function shareAt(points: readonly (readonly [number, number])[], t: number): number {
  if (t <= points[0][0]) return points[0][1];
  for (let k = 1; k < points.length; k++) {
    const [t1, s1] = points[k];
    if (t < t1) {
      const [t0, s0] = points[k - 1];
      return s0 + ((s1 - s0) * (t - t0)) / (t1 - t0);
    }
  }
  return points[points.length - 1][1];
}
