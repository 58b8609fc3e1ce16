import { describe, expect, it } from 'vitest';
import type { SimRequest, SimResponse } from '../../src/ui/worker/protocol.ts';
import { runRequest } from '../../src/ui/worker/run-request.ts';
import { SimClient, type WorkerLike } from '../../src/ui/worker/sim-client.ts';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  received: SimRequest[] = [];
  terminated = false;
  postMessage(m: SimRequest): void {
    this.received.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: SimResponse): void {
    this.onmessage?.({ data: r } as MessageEvent<SimResponse>);
  }
}

const source = { text: 'name: x' };

describe('SimClient', () => {
  it('answers a request with its response', async () => {
    const workers: FakeWorker[] = [];
    const client = new SimClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const p = client.run({ source, seed: 4 });
    expect(workers[0].received[0]).toMatchObject({ id: 1, seed: 4, source });
    workers[0].reply({ id: 1, ok: false, errors: ['bad'] });
    expect(await p).toEqual({ id: 1, ok: false, errors: ['bad'] });
  });

  it('a newer request supersedes a running one: the busy worker is replaced', async () => {
    const workers: FakeWorker[] = [];
    const client = new SimClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const first = client.run({ source, seed: 1 });
    const second = client.run({ source, seed: 2 });
    expect(await first).toEqual({ id: 1, ok: false, superseded: true });
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].received[0]).toMatchObject({ id: 2, seed: 2 });
    workers[1].reply({ id: 2, ok: false, errors: ['second'] });
    expect(await second).toEqual({ id: 2, ok: false, errors: ['second'] });
  });

  it('reuses an idle worker and ignores stale replies', async () => {
    const workers: FakeWorker[] = [];
    const client = new SimClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const a = client.run({ source });
    workers[0].reply({ id: 1, ok: false, errors: ['a'] });
    await a;
    const b = client.run({ source });
    workers[0].reply({ id: 1, ok: false, errors: ['stale'] });
    workers[0].reply({ id: 2, ok: false, errors: ['b'] });
    expect(await b).toEqual({ id: 2, ok: false, errors: ['b'] });
    expect(workers).toHaveLength(1);
  });
});

describe('runRequest (the worker body)', () => {
  it('returns the loader messages for a scenario that does not load', () => {
    const r = runRequest({ id: 9, source: { text: 'name: x\ntitle: y\nduration: soon\n', file: 'mine.yaml' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^mine\.yaml:\d+:\d+: /);
  });
});
