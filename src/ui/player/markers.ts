// Scrubber markers: one per event, thinned to one per ~0.25% of the track so a run with
// thousands of events stays cheap, keeping the most telling event of each spot.
import { MILESTONES, narrate, type Tone } from '../narrate.ts';
import type { RunEvent } from '../lib/run-types.ts';

export interface Marker {
  key: number;
  /** Position along the track, 0–1. */
  f: number;
  milestone: boolean;
  tone: Tone;
}

const BUCKETS = 400;

function rank(m: Marker): number {
  return (m.milestone ? 2 : 0) + (m.tone === 'bad' ? 1 : 0);
}

export function eventMarkers(events: readonly RunEvent[], end: number): Marker[] {
  const best = new Map<number, Marker>();
  events.forEach((e, i) => {
    const f = end > 0 ? Math.min(1, Math.max(0, e.t / end)) : 0;
    const bucket = Math.round(f * BUCKETS);
    const milestone = MILESTONES.has(e.kind);
    const tone = e.kind === 'analysis' || milestone || e.kind === 'instance-crash' ? narrate(e).tone : 'neutral';
    const m: Marker = { key: i, f, milestone, tone };
    const held = best.get(bucket);
    if (!held || rank(m) > rank(held)) best.set(bucket, m);
  });
  return [...best.values()].sort((a, b) => a.f - b.f);
}
