// The mark in a worker thread's data that tells the bundled binary to serve sweep jobs
// instead of reading a command line. A module of its own, so the entry point can check it
// before loading anything else.

export const WORKER_MARK = 'rollout-lab-sweep-worker';

export function isWorkerData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { mark?: unknown }).mark === WORKER_MARK;
}
