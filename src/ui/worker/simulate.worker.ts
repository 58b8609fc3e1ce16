// The Web Worker that runs simulations off the page's thread: one request in, one result out.
import type { WorkerRequest } from './protocol.ts';
import { handleRequest } from './run-request.ts';

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  self.postMessage(handleRequest(event.data));
};
