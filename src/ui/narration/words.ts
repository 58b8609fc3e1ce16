// Small readers and words shared by the narration files: an event's fields are `unknown`,
// so every sentence reads them through these and never prints "undefined".
import { formatDuration } from '../lib/format.ts';
import type { RunEvent } from '../lib/run-types.ts';
import type { Narration } from '../narrate.ts';

/** Turns one event into its headline, sentence and tone. */
export type Describe = (e: RunEvent) => Omit<Narration, 'lesson'>;

export const str = (x: unknown, fallback = '?'): string => (typeof x === 'string' && x !== '' ? x : typeof x === 'number' ? String(x) : fallback);
export const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
export const seconds = (x: unknown): string => {
  const n = num(x);
  return n === null ? 'an unknown time' : formatDuration(n);
};
export const because = (reason: unknown): string => (typeof reason === 'string' && reason ? ` — ${reason}` : '');
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

