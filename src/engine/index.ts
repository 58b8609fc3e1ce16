// The kernel's public surface: time, events, random streams, distributions.
export * from './event-queue.ts';
export * from './simulation.ts';
export * from './signal.ts';
export * from './random-stream.ts';
export * from './streams.ts';
export * from './distributions/index.ts';
