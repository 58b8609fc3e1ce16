// The Web Worker that runs simulations off the page's thread: one request in, one result out.
import type { SimRequest } from './protocol.ts';
import { runRequest } from './run-request.ts';

self.onmessage = (event: MessageEvent<SimRequest>) => {
  self.postMessage(runRequest(event.data));
};
