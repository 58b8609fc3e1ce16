// The page's side of the simulation worker. A newer request supersedes an older one: the
// older caller hears at once that it was superseded. The simulation cannot be interrupted, so
// a busy worker is terminated and a fresh one started — at once, or (with `patienceMs`) only
// if it is still busy after a short grace, since a warm worker finishing a quick run and then
// taking the newest one beats a cold start. A long request (power) reports progress on the way.
import type { CompareOutcome, CompareRequest, PowerOutcome, PowerRequest, SimOutcome, SimRequest, WorkerMessage, WorkerProgress, WorkerRequest } from './protocol.ts';

/** The part of a Worker the client uses (a fake stands in for it in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type WorkerFactory = () => WorkerLike;

/** A real worker; `name` tells a page's workers apart in the browser's dev tools. */
export const createSimWorker = (name = 'rollout-lab-simulation'): WorkerLike =>
  new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike;

type Outcome = SimOutcome | CompareOutcome | PowerOutcome;
type Progress = WorkerProgress['progress'];
/** A request before it has its id (distributed over the kinds, so each keeps its fields). */
type Unsent<R = WorkerRequest> = R extends unknown ? Omit<R, 'id'> : never;

interface Job {
  id: number;
  request: Unsent;
  resolve: (o: Outcome) => void;
  onProgress?: (p: Progress) => void;
}

export interface SimClientOptions {
  /**
   * How long a busy worker may finish the request it is on when a newer one arrives (ms,
   * counted from when it started). Within it, the newer request waits for the worker — which
   * is then still warm — instead of a fresh worker paying its start-up and a cold JIT; past
   * it, the worker is terminated. 0 (the default) terminates at once. Either way, the older
   * caller hears at once that it was superseded, and a request that was waiting behind it is
   * dropped.
   */
  patienceMs?: number;
  now?: () => number;
}

export class SimClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  /** The request the worker is on; `wanted` is false once a newer request superseded it. */
  private inFlight: (Job & { startedAt: number; wanted: boolean }) | null = null;
  /** The newest request, waiting for the worker to finish a superseded one. */
  private queued: Job | null = null;
  private patienceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly patienceMs: number;
  private readonly now: () => number;

  constructor(
    private readonly factory: WorkerFactory = createSimWorker,
    options: SimClientOptions = {},
  ) {
    this.patienceMs = options.patienceMs ?? 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** Runs a request; resolves with its response, or `superseded` if another request came first. */
  run(request: Omit<SimRequest, 'id'>): Promise<SimOutcome> {
    return this.send({ ...request, kind: 'run' }) as Promise<SimOutcome>;
  }

  /** Runs every strategy on the scenario; superseded like {@link run} (the two share the worker). */
  compare(request: Omit<CompareRequest, 'id' | 'kind'>): Promise<CompareOutcome> {
    return this.send({ ...request, kind: 'compare' }) as Promise<CompareOutcome>;
  }

  /**
   * The analysis's detection power over weight × hold; `onProgress` hears of each finished run.
   * Superseded like {@link run}: give power its own client so that runs do not cancel it.
   */
  power(request: Omit<PowerRequest, 'id' | 'kind'>, onProgress?: (p: Progress) => void): Promise<PowerOutcome> {
    return this.send({ ...request, kind: 'power' }, onProgress) as Promise<PowerOutcome>;
  }

  private send(request: Unsent, onProgress?: (p: Progress) => void): Promise<Outcome> {
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const job: Job = { id, request, resolve, onProgress };
      const busy = this.inFlight;
      if (!busy) return this.start(job);
      if (busy.wanted) {
        busy.wanted = false;
        busy.resolve(superseded(busy.id));
      }
      if (this.queued) this.queued.resolve(superseded(this.queued.id));
      this.queued = job;
      const waited = this.now() - busy.startedAt;
      clearTimeout(this.patienceTimer);
      if (waited >= this.patienceMs) this.restart();
      else this.patienceTimer = setTimeout(() => this.restart(), this.patienceMs - waited);
    });
  }

  /** The busy worker has had its chance: stop it, and start the waiting request on a fresh one. */
  private restart(): void {
    clearTimeout(this.patienceTimer);
    this.worker?.terminate();
    this.worker = null;
    this.inFlight = null;
    const next = this.queued;
    this.queued = null;
    if (next) this.start(next);
  }

  private start(job: Job): void {
    this.inFlight = { ...job, startedAt: this.now(), wanted: true };
    this.ensureWorker().postMessage({ ...job.request, id: job.id } as WorkerRequest);
  }

  /** The worker finished (or failed) its request: the next one, if any, goes now. */
  private finished(): void {
    clearTimeout(this.patienceTimer);
    this.inFlight = null;
    const next = this.queued;
    this.queued = null;
    if (next) this.start(next);
  }

  /** Stops the worker; pending requests resolve as superseded. */
  dispose(): void {
    clearTimeout(this.patienceTimer);
    if (this.inFlight?.wanted) this.inFlight.resolve(superseded(this.inFlight.id));
    this.queued?.resolve(superseded(this.queued.id));
    this.inFlight = null;
    this.queued = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.factory();
    w.onmessage = (event) => {
      const job = this.inFlight;
      if (!job || event.data.id !== job.id) return;
      if ('progress' in event.data) {
        if (job.wanted) job.onProgress?.(event.data.progress);
        return;
      }
      if (job.wanted) job.resolve(event.data);
      this.finished();
    };
    w.onerror = (event) => {
      const job = this.inFlight;
      this.worker?.terminate();
      this.worker = null;
      event.preventDefault?.();
      if (job?.wanted) job.resolve({ id: job.id, ok: false, errors: [`the simulation worker failed: ${event.message || 'unknown error'}`] });
      this.finished();
    };
    this.worker = w;
    return w;
  }
}

function superseded(id: number): Outcome {
  return { id, ok: false, superseded: true };
}
