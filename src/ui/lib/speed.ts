// Playback speeds: how many simulated seconds pass per second of wall time.

/** The speeds offered, 1× to 3,600× (an hour a second). */
export const SPEEDS = [1, 10, 60, 300, 600, 3600] as const;
export type Speed = (typeof SPEEDS)[number];

/** How long an unattended play-through should take, wall seconds. */
const TARGET_PLAY_S = 40;

/** The slowest speed that plays the whole run in about {@link TARGET_PLAY_S} seconds or less. */
export function defaultSpeed(durationS: number): Speed {
  for (const s of SPEEDS) if (durationS / s <= TARGET_PLAY_S) return s;
  return SPEEDS[SPEEDS.length - 1];
}

/** "60×", "3,600×". */
export function speedLabel(s: number): string {
  return `${s.toLocaleString('en-US')}×`;
}
