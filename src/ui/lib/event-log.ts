// The narration's log: the events so far, with runs of the same instance event of one version
// (a fleet becoming ready one instance at a time) folded into one line. Pure.
import type { RunEvent } from './run-types.ts';

export interface LogItem {
  /** Index of the first and last event of the line; jumping goes to the last. */
  first: number;
  last: number;
  count: number;
  kind: string;
}

const FOLDABLE = new Set(['instance-ready', 'instance-unready', 'instance-crash', 'compatibility-consumer-update', 'analysis']);

/** Lines for events `from`…`to` (inclusive), newest last. */
export function logItems(events: readonly RunEvent[], from: number, to: number): LogItem[] {
  const out: LogItem[] = [];
  for (let i = Math.max(0, from); i <= to && i < events.length; i++) {
    const e = events[i];
    const prev = out[out.length - 1];
    const before = prev ? events[prev.last] : null;
    if (prev && before && FOLDABLE.has(e.kind) && before.kind === e.kind && before.version === e.version && (e.kind !== 'analysis' || (before.run === e.run && before.verdict === e.verdict))) {
      prev.last = i;
      prev.count++;
    } else out.push({ first: i, last: i, count: 1, kind: e.kind });
  }
  return out;
}
