// The pending-event set: a ladder queue (after Tang, Goh & Thng, "Ladder Queue: An O(1)
// Priority Queue Structure for Large-Scale Discrete Event Simulation", 2005) over (time,
// priority, insertion sequence), held in typed arrays, so scheduling and popping allocate
// nothing and same-time events pop in the order they were scheduled (FIFO), which keeps
// seeded runs deterministic.
//
// Events sit in three tiers; every event in a tier is later than every event below it:
// - top: an unsorted list of the events past the coarsest rung (+Infinity ones in a list of
//   their own, since no rung can index them);
// - rungs: arrays of unsorted buckets keyed on time, each bucket a list. A rung is spread
//   over the events it is built from, two buckets per event; a bucket that is crowded when
//   its turn comes gets a finer rung of its own;
// - bottom: a 4-ary min-heap with the current bucket's events, the only place where events
//   are compared, on (time, priority, sequence).
// An event is filed into a bucket once and moved into the heap once, and the heap stays
// small, so scheduling and popping cost O(1) on average instead of a single heap's O(log n).
// A queue of a few dozen events is run as the plain heap: at that size the heap is faster.
//
// Measured with the hold loop of bench/cases/queue.ts (10 M schedule+pop pairs), old and new
// alternating on the same 2 shared cores: the single 4-ary heap this replaced did ~15 M/s
// with 64 pending and ~4.5 M/s with 100,000; this does ~18-19 M/s and ~9 M/s. The M/M/c
// kernel bench (~50 pending, the size where the rungs start to pay) is unchanged, ~7.6 M
// events/s for both. Choices behind it, also measured:
// - A bucket is found as floor((time - start) * inverse width) and compared with the rung's
//   current bucket number, never with a recomputed boundary time: that map is monotone in
//   time under floating-point rounding, so an event cannot land in a bucket already passed,
//   and equal times always land together.
// - Slot fields are interleaved (time, order, arg in one Float64Array; handler, generation,
//   state in one Int32Array) and the list links kept apart: moving a bucket to the heap
//   touches each event's two cache lines, which its pop then finds cached. At 100,000
//   pending one array per field ran at ~7 M/s, links interleaved with the other fields ~8.
// - Two buckets per event: one was slower at 64 and 300 pending, four at every size, three
//   no different.
// - Internal calls pass slot numbers, not times: a double argument to a call V8 does not
//   inline is boxed, one allocation per event.
// - After a pop the heap root stays empty until the next operation, so an event that
//   schedules a successor into the current bucket costs one sift-down instead of two sifts.
// - `cancel` marks the slot; the entry is dropped when it is next moved or reaches the heap
//   root, and every tier is compacted in place when cancelled entries outnumber live ones,
//   so long timeouts that are cancelled (the common case) do not pile up.

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

// Slot s owns slotF[4s .. 4s+3] and slotI[4s .. 4s+3]; the fourth of each is spare, so a
// slot's offset is a shift and its fields stay in one aligned group.
const F_TIME = 0;
const F_ORDER = 1;
const F_ARG = 2;
const I_HANDLER = 0;
const I_GEN = 1;
const I_STATE = 2;
/** End of a list; an empty bucket. */
const NONE = -1;

/** More events than this in one bucket (or in the top) are spread over a rung, fewer go to the heap. */
const SPREAD_ABOVE = 32;
const BUCKETS_PER_EVENT = 2;
/** A heap fed directly (no rung in front of it) is spread over a rung once it is this large. */
const HEAP_LIMIT = 64;
/** Deeper rungs would only split ever-closer times; their buckets go to the heap as they are. */
const MAX_RUNGS = 8;

export class EventQueue {
  private slotF: Float64Array;
  private slotI: Int32Array;
  private slotNext: Int32Array;
  private capacity: number;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  /** Entries held in any tier, cancelled ones included. */
  private entries = 0;
  private cancelled = 0;
  private seq = 0;

  /**
   * Times above this go to the top (+Infinity to its own list). -Infinity while the queue is
   * empty, so everything waits in the top; +Infinity while it is a plain heap.
   */
  private topAbove = -Infinity;
  private topHead = NONE;
  private infiniteHead = NONE;

