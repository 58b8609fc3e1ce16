// One instance (a pod, a VM): its lifecycle state and timestamps, what the router sees of
// it, and the request engine's per-instance queue.

/** Lifecycle states, in the order an instance normally passes through them. */
export const enum InstanceState {
  /** Created; waiting for cluster headroom or being scheduled/provisioned. */
  Pending,
  /** Booting: not serving. */
  Starting,
  /** Up and able to serve, but still inside its warm-up (elevated latency). */
  Warming,
  /** Up and warm. */
  Ready,
  /** Crashed; waiting out its restart back-off (CrashLoopBackOff). */
  Crashed,
  /** Asked to stop: draining. */
  Terminating,
  /** Stopped and removed. */
  Gone,
}

export const INSTANCE_STATE_NAMES = ['pending', 'starting', 'warming', 'ready', 'crashed', 'terminating', 'gone'] as const;
export type InstanceStateName = (typeof INSTANCE_STATE_NAMES)[number];

export class Instance {
  state = InstanceState.Pending;
  /** The app accepts new requests (booted, not crashed, not yet told to stop). */
  accepting = false;
  /** The readiness probe currently reports ready. */
  probeReady = false;
  /** The router currently sends requests to it (readiness, propagated). */
  inEndpoints = false;
  /** When the instance was created / began provisioning / booted (s); NaN until then. */
  readonly createdAt: number;
  provisionedAt = Number.NaN;
  upSince = Number.NaN;
  /** Since when the probe has reported ready continuously (for minReadySeconds); NaN when not ready. */
  readySince = Number.NaN;
  terminatingAt = Number.NaN;
  goneAt = Number.NaN;
  crashes = 0;
  probeSuccesses = 0;
  probeFailures = 0;
  /** Repeating probe timer id, −1 when none runs. */
  probeTimer = -1;
  /**
   * A steadily healthy, ready instance's probes all pass, so they are not simulated one by
   * one: the timer stops, and `probeNext` keeps the time its next probe would have run so the
   * probes resume on the same beat when the instance's health can change.
   */
  probeSuspended = false;
  /**
   * Read only while `probeSuspended`. NaN, not 0, before then: a field that starts as a small
   * integer changes representation at its first fractional time, which gave every instance a
   * new hidden class mid-run and threw away the optimised code of the request path.
   */
  probeNext = Number.NaN;
  /**
   * Pending lifecycle event (boot, crash, restart, kill), −1 when none. Declared bare and set
   * in the constructor: an event handle outgrows a small integer after a while, and a field
   * that starts as one changes representation when it does, which gave every instance a new
   * hidden class mid-run and threw away the optimised code of the request path.
   */
  lifecycleEvent: number;
  /** Requests being served now (request fidelity), and their ids. */
  inflight = 0;
  serving: Int32Array;
  /** Bumped when the instance crashes or is killed: completions of older requests are orphans. */
  epoch = 0;
  /** Requests/s arriving lately, for load-dependent regressions. */
  recentRps = 0;
  /** Requests waiting for a slot: ids in a ring buffer (request fidelity). */
  queue: Int32Array;
  queueHead = 0;
  queueLength = 0;
  /** Arrivals counted in the current whole second, for load-dependent regressions. */
  arrivalsSecond = -1;
  arrivalsThisSecond = 0;
  arrivalsLastSecond = 0;

  constructor(
    readonly id: number,
    /** Index of the replica set (pool) the instance belongs to. */
    readonly pool: number,
    /** Index of its release among the scenario's versions. */
    readonly version: number,
    now: number,
    queueLimit: number,
    concurrency: number,
  ) {
    this.createdAt = now;
    this.lifecycleEvent = -1;
    this.queue = new Int32Array(Math.max(1, Math.min(queueLimit, 64)));
    this.serving = new Int32Array(concurrency);
  }

  /** Counted against cluster headroom and billed: created with room, not yet gone. */
  get provisioned(): boolean {
    return this.provisionedAt === this.provisionedAt && this.state !== InstanceState.Gone;
  }

  enqueue(request: number): void {
    if (this.queueLength === this.queue.length) {
      const grown = new Int32Array(this.queue.length * 2);
      for (let i = 0; i < this.queueLength; i++) grown[i] = this.queue[(this.queueHead + i) % this.queue.length];
      this.queue = grown;
      this.queueHead = 0;
    }
    this.queue[(this.queueHead + this.queueLength++) % this.queue.length] = request;
  }

  dequeue(): number {
    const request = this.queue[this.queueHead];
    this.queueHead = (this.queueHead + 1) % this.queue.length;
    this.queueLength--;
    return request;
  }

  /** Requests per second arriving at this instance over the last whole second. */
  noteArrival(now: number): number {
    const second = Math.floor(now);
    if (second !== this.arrivalsSecond) {
      this.arrivalsLastSecond = second === this.arrivalsSecond + 1 ? this.arrivalsThisSecond : 0;
      this.arrivalsThisSecond = 0;
      this.arrivalsSecond = second;
    }
    this.arrivalsThisSecond++;
    return Math.max(this.arrivalsLastSecond, this.arrivalsThisSecond);
  }
}
