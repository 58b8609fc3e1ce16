// The pending-event set: a 4-ary min-heap over (time, priority, insertion sequence) held in
// typed arrays, so scheduling and popping allocate nothing and same-time events pop in the
// order they were scheduled (FIFO), which keeps seeded runs deterministic.
//
// Layout, chosen by measurement (npm run bench):
// - 4-ary: half as deep as a binary heap, and the four children of a node sit side by side.
// - Times and slot numbers in separate arrays (Float64Array, Int32Array): indexing the slot
//   arrays with a slot number read from a Float64Array ran at half the speed.
// - The rest of an event (handler, argument, priority/sequence, generation) lives in a slot
//   that is read only when the event pops or when two times tie.
// - After a pop the root stays empty until the next operation, so the usual step (an event
//   runs and schedules its successor) costs one sift-down instead of a sift-down and a sift-up.
// - `cancel` marks the slot and the entry is dropped when it reaches the top; the heap is
//   compacted when cancelled entries outnumber live ones, so long timeouts that are
//   cancelled (the common case) do not pile up.

/** Opaque handle to a scheduled event; pass it to `cancel`. */
export type EventHandle = number;

const SLOT_SPAN = 2 ** 24; // at most 16.7 M events pending at once
const PRIORITY_OFFSET = 1024;
const SEQ_SPAN = 2 ** 40; // ~1.1e12 events per queue before the sequence would spill into the priority

/** Lowest and highest priority accepted; lower runs first among events at the same time. */
export const MIN_PRIORITY = -PRIORITY_OFFSET;
export const MAX_PRIORITY = PRIORITY_OFFSET - 1;

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

export class EventQueue {
  /** Heap entries: the event's time and its slot. */
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private slotOrder: Float64Array;
  private slotHandler: Int32Array;
  private slotArg: Float64Array;
  private slotGen: Int32Array;
  private slotState: Uint8Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  /** Heap entries in use, including a hole at the root and cancelled entries. */
  private length = 0;
  private cancelled = 0;
  private holeAtRoot = false;
  private seq = 0;

