// The simulation kernel: a clock, the event queue, and integer-keyed handlers. Model code
// registers each kind of callback once and then schedules it by number with a numeric
// argument, so the hot path allocates no closure per event. Knows nothing of deployments.
import { EventQueue, MAX_PRIORITY, MIN_PRIORITY, type EventHandle } from './event-queue.ts';

/** Callback for an event: `arg` is the number given when it was scheduled. */
export type EventCallback = (arg: number) => void;
/** Integer id of a registered callback, from `Simulation.handler`. */
export type HandlerId = number;
/** Integer id of a repeating timer, from `Simulation.every`. */
export type TimerId = number;

export interface SimulationOptions {
  /** Events one `run` call may process before it stops with `EventCapError`. Default 200 million. */
  maxEventsPerRun?: number;
}

export interface RunOptions {
  /** Simulated time (seconds) to run to; events at exactly `until` run. Default: until the queue empties. */
  until?: number;
  /** Overrides the simulation's cap on events for this call. */
  maxEvents?: number;
}

/** Thrown when a run processes more events than its cap: a model scheduling without end. */
export class EventCapError extends Error {
  constructor(readonly cap: number, readonly time: number) {
    super(
      `simulation stopped after ${cap} events at t=${time}s: some model keeps scheduling events ` +
        `(raise maxEventsPerRun if this run really needs more)`,
    );
    this.name = 'EventCapError';
  }
}

const TIMER_HANDLER = -1;

export class Simulation {
  /** Current simulated time, in seconds. */
  now = 0;
  /** Events processed since the simulation was created. */
  eventsProcessed = 0;
  private readonly queue = new EventQueue();
  private readonly callbacks: EventCallback[] = [];
  private readonly maxEventsPerRun: number;
  // Repeating timers, by TimerId, in typed arrays: an event handle outgrows a small integer
  // after a while, and in a plain array the first such handle changed the array's element
  // kind mid-run, which threw away the optimised code of `run`, the simulation's inner loop.
  private timers = 0;
  private timerPeriod = new Float64Array(8);
  private timerHandler = new Int32Array(8);
  private timerArg = new Float64Array(8);
  private timerPriority = new Int32Array(8);
  private timerEvent = new Float64Array(8);

  constructor(options: SimulationOptions = {}) {
    this.maxEventsPerRun = options.maxEventsPerRun ?? 200_000_000;
  }

  /** Registers a callback once; schedule it later by the returned id. */
  handler(callback: EventCallback): HandlerId {
    this.callbacks.push(callback);
    return this.callbacks.length - 1;
  }

  /** "At time t do X": runs `handler(arg)` at absolute simulated time `time` (seconds). */
  at(time: number, handler: HandlerId, arg = 0, priority = 0): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule at t=${time}s: it is before the current time ${this.now}s`);
    }
    if (handler < 0 || handler >= this.callbacks.length) throw new RangeError(`unknown handler id ${handler}`);
    checkPriority(priority);
    return this.queue.push(time, handler, arg, priority);
  }

  /** "In 30 s do X": runs `handler(arg)` after `delay` seconds. */
  after(delay: number, handler: HandlerId, arg = 0, priority = 0): EventHandle {
    return this.at(this.now + delay, handler, arg, priority);
  }

  /**
   * "Every 15 s do Y": runs `handler(arg)` every `period` seconds, first after `firstDelay`
   * (default: one period), until `cancelTimer`.
   */
  every(period: number, handler: HandlerId, arg = 0, firstDelay = period, priority = 0): TimerId {
    if (!(period > 0) || !Number.isFinite(period)) throw new RangeError(`timer period must be a positive number of seconds, got ${period}`);
    if (handler < 0 || handler >= this.callbacks.length) throw new RangeError(`unknown handler id ${handler}`);
    checkPriority(priority);
    if (!(firstDelay >= 0)) throw new RangeError(`timer first delay must be ≥ 0 seconds, got ${firstDelay}`);
    if (this.timers === this.timerEvent.length) this.growTimers();
    const id = this.timers++;
    this.timerPeriod[id] = period;
    this.timerHandler[id] = handler;
    this.timerArg[id] = arg;
    this.timerPriority[id] = priority;
    this.timerEvent[id] = this.queue.push(this.now + firstDelay, TIMER_HANDLER, id, priority);
    return id;
  }

  /** Stops a repeating timer; false if it was already stopped. */
  cancelTimer(timer: TimerId): boolean {
    if (!(Number.isInteger(timer) && timer >= 0 && timer < this.timers)) return false;
    const event = this.timerEvent[timer];
    if (event < 0) return false;
    this.timerEvent[timer] = -1;
    return this.queue.cancel(event);
  }

  /** Cancels a scheduled event; false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  isPending(handle: EventHandle): boolean {
    return this.queue.isPending(handle);
  }

  /** Events waiting to run. */
  get pending(): number {
    return this.queue.size;
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): number {
    return this.queue.peekTime();
  }

  /** Runs the next event; false when none is pending. */
  step(): boolean {
    const queue = this.queue;
    if (!queue.pop()) return false;
    this.now = queue.poppedTime;
    this.eventsProcessed++;
    const handler = queue.poppedHandler;
    if (handler === TIMER_HANDLER) this.fireTimer(queue.poppedArg);
    else this.callbacks[handler](queue.poppedArg);
    return true;
  }

  /**
   * Runs events in time order up to and including `until` (then the clock reads `until`),
   * or until none is left. Returns the number of events processed.
   */
  run(options: RunOptions = {}): number {
    const until = options.until ?? Infinity;
    if (until < this.now) throw new RangeError(`cannot run until t=${until}s: the clock already reads ${this.now}s`);
    const cap = options.maxEvents ?? this.maxEventsPerRun;
    const queue = this.queue;
    const callbacks = this.callbacks;
    let processed = 0;
    for (;;) {
      const next = queue.peekTime();
      if (next > until || next === Infinity) break;
      if (processed === cap) {
        this.eventsProcessed += processed;
        throw new EventCapError(cap, this.now);
      }
      queue.pop();
      this.now = queue.poppedTime;
      processed++;
      const handler = queue.poppedHandler;
      if (handler === TIMER_HANDLER) this.fireTimer(queue.poppedArg);
      else callbacks[handler](queue.poppedArg);
    }
    this.eventsProcessed += processed;
    if (until !== Infinity) this.now = until;
    return processed;
  }

  private growTimers(): void {
    const n = this.timerEvent.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    const i32 = (a: Int32Array) => { const b = new Int32Array(n); b.set(a); return b; };
    this.timerPeriod = f64(this.timerPeriod);
    this.timerHandler = i32(this.timerHandler);
    this.timerArg = f64(this.timerArg);
    this.timerPriority = i32(this.timerPriority);
    this.timerEvent = f64(this.timerEvent);
  }

  private fireTimer(timer: number): void {
    // Re-arm before the callback so the callback may cancel its own timer.
    this.timerEvent[timer] = this.queue.push(this.now + this.timerPeriod[timer], TIMER_HANDLER, timer, this.timerPriority[timer]);
    this.callbacks[this.timerHandler[timer]](this.timerArg[timer]);
  }
}

function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
    throw new RangeError(`event priority must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}, got ${priority}`);
  }
}
