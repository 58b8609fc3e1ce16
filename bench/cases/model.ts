// The model at both fidelities on a 100-instance fleet (issue 3's targets):
// - request fidelity: simulated requests per second of wall time (World.run, 5,000
//   requests/s for 600 s ≈ 3 M requests; default 40 ms / 180 ms service, concurrency 32);
// - aggregate fidelity: 2 hours at 10,000 requests/s with 1 s ticks through `simulate`,
//   so the results' latency percentiles (p50/p95/p99) and timeline are included.
// Times are the simulation's own (construction + run), never the process start. The
// aggregate case runs first, so its peak RSS is its own; the request case's includes both.
import { World } from '../../src/model/world.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { modelConfig, simulate } from '../../src/scenario/simulate.ts';
import { median, nowMs, report } from './report.ts';

const fleet = { replicas: 100 };
const stable = { version: 'v1', latency: { median: 40, p99: 180 }, errorRate: 0.001 };

function requestRun(seed: number) {
  const scenario = scenarioSchema.parse({
    name: 'bench-request',
    title: 'request fidelity, 100 instances',
    duration: 600,
    fleet,
    traffic: { rate: 5000 },
    releases: { stable },
  });
  const start = nowMs();
  const world = new World(modelConfig(scenario), { seed, fidelity: 'request' });
  const built = nowMs();
  world.run();
  const end = nowMs();
  let requests = 0;
  for (const counts of world.recorder.byVersion) for (const n of counts) requests += n;
  return { requests, buildMs: built - start, runMs: end - built, events: world.sim.eventsProcessed, p99: world.recorder.latencyAll.quantile(0.99) };
}

function aggregateRun(seed: number) {
  const scenario = scenarioSchema.parse({
    name: 'bench-aggregate',
    title: 'aggregate fidelity, 2 h at 10,000 requests/s',
    duration: '2h',
    fidelity: 'aggregate',
    fleet,
    traffic: { rate: 10_000 },
    releases: { stable },
  });
  const start = nowMs();
  const result = simulate(scenario, { seed });
  return { ms: nowMs() - start, result };
}

// Aggregate fidelity: the first (cold) run, then the median of 5 warm ones.
const cold = aggregateRun(1);
const warm = [2, 3, 4, 5, 6].map((seed) => aggregateRun(seed));
const ms = median(warm.map((r) => r.ms));
const { requests, latencyMs } = cold.result.summary;
report({
  name: 'model: aggregate fidelity, 2 h at 10,000/s, 100 instances',
  result: `${ms.toFixed(1)} ms`,
  target: `< 100 ms ${ms < 100 ? '✓' : '✗'}`,
  notes:
    `simulate() incl. percentiles and timeline; median of 5 warm runs, first (cold) run ${cold.ms.toFixed(1)} ms; ` +
    `${(requests.total / 1e6).toFixed(1)} M requests, p50 ${latencyMs.p50.toFixed(1)} / p95 ${latencyMs.p95.toFixed(1)} / p99 ${latencyMs.p99.toFixed(1)} ms`,
});

// Request fidelity: one warm-up run, then the median of 3.
requestRun(1);
const request = [requestRun(2), requestRun(3), requestRun(4)];
const rate = median(request.map((r) => r.requests / (r.runMs / 1000)));
const r0 = request[0];
report({
  name: 'model: request fidelity, 100 instances',
  result: `${(rate / 1e6).toFixed(2)} M requests/s`,
  target: `≥ 1.5 M/s ${rate >= 1.5e6 ? '✓' : '✗'}`,
  notes:
    `${(r0.requests / 1e6).toFixed(2)} M requests (5,000/s × 600 s), ${(r0.events / 1e6).toFixed(2)} M events; ` +
    `run ${median(request.map((r) => r.runMs)).toFixed(0)} ms + build ${median(request.map((r) => r.buildMs)).toFixed(0)} ms (median of 3 after a warm-up); p99 ${r0.p99.toFixed(1)} ms`,
});