  private depth = 0;
  private rungStart = new Float64Array(MAX_RUNGS);
  private rungInverseWidth = new Float64Array(MAX_RUNGS);
  /** The bucket after the current one (the current one's events are in the heap or a finer rung). */
  private rungNext = new Int32Array(MAX_RUNGS);
  /** rungNext, or Infinity once the last bucket is current: it also takes every time past it. */
  private rungFloor = new Float64Array(MAX_RUNGS);
  private rungBuckets = new Int32Array(MAX_RUNGS);
  private rungHeads: Int32Array[] = [];

  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private heapLength = 0;
  /** Heap size at which it is spread over a rung; doubles when it cannot be (all one time). */
  private heapLimit = HEAP_LIMIT;
  private holeAtRoot = false;

  /** Set by `pop`: the time, handler id and argument of the event just removed. */
  poppedTime = 0;
  poppedHandler = 0;
  poppedArg = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity | 0);
    this.capacity = n;
    this.slotF = new Float64Array(n * 4);
    this.slotI = new Int32Array(n * 4);
    this.slotNext = new Int32Array(n);
    this.freeSlots = new Int32Array(n);
    this.heapTime = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    for (let r = 0; r < MAX_RUNGS; r++) this.rungHeads.push(new Int32Array(16).fill(NONE));
  }

  /** Number of events pending (cancelled ones excluded). */
  get size(): number {
    return this.entries - this.cancelled;
  }

  /**
   * Adds an event at absolute `time` for integer `handler` with numeric `arg`.
   * Among events at the same time, lower `priority` runs first, then insertion order.
   */
  push(time: number, handler: number, arg: number, priority = 0): EventHandle {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.slotsUsed === this.capacity) this.grow();
      slot = this.slotsUsed++;
    }
    const f = slot << 2;
    const slotF = this.slotF;
    const slotI = this.slotI;
    slotF[f + F_TIME] = time;
    slotF[f + F_ORDER] = (priority + PRIORITY_OFFSET) * SEQ_SPAN + this.seq++;
    slotF[f + F_ARG] = arg;
    slotI[f + I_HANDLER] = handler;
    slotI[f + I_STATE] = PENDING;
    this.entries++;
    if (time > this.topAbove) {
      if (time === Infinity) {
        this.slotNext[slot] = this.infiniteHead;
        this.infiniteHead = slot;
      } else {
        this.slotNext[slot] = this.topHead;
        this.topHead = slot;
      }
    } else this.place(slot);
    return slotI[f + I_GEN] * SLOT_SPAN + slot;
  }

  /** Time of the next event, or Infinity when none is pending. */
  peekTime(): number {
    return this.settle() ? this.heapTime[0] : Infinity;
  }

  /** Removes the next event into `poppedTime/Handler/Arg`; false when the queue is empty. */
  pop(): boolean {
    if (!this.settle()) return false;
    const slot = this.heapSlot[0];
    this.poppedTime = this.heapTime[0];
    this.poppedHandler = this.slotI[(slot << 2) + I_HANDLER];
    this.poppedArg = this.slotF[(slot << 2) + F_ARG];
    this.releaseSlot(slot);
    this.entries--;
    this.holeAtRoot = true;
    return true;
  }

  /** Cancels a pending event; false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_SPAN;
    if (!this.isPendingSlot(slot, handle)) return false;
    this.slotI[(slot << 2) + I_STATE] = CANCELLED;
    this.cancelled++;
    if (this.cancelled > 1024 && this.cancelled * 2 > this.entries) this.compact();
    return true;
  }

  /** True while the event behind `handle` is still pending. */
  isPending(handle: EventHandle): boolean {
    return this.isPendingSlot(handle % SLOT_SPAN, handle);
  }

  /** Drops every pending event; outstanding handles become inert. */
  clear(): void {
    if (this.holeAtRoot) this.fillHole();
    while (this.heapLength > 0) this.releaseSlot(this.heapSlot[--this.heapLength]);
    for (let r = 0; r < this.depth; r++) {
      const heads = this.rungHeads[r];
      for (let b = this.rungNext[r]; b < this.rungBuckets[r]; b++) {
        this.releaseList(heads[b]);
        heads[b] = NONE;
      }
    }
    this.depth = 0;
    this.releaseList(this.topHead);
    this.topHead = NONE;
    this.releaseList(this.infiniteHead);
    this.infiniteHead = NONE;
    this.topAbove = -Infinity;
    this.heapLimit = HEAP_LIMIT;
    this.entries = 0;
    this.cancelled = 0;
  }

  private isPendingSlot(slot: number, handle: number): boolean {
    return (
      slot >= 0 &&
      slot < this.slotsUsed &&
      this.slotI[(slot << 2) + I_STATE] === PENDING &&
      this.slotI[(slot << 2) + I_GEN] === (handle - slot) / SLOT_SPAN
    );
  }

  private releaseSlot(slot: number): void {
    const f = slot << 2;
    this.slotI[f + I_STATE] = FREE;
    this.slotI[f + I_GEN] = (this.slotI[f + I_GEN] + 1) & 0x1fffffff;
    this.freeSlots[this.freeCount++] = slot;
  }

  private releaseList(slot: number): void {
    while (slot !== NONE) {
      const next = this.slotNext[slot];
      this.releaseSlot(slot);
      slot = next;
    }
  }

  // Files an event no later than `topAbove` into the coarsest rung whose current bucket it is
  // past; one that falls in (or before) the finest rung's current bucket goes to the heap.
  private place(slot: number): void {
    const time = this.slotF[(slot << 2) + F_TIME];
    for (let r = 0; r < this.depth; r++) {
      const x = (time - this.rungStart[r]) * this.rungInverseWidth[r];
      if (x >= this.rungFloor[r]) {
        // A finer rung covers its parent's whole bucket, so times past its last event are
        // clamped into its last bucket (clamping keeps the map monotone).
        const buckets = this.rungBuckets[r];
        const b = x < buckets ? x | 0 : buckets - 1;
        const heads = this.rungHeads[r];
        this.slotNext[slot] = heads[b];
        heads[b] = slot;
        return;
      }
    }
    if (this.holeAtRoot) {
      this.holeAtRoot = false;
      this.siftDown(0, slot);
    } else {
      this.siftUp(this.heapLength++, slot);
      if (this.heapLength >= this.heapLimit) this.spreadHeap();
    }
  }

  // Makes heap[0] the next live event; false when nothing is pending.
  private settle(): boolean {
    for (;;) {
      if (this.holeAtRoot) this.fillHole();
      if (this.heapLength > 0) {
        if (this.cancelled === 0) return true;
        const slot = this.heapSlot[0];
        if (this.slotI[(slot << 2) + I_STATE] !== CANCELLED) return true;
        this.releaseSlot(slot);
        this.cancelled--;
        this.entries--;
        this.holeAtRoot = true;
      } else if (!this.refill()) return false;
    }
  }

  // The heap is empty: brings down the finest rung's next non-empty bucket, or once every
  // rung is used up, the top, then the +Infinity events. False when nothing is left.
  private refill(): boolean {
    this.heapLimit = HEAP_LIMIT;
    while (this.depth > 0) {
      const r = this.depth - 1;
      const heads = this.rungHeads[r];
      const buckets = this.rungBuckets[r];
      let b = this.rungNext[r];
      while (b < buckets && heads[b] === NONE) b++;
      if (b === buckets) {
        this.depth--;
        continue;
      }
      this.rungNext[r] = b + 1;
      this.rungFloor[r] = b + 1 < buckets ? b + 1 : Infinity;
      const n = this.collect(heads[b], 0);
      heads[b] = NONE;
      if (n > SPREAD_ABOVE && this.spawnRung(n)) continue;
      this.heapify(n);
      if (n > 0) return true;
    }
    if (this.topHead !== NONE) {
      let n = this.collect(this.topHead, 0);
      this.topHead = NONE;
      this.topAbove = this.maxTime(n);
      if (n > SPREAD_ABOVE && this.spawnRung(n)) return true;
      if (n <= SPREAD_ABOVE) {
        // Few events: run as a plain heap until it outgrows HEAP_LIMIT. The heap then takes
        // every time, +Infinity too, so those already waiting must join it to keep their order.
        n = this.collect(this.infiniteHead, n);
        this.infiniteHead = NONE;
        this.topAbove = Infinity;
      }
      this.heapify(n);
      return true;
    }
    if (this.infiniteHead !== NONE) {
      const n = this.collect(this.infiniteHead, 0);
      this.infiniteHead = NONE;
      this.topAbove = Infinity;
      this.heapify(n);
      return true;
    }
    this.topAbove = -Infinity;
    return false;
  }

  // Copies a list's live events into heap[at..] (frees the cancelled ones); returns the end.
  // Reading each event's lines here, several at a time, leaves them cached for its pop.
  private collect(list: number, at: number): number {
    const slotF = this.slotF;
    const slotI = this.slotI;
    const slotNext = this.slotNext;
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    for (let s = list; s !== NONE; ) {
      const next = slotNext[s];
      if (slotI[(s << 2) + I_STATE] === CANCELLED) {
        this.releaseSlot(s);
        this.cancelled--;
        this.entries--;
      } else {
        heapTime[at] = slotF[(s << 2) + F_TIME];
        heapSlot[at] = s;
        at++;
      }
      s = next;
    }
    return at;
  }

  // The heap reached its limit while fed directly: spreads it over a rung below the current
  // ones, or as the coarsest rung when there are none (then +Infinity events go back to
  // their list and later times to the top). When its times cannot be spread (nearly all
  // equal, say) it waits to double, so the attempts cost O(1) per event.
  private spreadHeap(): void {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const n = this.heapLength;
    let finite = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = heapTime[i];
      if (t === Infinity) continue;
      finite++;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const inverseWidth = (finite * BUCKETS_PER_EVENT) / (max - min);
    if (finite <= SPREAD_ABOVE || this.depth === MAX_RUNGS || !(inverseWidth > 0 && inverseWidth < Infinity)) {
      this.heapLimit = n * 2;
      return;
    }
    let kept = n;
    if (this.depth === 0) {
      kept = 0;
      for (let i = 0; i < n; i++) {
        const s = heapSlot[i];
        if (heapTime[i] === Infinity) {
          this.slotNext[s] = this.infiniteHead;
          this.infiniteHead = s;
        } else {
          heapTime[kept] = heapTime[i];
          heapSlot[kept] = s;
          kept++;
        }
      }
      this.topAbove = max;
    }
    if (!this.spawnRung(kept)) this.heapify(kept);
    else this.heapLength = 0;
  }

  private maxTime(n: number): number {
    let max = -Infinity;
    for (let i = 0; i < n; i++) if (this.heapTime[i] > max) max = this.heapTime[i];
    return max;
  }

  // Spreads heap[0, n) over a new finest rung; false, with nothing moved, if it cannot be.
  private spawnRung(n: number): boolean {
    if (n <= SPREAD_ABOVE || this.depth === MAX_RUNGS) return false;
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = heapTime[i];
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const inverseWidth = (n * BUCKETS_PER_EVENT) / (max - min);
    if (!(inverseWidth > 0 && inverseWidth < Infinity)) return false;
    // Computed with the same expression as every bucket index, so max lands in the last one.
    const buckets = Math.floor((max - min) * inverseWidth) + 1;
    const r = this.depth++;
    if (this.rungHeads[r].length < buckets) {
      let size = this.rungHeads[r].length;
      while (size < buckets) size *= 2;
      this.rungHeads[r] = new Int32Array(size).fill(NONE);
    }
    const heads = this.rungHeads[r];
    this.rungStart[r] = min;
    this.rungInverseWidth[r] = inverseWidth;
    this.rungNext[r] = 0;
    this.rungFloor[r] = 0;
    this.rungBuckets[r] = buckets;
    const slotNext = this.slotNext;
    for (let i = 0; i < n; i++) {
      const s = heapSlot[i];
      const b = ((heapTime[i] - min) * inverseWidth) | 0;
      slotNext[s] = heads[b];
      heads[b] = s;
    }
    return true;
  }

  // Floyd's bottom-up heap construction over heap[0, n), O(n).
  private heapify(n: number): void {
    this.heapLength = n;
    for (let i = (n - 2) >> 2; i >= 0; i--) this.siftDown(i, this.heapSlot[i]);
  }

  private fillHole(): void {
    this.holeAtRoot = false;
    const last = --this.heapLength;
    if (last > 0) this.siftDown(0, this.heapSlot[last]);
  }

  // Moves the hole at `pos` up until the slot's event fits, then writes it once.
  private siftUp(pos: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const t = this.slotF[(slot << 2) + F_TIME];
    const order = this.slotF[(slot << 2) + F_ORDER];
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = heapTime[parent];
      if (t > pt || (t === pt && order > this.slotF[(heapSlot[parent] << 2) + F_ORDER])) break;
      heapTime[pos] = pt;
      heapSlot[pos] = heapSlot[parent];
      pos = parent;
    }
    heapTime[pos] = t;
    heapSlot[pos] = slot;
  }

  // Moves the hole at `pos` down past smaller children, then writes the slot's event once.
  private siftDown(pos: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const t = this.slotF[(slot << 2) + F_TIME];
    const n = this.heapLength;
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
      if (t < bt || (t === bt && this.slotF[(slot << 2) + F_ORDER] < this.slotF[(heapSlot[best] << 2) + F_ORDER])) break;
      heapTime[pos] = bt;
      heapSlot[pos] = heapSlot[best];
      pos = best;
    }
    heapTime[pos] = t;
    heapSlot[pos] = slot;
  }

  // Whether entry a (time ta at position pa) pops before entry b; times are already ta <= tb.
  private before(ta: number, pa: number, tb: number, pb: number): boolean {
    return ta < tb || this.slotF[(this.heapSlot[pa] << 2) + F_ORDER] < this.slotF[(this.heapSlot[pb] << 2) + F_ORDER];
  }

  // Drops cancelled entries from every tier in place; each tier's bounds stay valid.
  private compact(): void {
    if (this.holeAtRoot) this.fillHole();
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    let kept = 0;
    for (let i = 0; i < this.heapLength; i++) {
      const slot = heapSlot[i];
      if (this.slotI[(slot << 2) + I_STATE] === CANCELLED) {
        this.releaseSlot(slot);
        continue;
      }
      heapTime[kept] = heapTime[i];
      heapSlot[kept] = slot;
      kept++;
    }
    this.heapify(kept);
    for (let r = 0; r < this.depth; r++) {
      const heads = this.rungHeads[r];
      for (let b = this.rungNext[r]; b < this.rungBuckets[r]; b++) heads[b] = this.dropCancelled(heads[b]);
    }
    this.topHead = this.dropCancelled(this.topHead);
    this.infiniteHead = this.dropCancelled(this.infiniteHead);
    this.entries -= this.cancelled;
    this.cancelled = 0;
  }

  // Unlinks and frees a list's cancelled entries; returns its new head.
  private dropCancelled(list: number): number {
    const slotNext = this.slotNext;
    let head = NONE;
    let tail = NONE;
    for (let s = list; s !== NONE; ) {
      const next = slotNext[s];
      if (this.slotI[(s << 2) + I_STATE] === CANCELLED) this.releaseSlot(s);
      else {
        if (tail === NONE) head = s;
        else slotNext[tail] = s;
        tail = s;
      }
      s = next;
    }
    if (tail !== NONE) slotNext[tail] = NONE;
    return head;
  }

  private grow(): void {
    const n = this.capacity * 2;
    if (n > SLOT_SPAN) throw new RangeError(`event queue: more than ${SLOT_SPAN} events pending at once`);
    this.capacity = n;
    const widenF = (a: Float64Array, length: number) => { const b = new Float64Array(length); b.set(a); return b; };
    const widenI = (a: Int32Array, length: number) => { const b = new Int32Array(length); b.set(a); return b; };
    this.slotF = widenF(this.slotF, n * 4);
    this.slotI = widenI(this.slotI, n * 4);
    this.slotNext = widenI(this.slotNext, n);
    this.freeSlots = widenI(this.freeSlots, n);
    this.heapTime = widenF(this.heapTime, n);
    this.heapSlot = widenI(this.heapSlot, n);
  }
}
