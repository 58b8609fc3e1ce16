// The player's position in a finished run: a simulated time and the event it has reached.
// Pure: stepping and scrubbing only index into the run's results; nothing re-runs.

/** Where the player is. `k` is the index of the latest event reached (-1: before the first). */
export interface Playhead {
  /** Simulated seconds since the scenario started. */
  t: number;
  /** Index into the run's events of the current event, -1 before the first. */
  k: number;
}

/** Anything with a simulated time, seconds. */
export interface Timed {
  t: number;
}

/** Index of the last value ≤ x in an ascending array, or -1 when every value is greater. */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the last event at or before `t` (-1 when none has happened yet). */
export function eventIndexAt(events: readonly Timed[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Index of the timeline sample that describes time `t`: the last sample at or before it, or
 * the first sample when `t` precedes them all (samples start one step after time 0).
 */
export function sampleIndexAt(times: ArrayLike<number>, t: number): number {
  if (times.length === 0) return -1;
  return Math.max(0, lastAtOrBefore(times, t));
}

/** The playhead at time `t` (clamped to 0…end), having reached every event up to `t`. */
export function seek(events: readonly Timed[], t: number, end: number): Playhead {
  const clamped = Math.min(Math.max(t, 0), end);
  return { t: clamped, k: eventIndexAt(events, clamped) };
}

/** One event forward; at the last event, the playhead stays. */
export function nextEvent(p: Playhead, events: readonly Timed[]): Playhead {
  if (p.k + 1 >= events.length) return p;
  return { t: Math.max(p.t, events[p.k + 1].t), k: p.k + 1 };
}

/**
 * One event back. From between two events it returns to the one last reached (as a video
 * player's "previous" returns to the start of the current chapter); from an event, to the
 * one before it; from the first event, to time 0.
 */
export function previousEvent(p: Playhead, events: readonly Timed[]): Playhead {
  if (p.k < 0) return { t: 0, k: -1 };
  if (p.t > events[p.k].t) return { t: events[p.k].t, k: p.k };
  if (p.k === 0) return { t: 0, k: -1 };
  return { t: events[p.k - 1].t, k: p.k - 1 };
}

/** Moves the playhead forward by `dt` simulated seconds, reaching any events on the way. */
export function advance(p: Playhead, events: readonly Timed[], dt: number, end: number): Playhead {
  const t = Math.min(p.t + dt, end);
  return { t, k: Math.max(p.k, eventIndexAt(events, t)) };
}

/** "event 3 of 13" counts from 1; before the first event it is 0. */
export function eventOrdinal(p: Playhead): number {
  return p.k + 1;
}
