import { describe, expect, it, vi } from 'vitest';
import type { WorkerMessage, WorkerRequest } from '../../src/ui/worker/protocol.ts';
import { runRequest } from '../../src/ui/worker/run-request.ts';
import { SimClient, type SimClientOptions, type WorkerLike } from '../../src/ui/worker/sim-client.ts';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  received: WorkerRequest[] = [];
  terminated = false;
  postMessage(m: WorkerRequest): void {
    this.received.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: WorkerMessage): void {
    this.onmessage?.({ data: r } as MessageEvent<WorkerMessage>);
  }
}

const source = { text: 'name: x' };

/** A client on fake workers, and every worker it has started, in order. */
function client(options: SimClientOptions = {}) {
  const workers: FakeWorker[] = [];
  const c = new SimClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, options);
  return { c, workers };
}

describe('SimClient', () => {
  it('answers a request with its response', async () => {
    const { c, workers } = client();
    const p = c.run({ source, seed: 4 });
    expect(workers[0].received[0]).toMatchObject({ id: 1, seed: 4, source });
    workers[0].reply({ id: 1, ok: false, errors: ['bad'] });
    expect(await p).toEqual({ id: 1, ok: false, errors: ['bad'] });
  });

  it('a newer request supersedes a running one: the busy worker is replaced', async () => {
    const { c, workers } = client();
    const first = c.run({ source, seed: 1 });
    const second = c.run({ source, seed: 2 });
    expect(await first).toEqual({ id: 1, ok: false, superseded: true });
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].received[0]).toMatchObject({ id: 2, seed: 2 });
    workers[1].reply({ id: 2, ok: false, errors: ['second'] });
    expect(await second).toEqual({ id: 2, ok: false, errors: ['second'] });
  });

  it('reuses an idle worker and ignores stale replies', async () => {
    const { c, workers } = client();
    const a = c.run({ source });
    workers[0].reply({ id: 1, ok: false, errors: ['a'] });
    await a;
    const b = c.run({ source });
    workers[0].reply({ id: 1, ok: false, errors: ['stale'] });
    workers[0].reply({ id: 2, ok: false, errors: ['b'] });
    expect(await b).toEqual({ id: 2, ok: false, errors: ['b'] });
    expect(workers).toHaveLength(1);
  });
});

describe('SimClient power requests', () => {
  it('passes progress on to the caller, then the result', async () => {
    const { c, workers } = client();
    const seen: { done: number; total: number }[] = [];
    const p = c.power({ source, effect: 'latency=1.2', weights: [5], holds: ['5m'], seeds: 2 }, (q) => seen.push(q));
    expect(workers[0].received[0]).toMatchObject({ id: 1, kind: 'power', effect: 'latency=1.2', weights: [5], holds: ['5m'], seeds: 2 });
    workers[0].reply({ id: 1, progress: { done: 1, total: 4 } });
    workers[0].reply({ id: 1, progress: { done: 2, total: 4 } });
    workers[0].reply({ id: 1, ok: false, errors: ['done'] });
    expect(await p).toEqual({ id: 1, ok: false, errors: ['done'] });
    expect(seen).toEqual([
      { done: 1, total: 4 },
      { done: 2, total: 4 },
    ]);
  });

  it('a newer power request supersedes a running one, and the old one’s progress goes nowhere', async () => {
    const { c, workers } = client();
    const oldSeen: number[] = [];
    const newSeen: number[] = [];
    const first = c.power({ source, seeds: 10 }, (q) => oldSeen.push(q.done));
    workers[0].reply({ id: 1, progress: { done: 1, total: 20 } });
    const second = c.power({ source, seeds: 5 }, (q) => newSeen.push(q.done));
    expect(await first).toEqual({ id: 1, ok: false, superseded: true });
    expect(workers[0].terminated).toBe(true);
    // A message the terminated worker had already posted arrives late; it is ignored.
    workers[0].reply({ id: 1, progress: { done: 2, total: 20 } });
    workers[1].reply({ id: 1, progress: { done: 3, total: 20 } });
    workers[1].reply({ id: 2, progress: { done: 1, total: 10 } });
    workers[1].reply({ id: 2, ok: false, errors: ['second'] });
    expect(await second).toEqual({ id: 2, ok: false, errors: ['second'] });
    expect(oldSeen).toEqual([1]);
    expect(newSeen).toEqual([1]);
  });

  it('cancelling (dispose) stops the worker; the next request starts a fresh one', async () => {
    const { c, workers } = client();
    const p = c.power({ source });
    c.dispose();
    expect(await p).toEqual({ id: 1, ok: false, superseded: true });
    expect(workers[0].terminated).toBe(true);
    const q = c.power({ source });
    expect(workers).toHaveLength(2);
    workers[1].reply({ id: 2, ok: false, errors: ['again'] });
    expect(await q).toEqual({ id: 2, ok: false, errors: ['again'] });
  });

  it('a run and a power table on separate clients do not supersede each other', async () => {
    const runs = client();
    const power = client();
    const table = power.c.power({ source });
    const run = runs.c.run({ source });
    runs.workers[0].reply({ id: 1, ok: false, errors: ['run'] });
    power.workers[0].reply({ id: 1, ok: false, errors: ['power'] });
    expect(await run).toEqual({ id: 1, ok: false, errors: ['run'] });
    expect(await table).toEqual({ id: 1, ok: false, errors: ['power'] });
    expect(power.workers[0].terminated).toBe(false);
  });
});

