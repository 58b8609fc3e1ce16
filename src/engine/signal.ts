// "When this changes, do Z": a value that model code sets, and handlers that run when it
// changes. Watchers are scheduled as events at the current time (after the event that
// changed the value), so a change made inside a handler never re-enters another handler
// and the order of reactions stays deterministic.
import type { HandlerId, Simulation } from './simulation.ts';

export class Signal<T> {
  private watcherHandler: number[] = [];
  private watcherArg: number[] = [];
  private watcherPriority: number[] = [];

  constructor(
    private readonly sim: Simulation,
    private current: T,
  ) {}

  get value(): T {
    return this.current;
  }

  /** Sets the value; when it differs (`!==`) from the old one, schedules every watcher now. */
  set(value: T): void {
    if (value === this.current) return;
    this.current = value;
    const n = this.watcherHandler.length;
    for (let i = 0; i < n; i++) {
      this.sim.at(this.sim.now, this.watcherHandler[i], this.watcherArg[i], this.watcherPriority[i]);
    }
  }

  /** Runs `handler(arg)` after each change, in the order the watchers were added. */
  watch(handler: HandlerId, arg = 0, priority = 0): void {
    this.watcherHandler.push(handler);
    this.watcherArg.push(arg);
    this.watcherPriority.push(priority);
  }
}
