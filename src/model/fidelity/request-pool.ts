// Per-request state for request fidelity, as parallel typed arrays indexed by a recycled
// request id: millions of requests pass through and none allocates an object.

export class RequestPool {
  arrival: Float64Array;
  user: Int32Array;
  route: Int16Array;
  client: Int16Array;
  replicaSet: Int16Array;
  instance: Int32Array;
  /** The instance's incarnation when service started: a crash bumps it and orphans the request. */
  epoch: Int32Array;
  /** Outcome decided when service starts (Outcome), and bit flags (FLAG_*). */
  outcome: Uint8Array;
  flags: Uint8Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;

  constructor(capacity = 4096) {
    this.arrival = new Float64Array(capacity);
    this.user = new Int32Array(capacity);
    this.route = new Int16Array(capacity);
    this.client = new Int16Array(capacity);
    this.replicaSet = new Int16Array(capacity);
    this.instance = new Int32Array(capacity);
    this.epoch = new Int32Array(capacity);
    this.outcome = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.free = new Int32Array(capacity);
  }

  alloc(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.used === this.arrival.length) this.grow();
    return this.used++;
  }

  release(id: number): void {
    this.free[this.freeCount++] = id;
  }

  private grow(): void {
    const n = this.arrival.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    const i32 = (a: Int32Array) => { const b = new Int32Array(n); b.set(a); return b; };
    const i16 = (a: Int16Array) => { const b = new Int16Array(n); b.set(a); return b; };
    const u8 = (a: Uint8Array) => { const b = new Uint8Array(n); b.set(a); return b; };
    this.arrival = f64(this.arrival);
    this.user = i32(this.user);
    this.route = i16(this.route);
    this.client = i16(this.client);
    this.replicaSet = i16(this.replicaSet);
    this.instance = i32(this.instance);
    this.epoch = i32(this.epoch);
    this.outcome = u8(this.outcome);
    this.flags = u8(this.flags);
    this.free = i32(this.free);
  }
}

/** A shadow copy sent by mirroring: served, but its answer is discarded and not counted as traffic. */
export const FLAG_MIRROR = 1;
/** Its failure (error, slowness) was caused by the release. */
export const FLAG_RELEASE_CAUSED = 2;
/** It would have been within the latency objective without the release's regression. */
export const FLAG_SLOW_BY_RELEASE = 4;