describe('runRequest (the worker body)', () => {
  it('returns the loader messages for a scenario that does not load', () => {
    const r = runRequest({ id: 9, source: { text: 'name: x\ntitle: y\nduration: soon\n', file: 'mine.yaml' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^mine\.yaml:\d+:\d+: /);
  });

  it('with patience, a newer request waits for the warm worker; the older caller hears at once, and a request in between is dropped', async () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const { c, workers } = client({ patienceMs: 500, now: () => clock });
      const first = c.run({ source, seed: 1 });
      clock = 100;
      const second = c.run({ source, seed: 2 });
      const third = c.run({ source, seed: 3 });
      expect(await first).toEqual({ id: 1, ok: false, superseded: true });
      expect(await second).toEqual({ id: 2, ok: false, superseded: true });
      expect(workers).toHaveLength(1);
      expect(workers[0].terminated).toBe(false);
      expect(workers[0].received.map((r) => r.id)).toEqual([1]);
      // The stale reply is dropped and the newest request goes to the same, warm worker.
      workers[0].reply({ id: 1, ok: false, errors: ['stale'] });
      expect(workers[0].received.map((r) => r.id)).toEqual([1, 3]);
      workers[0].reply({ id: 3, ok: false, errors: ['third'] });
      expect(await third).toEqual({ id: 3, ok: false, errors: ['third'] });
      expect(workers).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('with patience, a busy worker past its patience is terminated and the newest request starts afresh', async () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const { c, workers } = client({ patienceMs: 500, now: () => clock });
      void c.run({ source, seed: 1 });
      clock = 200;
      const second = c.run({ source, seed: 2 });
      clock = 500;
      vi.advanceTimersByTime(300);
      expect(workers[0].terminated).toBe(true);
      expect(workers[1].received.map((r) => r.id)).toEqual([2]);
      // A request arriving long after the start does not wait at all.
      clock = 2000;
      const third = c.run({ source, seed: 3 });
      expect(await second).toEqual({ id: 2, ok: false, superseded: true });
      expect(workers[1].terminated).toBe(true);
      expect(workers[2].received.map((r) => r.id)).toEqual([3]);
      workers[2].reply({ id: 3, ok: false, errors: ['third'] });
      expect(await third).toEqual({ id: 3, ok: false, errors: ['third'] });
    } finally {
      vi.useRealTimers();
    }
  });
});
