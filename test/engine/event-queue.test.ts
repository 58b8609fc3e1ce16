import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, MAX_PRIORITY, MIN_PRIORITY } from '../../src/engine/event-queue.ts';

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

  it.each([10, 100])('runs events at +Infinity last, by priority then FIFO, around %i other events', (others) => {
    // Which tier holds +Infinity events changes as the queue grows and shrinks around them.
    const q = new EventQueue(16);
    q.push(Infinity, 0, 1);
    q.push(1, 0, 2);
    expect(q.pop()).toBe(true);
    expect(q.poppedArg).toBe(2);
    q.push(Infinity, 0, 3);
    q.push(Infinity, 0, 4, -1);
    for (let i = 0; i < others; i++) q.push(2 + i / 7, 0, 100 + i);
    q.push(Infinity, 0, 5);
    const out = drain(q);
    expect(out.slice(others)).toEqual([[Infinity, 4], [Infinity, 1], [Infinity, 3], [Infinity, 5]]);
    expect(out.slice(0, others).map(([, a]) => a)).toEqual([...Array(others).keys()].map((i) => 100 + i));
  });

  // The queue files events by time into buckets of rungs it sizes from the events it holds,
  // so the cases that matter are the ones that break bucket arithmetic: many events at one
  // time, gaps from 1e-12 to 1e12, events parked far in the future (1e300, Infinity) that
  // stretch a rung, bursts that make a bucket split into a finer rung, and slots reused
  // after growth and cancellation.
  it('matches a reference sort under random bursts, gaps, cancels and growth', () => {
    const gap = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 5 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1e-9, noNaN: true }),
      fc.double({ min: 0, max: 1e12, noNaN: true }),
      fc.constantFrom(1e300, Infinity),
    );
    const priority = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(MIN_PRIORITY, MAX_PRIORITY));
    const op = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('push' as const), gap, p: priority }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('burst' as const),
          n: fc.integer({ min: 1, max: 400 }),
          spread: fc.constantFrom(0, 1e-6, 1, 1000),
          p: priority,
        }),
      },
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('pop' as const), n: fc.integer({ min: 1, max: 60 }) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('hold' as const),
          n: fc.integer({ min: 1, max: 300 }),
          mean: fc.constantFrom(0, 1e-6, 1, 1000),
          p: priority,
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('stale' as const), pick: fc.nat() }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.boolean(), (ops, clearAtEnd) => {
        const q = new EventQueue(16);
        type Ref = { t: number; p: number; seq: number; handle: number };
        let ref: Ref[] = [];
        const gone: number[] = [];
        let seq = 0;
        let now = 0;
        let lcg = 1;
        const push = (t: number, p: number) => {
          ref.push({ t, p, seq, handle: q.push(t, seq % 5, seq, p) });
          seq++;
        };
        const pop = () => {
          ref.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.p - b.p || a.seq - b.seq));
          const expected = ref.shift();
          expect(q.peekTime()).toBe(expected ? expected.t : Infinity);
          expect(q.pop()).toBe(expected !== undefined);
          if (!expected) return false;
          expect([q.poppedTime, q.poppedHandler, q.poppedArg]).toEqual([expected.t, expected.seq % 5, expected.seq]);
          gone.push(expected.handle);
          if (expected.t < Infinity) now = expected.t;
          return true;
        };
        for (const o of ops) {
          if (o.kind === 'push') push(now + o.gap, o.p);
          else if (o.kind === 'burst') {
            for (let i = 0; i < o.n; i++) {
              lcg = (lcg * 1103515245 + 12345) % 2147483648;
              push(now + (lcg / 2147483648) * o.spread, o.p);
            }
          } else if (o.kind === 'hold') {
            // The simulator's step: the next event runs and schedules a successor.
            for (let i = 0; i < o.n && pop(); i++) {
              lcg = (lcg * 1103515245 + 12345) % 2147483648;
              push(now - Math.log(1 - lcg / 2147483648) * o.mean, o.p);
            }
          } else if (o.kind === 'pop') {
            for (let i = 0; i < o.n && pop(); i++);
          } else if (o.kind === 'cancel') {
            for (let i = 0; i < o.n && ref.length > 0; i++) {
              const victim = ref[(o.pick + i * 7919) % ref.length];
              expect(q.cancel(victim.handle)).toBe(true);
              gone.push(victim.handle);
              ref = ref.filter((r) => r !== victim);
            }
          } else if (gone.length > 0) {
            const handle = gone[o.pick % gone.length];
            expect(q.isPending(handle)).toBe(false);
            expect(q.cancel(handle)).toBe(false);
          }
          expect(q.size).toBe(ref.length);
        }
        if (clearAtEnd) {
          q.clear();
          ref = [];
          expect(q.size).toBe(0);
          push(now + 1, 0);
          push(now, 0);
        }
        while (pop());
        expect(q.size).toBe(0);
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  it('keeps order through a long hold run with cancelled timeouts (rungs rebuilt, compaction)', () => {
    // The simulator's shape: each event schedules a successor and a timeout, most timeouts are
    // cancelled. Checked against the time and insertion order the pops must follow.
    const q = new EventQueue(16);
    let x = 42;
    const rand = () => (x = (x * 48271) % 2147483647) / 2147483647;
    const timeouts: number[] = [];
    for (let i = 0; i < 2_000; i++) q.push(rand() * 100, 0, -1);
    let lastTime = -Infinity;
    let lastArg = -1;
    let cancelled = 0;
    let outOfOrder = 0;
    for (let i = 0; i < 200_000; i++) {
      q.pop();
      const t = q.poppedTime;
      if (!(t > lastTime || (t === lastTime && q.poppedArg > lastArg))) outOfOrder++;
      lastTime = t;
      lastArg = q.poppedArg;
      q.push(t + (i % 3 === 0 ? 0 : -Math.log(1 - rand()) * 100), 0, i);
      timeouts.push(q.push(t + 10_000 + rand(), 1, i));
      if (timeouts.length > 50 && q.cancel(timeouts[timeouts.length - 50])) cancelled++;
    }
    expect(outOfOrder).toBe(0);
    expect(cancelled).toBeGreaterThan(100_000);
    expect(q.size).toBe(2_000 + 200_000 - cancelled);
  });
});
