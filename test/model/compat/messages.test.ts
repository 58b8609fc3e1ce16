// Message formats between the service and a separately rolled consumer fleet: unknown
// formats are retried and then dead-lettered, on schedule; a tolerant reader parses a
// format that only adds fields; without a dead-letter queue, retention loses them, counted.
// And nothing is lost silently: produced = consumed + dead-lettered + lost + in the queue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { ConsumerFleet } from '../../../src/model/compat/consumer-fleet.ts';
import { MessageQueue } from '../../../src/model/compat/message-queue.ts';
import { messagesSchema } from '../../../src/model/config/compatibility.ts';
import { simulate } from '../../../src/scenario/simulate.ts';
import { FIDELITIES } from '../world-fixtures.ts';
import { catalog } from './compat-fixture.ts';

function queue(input: Record<string, unknown>, seed = 1) {
  const config = messagesSchema.parse(input);
  const fleet = new ConsumerFleet(config, 3);
  const failures: { producer: number; n: number; how: string; t: number }[] = [];
  const q = new MessageQueue(config, fleet, 2, 3, streams(seed).get('compat/messages'), (producer, n, how, t) => failures.push({ producer, n, how, t }));
  return { q, fleet, failures };
}

const workers = (formats: number[], extra: Record<string, unknown> = {}) => ({ workers: 2, throughput: 100, versions: [{ name: 'w1', formats }], ...extra });
const conserved = (q: MessageQueue) => q.produced === q.consumed + q.deadLettered + q.lost + q.inQueue;

describe('the message queue', () => {
  it('retries a format no worker parses `attempts` times, `backoff` apart, then dead-letters it', () => {
    const { q, failures } = queue({ formats: [{ version: 2 }], consumers: workers([1]), retry: { attempts: 3, backoff: 30 } });
    q.publish(1, 2, 100);
    for (let t = 0; t <= 200; t++) q.tick(t);
    // Queued at 0, delivered at 1, 31, 61 and 91: the fourth failure is one too many.
    expect(failures).toEqual([{ producer: 1, n: 100, how: 'dead-lettered', t: 91 }]);
    expect([q.produced, q.consumed, q.deadLettered, q.lost, q.inQueue, q.parseFailures]).toEqual([100, 0, 100, 0, 0, 400]);
  });

  it('lets a tolerant reader parse a format that only adds fields, and only such a format', () => {
    for (const [additive, tolerantReader, consumed] of [
      [true, true, 100],
      [true, false, 0],
      [false, true, 0],
    ] as const) {
      const { q } = queue({ formats: [{ version: 2, additive }], consumers: workers([1], { tolerantReader }) });
      q.publish(1, 2, 100);
      for (let t = 0; t <= 200; t++) q.tick(t);
      expect(q.consumed, `additive ${additive}, tolerant ${tolerantReader}`).toBe(consumed);
      expect(q.deadLettered).toBe(100 - consumed);
    }
  });

  it('without a dead-letter queue keeps retrying until retention expires the messages: lost, and counted', () => {
    const { q, failures } = queue({ formats: [{ version: 2 }], consumers: workers([1]), deadLetterQueue: false, retention: '2m' });
    q.publish(1, 2, 100);
    for (let t = 0; t <= 200; t++) {
      q.tick(t);
      expect(conserved(q)).toBe(true);
    }
    expect(failures).toEqual([{ producer: 1, n: 100, how: 'lost', t: 120 }]);
    expect([q.deadLettered, q.lost, q.inQueue]).toEqual([0, 100, 0]);
  });

  it('parses a larger share of the deliveries as the consumer rollout replaces workers', () => {
    const { fleet } = queue({ formats: [{ version: 2 }], consumers: { workers: 4, throughput: 10, versions: [{ name: 'w1', formats: [1] }, { name: 'w2', formats: [1, 2] }], rollout: { at: 0, batch: 1 } } });
    const shares = [fleet.parseShare(2)];
    for (let k = 0; k < 5; k++) (fleet.step(), shares.push(fleet.parseShare(2)));
    expect(shares).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
    expect(fleet.parseShare(1)).toBe(1);
  });

  it('loses no message silently, whatever is published and whenever workers are replaced', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 299 }), producer: fc.integer({ min: 0, max: 1 }), format: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 0, max: 400 }) }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 299 }), { maxLength: 4 }),
        fc.record({ attempts: fc.integer({ min: 0, max: 4 }), backoff: fc.integer({ min: 1, max: 60 }), dlq: fc.boolean(), retention: fc.integer({ min: 10, max: 400 }), throughput: fc.integer({ min: 1, max: 50 }), tolerantReader: fc.boolean() }),
        fc.integer({ min: 1, max: 1000 }),
        (publishes, steps, o, seed) => {
          const { q, fleet, failures } = queue(
            {
              formats: [{ version: 2, additive: true }, { version: 3 }],
              consumers: { workers: 4, throughput: o.throughput, versions: [{ name: 'w1', formats: [1] }, { name: 'w2', formats: [1, 2, 3] }], rollout: { at: 0, batch: 1 }, tolerantReader: o.tolerantReader },
              retry: { attempts: o.attempts, backoff: o.backoff },
              deadLetterQueue: o.dlq,
              retention: o.retention,
            },
            seed,
          );
          let published = 0;
          for (let t = 0; t < 300; t++) {
            for (const p of publishes) if (p.t === t) (q.publish(p.producer, p.format, p.n), (published += p.n));
            if (steps.includes(t)) fleet.step();
            q.tick(t + 1);
            if (!conserved(q)) return false;
          }
          const failed = failures.reduce((s, f) => s + f.n, 0);
          return q.produced === published && failed === q.deadLettered + q.lost && (o.dlq || q.deadLettered === 0);
        },
      ),
      { numRuns: 150, seed: 5 },
    );
  });
});

describe('the message-format-break scenario', () => {
  it.each(FIDELITIES)('dead-letters format-2 messages until the workers are rolled, and accounts for every message (%s)', (fidelity) => {
    const r = simulate(catalog('compatibility-message-format-break'), { fidelity });
    const c = r.summary.compatibility;
    const m = c.messages!;
    expect(m.produced).toBe(m.consumed + m.deadLettered + m.inQueue + m.lost);
    expect(m.lost).toBe(0);
    expect(c.messagesDeadLettered).toBe(m.deadLettered);
    expect(m.deadLettered).toBeGreaterThan(5000);
    expect(c.byCause).toEqual({ schema: 0, api: 0, message: m.deadLettered });
    expect(c.byVersion).toEqual({ v1: 0, v2: m.deadLettered });
    // Nothing is dead-lettered before v2 publishes, nor once every worker parses format 2.
    const byPhase = Object.fromEntries((c.phases ?? []).map((p) => [p.phase, p.message]));
    expect(byPhase.start).toBe(0);
    expect(byPhase['consumer rollout finished']).toBe(0);
    const kinds = r.events.map((e) => e.kind);
    expect(kinds).toContain('compatibility-dead-letter-threshold');
    expect(kinds.filter((k) => k === 'compatibility-consumer-update')).toHaveLength(4);
    // The backlog drains once the workers are rolled.
    expect(m.timeline.backlog.at(-1)).toBeLessThan(100);
    expect(m.peakBacklog).toBeGreaterThanOrEqual(Math.max(...m.timeline.backlog));
  });
});
