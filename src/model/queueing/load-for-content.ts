// The inverse of the steady-state queue: which offered load holds a given mean queue.
import type { QueueState } from './steady-state.ts';

/**
 * The offered load u in [lo, hi] whose steady state (`stateAt(u)`, e.g. `queueAtLoad` or a
 * `QueueTable`) holds `target`
 * requests on average, counting only those waiting (`meanQueued`) or also those in service
 * (`meanInSystem`); both grow with u. By the Illinois variant of regula falsi (Dowell &
 * Jarratt, BIT 11, 1971), which keeps the bracket and converges superlinearly: 5–10
 * evaluations where bisection takes 40, and the queue turns sharply near u = 1.
 * A target outside the bracket's values returns the nearer end.
 */
export function loadForContent(
  stateAt: (load: number) => QueueState,
  measure: 'meanQueued' | 'meanInSystem',
  target: number,
  lo: number,
  hi: number,
): number {
  let a = lo;
  let fa = stateAt(a)[measure] - target;
  if (fa >= 0) return a;
  let b = hi;
  let fb = stateAt(b)[measure] - target;
  if (fb <= 0) return b;
  const tolerance = 1e-9 * Math.max(1, Math.abs(target));
  let side = 0;
  let v = a;
  for (let i = 0; i < 60 && b - a > 1e-12 * b; i++) {
    v = (a * fb - b * fa) / (fb - fa);
    const fv = stateAt(v)[measure] - target;
    if (Math.abs(fv) <= tolerance) break;
    if (fv < 0) {
      a = v;
      fa = fv;
      if (side < 0) fb /= 2;
      side = -1;
    } else {
      b = v;
      fb = fv;
      if (side > 0) fa /= 2;
      side = 1;
    }
  }
  return v;
}
