// The queue between the service and its consumers. Each second, what was published joins
// the queue; the workers take messages in order up to their throughput; a message the
// worker that got it cannot parse waits `backoff` and is delivered again, and after
// `attempts` redeliveries goes to the dead-letter queue (or, without one, keeps coming back
// until retention expires it: lost). Every message is accounted for:
//   produced = consumed + dead-lettered + lost + in the queue.
import { binomial } from '../../engine/distributions/binomial.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import type { CompatibilityConfig } from '../config/compatibility.ts';
import type { ConsumerFleet } from './consumer-fleet.ts';

type MessagesConfig = NonNullable<CompatibilityConfig['messages']>;

/** Messages published together: same producer version, format, delivery count and time. */
interface Batch {
  producer: number;
  format: number;
  /** Deliveries that failed so far. */
  failures: number;
  publishedAt: number;
  visibleAt: number;
  count: number;
}

/** Where failed messages are reported: n messages of `producer` dead-lettered or lost. */
export type MessageFailure = (producer: number, n: number, how: 'dead-lettered' | 'lost', now: number) => void;

export class MessageQueue {
  produced = 0;
  consumed = 0;
  deadLettered = 0;
  lost = 0;
  /** Consumed later than `delayedAfter` after publication. */
  delayed = 0;
  /** Deliveries that failed to parse (each one a retry or a dead-letter). */
  parseFailures = 0;
  peakBacklog = 0;
  peakLagS = 0;
  /** Published since the last tick, per producer version and format. */
  private readonly pending: Float64Array;
  private ready: Batch[] = [];
  private head = 0;
  private readonly retrying: Batch[] = [];
  private retryHead = 0;
  private queued = 0;
  private capacityCarry = 0;
  private last = 0;
  /** No message in the queue was published before this (a lower bound), so none expires sooner. */
  private earliest = Infinity;

  constructor(
    private readonly config: MessagesConfig,
    readonly consumers: ConsumerFleet,
    private readonly versions: number,
    private readonly formats: number,
    private readonly rng: RandomStream,
    private readonly onFailure: MessageFailure,
  ) {
    this.pending = new Float64Array(versions * (formats + 1));
  }

  /** `n` messages published by `producer` in `format`. */
  publish(producer: number, format: number, n: number): void {
    this.pending[producer * (this.formats + 1) + format] += n;
  }

  /** Messages in the queue (waiting or waiting for a retry). */
  get inQueue(): number {
    return this.queued;
  }

  /** Seconds the oldest waiting message has waited. */
  lag(now: number): number {
    const oldest = Math.min(this.head < this.ready.length ? this.ready[this.head].publishedAt : now, this.retryHead < this.retrying.length ? this.retrying[this.retryHead].publishedAt : now);
    return now - oldest;
  }

  /** Enqueues what was published, brings back due retries, and lets the workers consume until `now`. */
  tick(now: number): void {
    const dt = now - this.last;
    this.last = now;
    const stride = this.formats + 1;
    for (let i = 0; i < this.pending.length; i++) {
      const n = this.pending[i];
      if (n <= 0) continue;
      this.pending[i] = 0;
      this.produced += n;
      this.queued += n;
      if (now < this.earliest) this.earliest = now;
      this.ready.push({ producer: Math.floor(i / stride), format: i % stride, failures: 0, publishedAt: now, visibleAt: now, count: n });
    }
    while (this.retryHead < this.retrying.length && this.retrying[this.retryHead].visibleAt <= now) this.ready.push(this.retrying[this.retryHead++]);
    this.expire(now);
    this.consume(now, dt);
    this.compact();
    this.peakBacklog = Math.max(this.peakBacklog, this.queued);
    this.peakLagS = Math.max(this.peakLagS, this.lag(now));
  }

  private consume(now: number, dt: number): void {
    this.capacityCarry += this.consumers.throughput * dt;
    let capacity = Math.floor(this.capacityCarry);
    this.capacityCarry -= capacity;
    const { attempts, backoff } = this.config.retry;
    while (capacity > 0 && this.head < this.ready.length) {
      const b = this.ready[this.head];
      const m = Math.min(b.count, capacity);
      capacity -= m;
      b.count -= m;
      this.queued -= m;
      if (b.count === 0) this.head++;
      const ok = binomial(this.rng, m, this.consumers.parseShare(b.format));
      this.consumed += ok;
      if (now - b.publishedAt > this.config.delayedAfter) this.delayed += ok;
      const bad = m - ok;
      if (bad === 0) continue;
      this.parseFailures += bad;
      if (b.failures + 1 > attempts && this.config.deadLetterQueue) {
        this.deadLettered += bad;
        this.onFailure(b.producer, bad, 'dead-lettered', now);
      } else {
        this.queued += bad;
        this.retrying.push({ ...b, failures: b.failures + 1, visibleAt: now + backoff, count: bad });
      }
    }
    // Whatever is left waits; capacity left over is idle time, not saved up.
  }

  /** Retention: messages older than it are discarded, wherever they wait. */
  private expire(now: number): void {
    const horizon = now - this.config.retention;
    if (horizon < this.earliest) return;
    this.earliest = Infinity;
    for (const [list, from] of [[this.ready, this.head], [this.retrying, this.retryHead]] as const) {
      for (let k = from; k < list.length; k++) {
        const b = list[k];
        if (b.count > 0 && b.publishedAt <= horizon) {
          this.lost += b.count;
          this.queued -= b.count;
          this.onFailure(b.producer, b.count, 'lost', now);
          b.count = 0;
        } else if (b.count > 0 && b.publishedAt < this.earliest) this.earliest = b.publishedAt;
      }
    }
    while (this.head < this.ready.length && this.ready[this.head].count === 0) this.head++;
    while (this.retryHead < this.retrying.length && this.retrying[this.retryHead].count === 0) this.retryHead++;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    if (this.retryHead > 1024 && this.retryHead * 2 > this.retrying.length) {
      this.retrying.splice(0, this.retryHead);
      this.retryHead = 0;
    }
  }
}