  /** Set by `pop`: the time, handler id and argument of the event just removed. */
  poppedTime = 0;
  poppedHandler = 0;
  poppedArg = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity | 0);
    this.heapTime = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.slotOrder = new Float64Array(n);
    this.slotHandler = new Int32Array(n);
    this.slotArg = new Float64Array(n);
    this.slotGen = new Int32Array(n);
    this.slotState = new Uint8Array(n);
    this.freeSlots = new Int32Array(n);
  }

  /** Number of events pending (cancelled ones excluded). */
  get size(): number {
    return this.length - this.cancelled - (this.holeAtRoot ? 1 : 0);
  }

  /**
   * Adds an event at absolute `time` for integer `handler` with numeric `arg`.
   * Among events at the same time, lower `priority` runs first, then insertion order.
   */
  push(time: number, handler: number, arg: number, priority = 0): EventHandle {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.slotsUsed === this.slotState.length) this.grow();
      slot = this.slotsUsed++;
    }
    this.slotHandler[slot] = handler;
    this.slotArg[slot] = arg;
    this.slotOrder[slot] = (priority + PRIORITY_OFFSET) * SEQ_SPAN + this.seq++;
    this.slotState[slot] = PENDING;
    if (this.holeAtRoot) {
      this.holeAtRoot = false;
      this.siftDown(0, time, slot);
    } else {
      this.siftUp(this.length++, time, slot);
    }
    return this.slotGen[slot] * SLOT_SPAN + slot;
  }

  /** Time of the next event, or Infinity when none is pending. */
  peekTime(): number {
    this.settleRoot();
    return this.length > 0 ? this.heapTime[0] : Infinity;
  }

  /** Removes the next event into `poppedTime/Handler/Arg`; false when the queue is empty. */
  pop(): boolean {
    this.settleRoot();
    if (this.length === 0) return false;
    const slot = this.heapSlot[0];
    this.poppedTime = this.heapTime[0];
    this.poppedHandler = this.slotHandler[slot];
    this.poppedArg = this.slotArg[slot];
    this.releaseSlot(slot);
    this.holeAtRoot = true;
    return true;
  }

  /** Cancels a pending event; false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_SPAN;
    if (!this.isPendingSlot(slot, handle)) return false;
    this.slotState[slot] = CANCELLED;
    this.cancelled++;
    if (this.cancelled > 1024 && this.cancelled * 2 > this.length) this.compact();
    return true;
  }

  /** True while the event behind `handle` is still pending. */
  isPending(handle: EventHandle): boolean {
    return this.isPendingSlot(handle % SLOT_SPAN, handle);
  }

  /** Drops every pending event; outstanding handles become inert. */
  clear(): void {
    if (this.holeAtRoot) this.fillHole();
    while (this.length > 0) this.releaseSlot(this.heapSlot[--this.length]);
    this.cancelled = 0;
  }

  private isPendingSlot(slot: number, handle: number): boolean {
    return (
      slot >= 0 &&
      slot < this.slotsUsed &&
      this.slotState[slot] === PENDING &&
      this.slotGen[slot] === (handle - slot) / SLOT_SPAN
    );
  }

  // Makes heap[0] a live event (or empties the heap): fills the hole, drops cancelled tops.
  private settleRoot(): void {
    if (this.holeAtRoot) this.fillHole();
    if (this.cancelled === 0) return;
    while (this.length > 0 && this.slotState[this.heapSlot[0]] === CANCELLED) {
      this.releaseSlot(this.heapSlot[0]);
      this.cancelled--;
      this.fillHole();
    }
  }

  private fillHole(): void {
    this.holeAtRoot = false;
    const last = --this.length;
    if (last > 0) this.siftDown(0, this.heapTime[last], this.heapSlot[last]);
  }

  private releaseSlot(slot: number): void {
    this.slotState[slot] = FREE;
    this.slotGen[slot] = (this.slotGen[slot] + 1) & 0x1fffffff;
    this.freeSlots[this.freeCount++] = slot;
  }

  // Moves the hole at `pos` up until the entry fits, then writes it once.
  private siftUp(pos: number, t: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const order = this.slotOrder[slot];
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = heapTime[parent];
      if (t > pt || (t === pt && order > this.slotOrder[heapSlot[parent]])) break;
      heapTime[pos] = pt;
      heapSlot[pos] = heapSlot[parent];
      pos = parent;
    }
    heapTime[pos] = t;
    heapSlot[pos] = slot;
  }

  // Moves the hole at `pos` down past smaller children, then writes the entry once.
  private siftDown(pos: number, t: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const n = this.length;
    for (;;) {
      const first = (pos << 2) + 1;
      if (first >= n) break;
      let best = first;
      let bt = heapTime[first];
      if (first + 3 < n) {
        // All four children exist: the common case, unrolled.
        let ct = heapTime[first + 1];
        if (ct <= bt && this.before(ct, first + 1, bt, best)) { best = first + 1; bt = ct; }
        ct = heapTime[first + 2];
        if (ct <= bt && this.before(ct, first + 2, bt, best)) { best = first + 2; bt = ct; }
        ct = heapTime[first + 3];
        if (ct <= bt && this.before(ct, first + 3, bt, best)) { best = first + 3; bt = ct; }
      } else {
        for (let c = first + 1; c < n; c++) {
          const ct = heapTime[c];
          if (ct <= bt && this.before(ct, c, bt, best)) { best = c; bt = ct; }
        }
      }
      if (t < bt || (t === bt && this.slotOrder[slot] < this.slotOrder[heapSlot[best]])) break;
      heapTime[pos] = bt;
      heapSlot[pos] = heapSlot[best];
      pos = best;
    }
    heapTime[pos] = t;
    heapSlot[pos] = slot;
  }

  // Whether entry a (time ta at position pa) pops before entry b; times are already ta <= tb.
  private before(ta: number, pa: number, tb: number, pb: number): boolean {
    return ta < tb || this.slotOrder[this.heapSlot[pa]] < this.slotOrder[this.heapSlot[pb]];
  }

  // Drops cancelled entries and re-heapifies (Floyd's bottom-up construction, O(n)).
  private compact(): void {
    if (this.holeAtRoot) this.fillHole();
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const slot = heapSlot[i];
      if (this.slotState[slot] === CANCELLED) {
        this.releaseSlot(slot);
        continue;
      }
      heapTime[kept] = heapTime[i];
      heapSlot[kept] = slot;
      kept++;
    }
    this.length = kept;
    this.cancelled = 0;
    for (let i = (kept - 2) >> 2; i >= 0; i--) this.siftDown(i, heapTime[i], heapSlot[i]);
  }

  private grow(): void {
    const n = this.slotState.length * 2;
    if (n > SLOT_SPAN) throw new RangeError(`event queue: more than ${SLOT_SPAN} events pending at once`);
    const heapTime = new Float64Array(n);
    heapTime.set(this.heapTime);
    this.heapTime = heapTime;
    const heapSlot = new Int32Array(n);
    heapSlot.set(this.heapSlot);
    this.heapSlot = heapSlot;
    const widenF = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    const widenI = (a: Int32Array) => { const b = new Int32Array(n); b.set(a); return b; };
    this.slotOrder = widenF(this.slotOrder);
    this.slotArg = widenF(this.slotArg);
    this.slotHandler = widenI(this.slotHandler);
    this.slotGen = widenI(this.slotGen);
    this.freeSlots = widenI(this.freeSlots);
    const state = new Uint8Array(n);
    state.set(this.slotState);
    this.slotState = state;
  }
}
