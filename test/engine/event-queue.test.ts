import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.ts';

function drain(q: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (q.pop()) out.push([q.poppedTime, q.poppedArg]);
  return out;
}

describe('EventQueue', () => {
  it('pops events in time order', () => {
    const q = new EventQueue();
    for (const [t, a] of [[5, 0], [1, 1], [3, 2], [2, 3], [4, 4]]) q.push(t, 0, a);
    expect(drain(q)).toEqual([[1, 1], [2, 3], [3, 2], [4, 4], [5, 0]]);
  });

  it('pops same-time events in the order they were scheduled (FIFO)', () => {
    const q = new EventQueue();
    for (let i = 0; i < 100; i++) q.push(7, 0, i);
    expect(drain(q).map(([, a]) => a)).toEqual([...Array(100).keys()]);
  });

  it('runs lower priorities first among same-time events, FIFO within a priority', () => {
    const q = new EventQueue();
    q.push(1, 0, 10, 5);
    q.push(1, 0, 11, -3);
    q.push(1, 0, 12, 5);
    q.push(1, 0, 13, -3);
    q.push(0.5, 0, 14, 100);
    expect(drain(q).map(([, a]) => a)).toEqual([14, 11, 13, 10, 12]);
  });

  it('cancels a pending event, and a handle that already ran or was cancelled is inert', () => {
    const q = new EventQueue();
    const a = q.push(1, 0, 1);
    const b = q.push(2, 0, 2);
    const c = q.push(3, 0, 3);
    expect(q.cancel(b)).toBe(true);
    expect(q.cancel(b)).toBe(false);
    expect(q.size).toBe(2);
    expect(q.pop()).toBe(true);
    expect(q.poppedArg).toBe(1);
    expect(q.cancel(a)).toBe(false);
    // The slot `a` used is reused by the next push; the old handle must not reach it.
    const d = q.push(2.5, 0, 4);
    expect(q.cancel(a)).toBe(false);
    expect(q.isPending(d)).toBe(true);
    expect(drain(q).map(([, x]) => x)).toEqual([4, 3]);
    expect(q.isPending(c)).toBe(false);
  });

  it('reports Infinity and pops nothing when empty', () => {
    const q = new EventQueue();
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBe(false);
    q.push(1, 0, 0);
    q.pop();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('grows past its initial capacity and compacts many cancelled events', () => {
    const q = new EventQueue(16);
    const handles: number[] = [];
    for (let i = 0; i < 10_000; i++) handles.push(q.push(10_000 - i, 0, i));
    for (let i = 0; i < 10_000; i += 2) q.cancel(handles[i]);
    expect(q.size).toBe(5_000);
    const out = drain(q);
    expect(out.length).toBe(5_000);
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
    expect(out.every(([, a]) => a % 2 === 1)).toBe(true);
  });

  it('matches a reference sort by (time, priority, insertion order) under random pushes, pops and cancels', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), t: fc.integer({ min: 0, max: 20 }), p: fc.integer({ min: -2, max: 2 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(16);
        type Ref = { t: number; p: number; seq: number; handle: number };
        let ref: Ref[] = [];
        let seq = 0;
        let now = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const t = now + o.t;
            const handle = q.push(t, 0, seq, o.p);
            ref.push({ t, p: o.p, seq, handle });
            seq++;
          } else if (o.kind === 'pop') {
            ref.sort((a, b) => a.t - b.t || a.p - b.p || a.seq - b.seq);
            const expected = ref.shift();
            expect(q.pop()).toBe(expected !== undefined);
            if (expected) {
              expect([q.poppedTime, q.poppedArg]).toEqual([expected.t, expected.seq]);
              now = expected.t;
            }
          } else if (ref.length > 0) {
            const victim = ref[o.pick % ref.length];
            expect(q.cancel(victim.handle)).toBe(true);
            ref = ref.filter((r) => r !== victim);
          }
          expect(q.size).toBe(ref.length);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
