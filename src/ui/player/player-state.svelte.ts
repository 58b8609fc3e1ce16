// The player's state: the playhead over a finished run, play/pause and speed. Stepping,
// scrubbing and playing only move the playhead through the results; nothing re-runs.
import { advance, nextEvent, previousEvent, seek, type Playhead } from '../lib/playhead.ts';
import type { RunResult } from '../lib/run-types.ts';
import { defaultSpeed } from '../lib/speed.ts';

export class PlayerState {
  playhead: Playhead = $state({ t: 0, k: -1 });
  playing = $state(false);
  /** Simulated seconds per wall second. */
  speed: number = $state(60);
  /** Simulated seconds the run lasts. */
  readonly end: number;

  constructor(readonly result: RunResult) {
    this.end = result.timeline.t[result.timeline.t.length - 1] ?? 0;
    this.speed = defaultSpeed(this.end);
  }

  get events(): RunResult['events'] {
    return this.result.events;
  }

  play(): void {
    if (this.playhead.t >= this.end) this.playhead = { t: 0, k: -1 };
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  next(): void {
    this.playing = false;
    this.playhead = nextEvent(this.playhead, this.events);
  }

  previous(): void {
    this.playing = false;
    this.playhead = previousEvent(this.playhead, this.events);
  }

  reset(): void {
    this.playing = false;
    this.playhead = { t: 0, k: -1 };
  }

  /** Jumps to simulated time `t`. */
  seek(t: number): void {
    this.playhead = seek(this.events, t, this.end);
  }

  /** Jumps to event `k` (its time, having reached it). */
  goToEvent(k: number): void {
    this.playing = false;
    const e = this.events[k];
    if (e) this.playhead = { t: e.t, k };
  }

  /** Advances by `wallSeconds` of real time at the current speed; stops at the end. */
  tick(wallSeconds: number): void {
    if (!this.playing) return;
    this.playhead = advance(this.playhead, this.events, wallSeconds * this.speed, this.end);
    if (this.playhead.t >= this.end) this.playing = false;
  }
}
