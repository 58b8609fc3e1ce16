// The runs of a sweep (or of `power`), done in this thread or spread over worker threads.
// Each run is a pure function of its scenario and seed, and results are stored by job index,
// never by the order they finish in: any worker count gives the same records.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunResult } from '../../scenario/run-result.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { simulate } from '../../scenario/simulate.ts';
import { recordOf, type RunRecord } from '../../scenario/sweep-record.ts';
import type { SweepJob } from '../../scenario/sweep.ts';
import { SimulationError } from '../scenario-run.ts';
import { WORKER_MARK } from './worker-mark.ts';

type Fidelity = RunResult['fidelity'];

/** What the runs need: one scenario per cell, and which expectations are run-level. */
export interface JobSet {
  scenarios: Scenario[];
  /** Per cell, the indexes of its run-level expectations in `scenario.expect`. */
  runExpect: number[][];
  fidelity: Fidelity;
  jobs: SweepJob[];
}

export interface RunOptions {
  workers: number;
  /** The script worker threads run (the bundled binary); without it, everything runs here. */
  workerScript?: URL;
  /** Called after each run with the number done so far. */
  onProgress?: (done: number) => void;
}

/** Workers to use when `--workers` is not given: the cores, but 1 for small sweeps (a thread costs ~0.1 s to start). */
export function defaultWorkers(jobs: number): number {
  if (jobs < 32) return 1;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(jobs / 16)));
}

/** One run: its record, or a SimulationError naming the cell and seed. */
export function runJob(set: Pick<JobSet, 'scenarios' | 'runExpect' | 'fidelity'>, job: SweepJob, label = 'scenario'): RunRecord {
  try {
    const result = simulate(set.scenarios[job.cell], { seed: job.seed, fidelity: set.fidelity });
    return recordOf(result, job.cell, job.k, set.runExpect[job.cell]);
  } catch (e) {
    throw new SimulationError(`${label} (cell ${job.cell}, seed ${job.seed})`, e);
  }
}

/** Every job's record, in job order. */
export async function runJobs(set: JobSet, options: RunOptions, label: string): Promise<RunRecord[]> {
  const workers = Math.min(options.workers, set.jobs.length);
  if (workers <= 1 || !options.workerScript) {
    const out: RunRecord[] = [];
    for (const job of set.jobs) {
      out.push(runJob(set, job, label));
      options.onProgress?.(out.length);
    }
    return out;
  }
  return inWorkers(set, workers, options.workerScript, options.onProgress, label);
}

type Reply = { records: RunRecord[]; from: number } | { error: string; stack?: string };

function inWorkers(set: JobSet, count: number, script: URL, onProgress: ((done: number) => void) | undefined, label: string): Promise<RunRecord[]> {
  const results: RunRecord[] = new Array(set.jobs.length);
  // Chunks small enough to balance the load, large enough that messages cost nothing.
  const chunk = Math.max(1, Math.min(32, Math.ceil(set.jobs.length / (count * 16))));
  let next = 0;
  let done = 0;
  const threads: Worker[] = [];
  return new Promise<RunRecord[]>((resolve, reject) => {
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const t of threads) void t.terminate();
      reject(e);
    };
    const feed = (w: Worker): boolean => {
      if (next >= set.jobs.length) return false;
      const from = next;
      next = Math.min(set.jobs.length, next + chunk);
      w.postMessage({ from, jobs: set.jobs.slice(from, next) });
      return true;
    };
    const data = { mark: WORKER_MARK, label, scenarios: set.scenarios, runExpect: set.runExpect, fidelity: set.fidelity };
    for (let i = 0; i < count; i++) {
      const w = new Worker(script, { workerData: data, stdout: false, stderr: false });
      threads.push(w);
      w.on('message', (reply: Reply) => {
        if ('error' in reply) {
          const e = new Error(reply.error);
          if (reply.stack) e.stack = reply.stack;
          fail(e);
          return;
        }
        reply.records.forEach((r, j) => (results[reply.from + j] = r));
        done += reply.records.length;
        onProgress?.(done);
        if (!feed(w) && done === set.jobs.length) {
          for (const t of threads) void t.terminate();
          resolve(results);
        }
      });
      w.on('error', (e) => fail(e));
      w.on('exit', (code) => {
        if (code !== 0 && done < set.jobs.length) fail(new Error(`a worker thread exited with code ${code} before the sweep finished`));
      });
      feed(w);
    }
  });
}
