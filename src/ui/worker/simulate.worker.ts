// The Web Worker that runs simulations off the page's thread: one request in, progress
// messages for a long one, then its result.
import type { WorkerProgress, WorkerRequest } from './protocol.ts';
import { handleRequest } from './run-request.ts';

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id } = event.data;
  self.postMessage(handleRequest(event.data, (done, total) => self.postMessage({ id, progress: { done, total } } satisfies WorkerProgress)));
};
