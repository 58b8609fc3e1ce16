// The stretch of a run worth looking at: when everything happens early in a long run (a canary
// rolled back after three minutes of an hour), the charts open on the events plus some
// aftermath rather than squeezing them into the first pixels. Pure.
import type { Timed } from './playhead.ts';

const ROUND_TO = [60, 120, 300, 600, 900, 1800, 3600, 7200];

/**
 * The end of the focus window, seconds: the last event plus a fifth of the run (at least a
 * minute), rounded up to a round step; or `end` itself when that covers most of the run anyway.
 */
export function focusEnd(events: readonly Timed[], end: number, threshold = 0.6): number {
  if (events.length === 0 || end <= 0) return end;
  const last = events[events.length - 1].t;
  const want = last + Math.max(60, end * 0.2);
  const step = ROUND_TO.find((s) => want / s <= 10) ?? ROUND_TO[ROUND_TO.length - 1];
  const rounded = Math.ceil(want / step) * step;
  return rounded >= end * threshold ? end : rounded;
}
