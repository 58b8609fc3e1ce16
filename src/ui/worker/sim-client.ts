// The page's side of the simulation worker. A newer request supersedes an older one: the
// simulation cannot be interrupted, so a busy worker is terminated and a fresh one started,
// and the older caller hears that it was superseded.
import type { CompareOutcome, CompareRequest, SimOutcome, SimRequest, WorkerRequest, WorkerResponse } from './protocol.ts';

/** The part of a Worker the client uses (a fake stands in for it in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type WorkerFactory = () => WorkerLike;

export const createSimWorker: WorkerFactory = () =>
  new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module', name: 'rollout-lab-simulation' }) as unknown as WorkerLike;

export class SimClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private pending: { id: number; resolve: (o: SimOutcome | CompareOutcome) => void } | null = null;

  constructor(private readonly factory: WorkerFactory = createSimWorker) {}

  /** Runs a request; resolves with its response, or `superseded` if another request came first. */
  run(request: Omit<SimRequest, 'id'>): Promise<SimOutcome> {
    return this.send({ ...request, kind: 'run' }) as Promise<SimOutcome>;
  }

  /** Runs every strategy on the scenario; superseded like {@link run} (the two share the worker). */
  compare(request: Omit<CompareRequest, 'id' | 'kind'>): Promise<CompareOutcome> {
    return this.send({ ...request, kind: 'compare' }) as Promise<CompareOutcome>;
  }

  private send(request: Omit<SimRequest, 'id'> | Omit<CompareRequest, 'id'>): Promise<SimOutcome | CompareOutcome> {
    const id = this.nextId++;
    if (this.pending) {
      // The worker is busy with a stale request: stop it rather than wait.
      this.pending.resolve({ id: this.pending.id, ok: false, superseded: true });
      this.pending = null;
      this.worker?.terminate();
      this.worker = null;
    }
    const worker = this.ensureWorker();
    return new Promise<SimOutcome | CompareOutcome>((resolve) => {
      this.pending = { id, resolve };
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  /** Stops the worker; a pending request resolves as superseded. */
  dispose(): void {
    this.pending?.resolve({ id: this.pending.id, ok: false, superseded: true });
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.factory();
    w.onmessage = (event) => {
      const p = this.pending;
      if (!p || event.data.id !== p.id) return;
      this.pending = null;
      p.resolve(event.data);
    };
    w.onerror = (event) => {
      const p = this.pending;
      this.pending = null;
      this.worker?.terminate();
      this.worker = null;
      event.preventDefault?.();
      p?.resolve({ id: p.id, ok: false, errors: [`the simulation worker failed: ${event.message || 'unknown error'}`] });
    };
    this.worker = w;
    return w;
  }
}
