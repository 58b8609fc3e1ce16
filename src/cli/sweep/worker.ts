// Inside a worker thread: takes chunks of jobs from the main thread, runs them, and sends
// back their records. The bundled binary enters here when started with WORKER_MARK data.
import { parentPort, workerData } from 'node:worker_threads';
import type { SweepJob } from '../../scenario/sweep.ts';
import { runJob, type JobSet } from './jobs.ts';

export function serveJobs(): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread');
  const set = workerData as JobSet & { label: string };
  port.on('message', (msg: { from: number; jobs: SweepJob[] }) => {
    try {
      port.postMessage({ from: msg.from, records: msg.jobs.map((job) => runJob(set, job, set.label)) });
    } catch (e) {
      port.postMessage({ error: (e as Error).message, stack: (e as Error).stack });
    }
  });
}
