// Queueing for the aggregate fidelity: steady state, backlog across ticks, latency shapes.
export { erlangB, erlangC } from './erlang.ts';
export { erlangArrivalsLoss, erlangArrivalsWait, type ErlangArrivalsWait } from './erlang-arrivals.ts';
export { queueGroup, type Balancer, type PoolQueueInput, type QueueGroup } from './queue-group.ts';
export { queueAtLoad, steadyState, type PoolSteadyState, type QueueState } from './steady-state.ts';
export { WaitMixture } from './wait-mixture.ts';
export { PoolBacklog } from './pool-backlog.ts';
export { LatencyShape, serviceShape, withExponentialWait } from './latency-shape.ts';
export { LatencyShapeCache } from './latency-shape-cache.ts';
export { LatencyMix } from './latency-mix.ts';
export { loadForContent } from './load-for-content.ts';
export { QueueTable } from './queue-table.ts';
export { rbmAgeForMean, rbmFill, rbmMeanFromEmpty } from './rbm-transient.ts';
