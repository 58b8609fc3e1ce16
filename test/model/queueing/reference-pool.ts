// A small request-level reference for the queueing tests: one pool of identical instances,
// Poisson arrivals, a balancer, c concurrency slots and a FIFO queue of K per instance.
// Every request is an event on the kernel; latencies go to a histogram per arrival second.
import { exponential } from '../../../src/engine/distributions/exponential.ts';
import { lognormal } from '../../../src/engine/distributions/lognormal.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { streams } from '../../../src/engine/streams.ts';
import { LatencyHistogram } from '../../../src/model/metrics/latency-histogram.ts';
import type { Balancer } from '../../../src/model/queueing/index.ts';

/** Service time of one request: ln(ms) ~ Normal(mu, sigma), or exponential with a mean in ms. */
export type ServiceTime = { kind: 'lognormal'; mu: number; sigma: number } | { kind: 'exponential'; meanMs: number };

export interface ReferencePoolOptions {
  seed: number;
  instances: number;
  concurrency: number;
  queueLimit: number;
  balancer: Balancer;
  service: ServiceTime;
  /** Arrival rate of the whole pool (requests/s) from `fromS` on; the first starts at 0. */
  rates: ReadonlyArray<{ fromS: number; rate: number }>;
  /** Simulated seconds; arrivals stop then, requests in flight still finish. */
  durationS: number;
  /** Service times of requests that start service in [fromS, toS) are multiplied by `factor`. */
  slowdown?: { fromS: number; toS: number; factor: number };
}

export interface ReferencePoolResult {
  /** Requests that arrived in second t. */
  arrivals: Float64Array;
  /** Requests rejected (queue full) among them. */
  dropped: Float64Array;
  /** Latency (wait + service, ms) of the served requests that arrived in second t. */
  latency: LatencyHistogram[];
}

/** Runs the reference pool; ~1 µs a request. */
export function runReferencePool(o: ReferencePoolOptions): ReferencePoolResult {
  const { instances: n, concurrency: c, queueLimit: k } = o;
  const sim = new Simulation();
  const rng = streams(o.seed);
  const arrivalRng = rng.get('arrivals');
  const serviceRng = rng.get('service');
  const balancerRng = rng.get('balancer');
  const seconds = Math.ceil(o.durationS);
  const arrivals = new Float64Array(seconds);
  const dropped = new Float64Array(seconds);
  const latency = Array.from({ length: seconds }, () => new LatencyHistogram());

  const draw =
    o.service.kind === 'lognormal'
      ? ((mu: number, sigma: number) => () => lognormal(serviceRng, mu, sigma) / 1000)(o.service.mu, o.service.sigma)
      : ((rate: number) => () => exponential(serviceRng, rate))(1000 / o.service.meanMs);
  const slow = o.slowdown;
  const serviceS = slow ? () => draw() * (sim.now >= slow.fromS && sim.now < slow.toS ? slow.factor : 1) : draw;

  // Queue per instance: a ring of arrival times in one flat array.
  let ring = 1;
  while (ring < k + 1) ring <<= 1;
  const queue = new Float64Array(n * ring);
  const head = new Int32Array(n);
  const queued = new Int32Array(n);
  const busy = new Int32Array(n);
  // In-service requests: slot → (instance, arrival time); at most n·c at once.
  const slotInstance = new Int32Array(n * c);
  const slotArrival = new Float64Array(n * c);
  const freeSlots = new Int32Array(n * c);
  for (let i = 0; i < n * c; i++) freeSlots[i] = n * c - 1 - i;
  let free = n * c;
  let nextRoundRobin = 0;

  const complete = sim.handler((slot) => {
    const instance = slotInstance[slot];
    const arrivedAt = slotArrival[slot];
    latency[Math.floor(arrivedAt)].record((sim.now - arrivedAt) * 1000);
    if (queued[instance] > 0) {
      slotArrival[slot] = queue[instance * ring + head[instance]];
      head[instance] = (head[instance] + 1) & (ring - 1);
      queued[instance]--;
      sim.after(serviceS(), complete, slot);
    } else {
      busy[instance]--;
      freeSlots[free++] = slot;
    }
  });

  function pick(): number {
    if (o.balancer === 'round-robin') {
      const i = nextRoundRobin;
      nextRoundRobin = i + 1 === n ? 0 : i + 1;
      return i;
    }
    if (o.balancer === 'random') return Math.floor(balancerRng.next() * n);
    // Least outstanding (in service + queued); ties go to the first from a rotating start.
    let best = -1;
    let bestLoad = Infinity;
    for (let j = 0; j < n; j++) {
      const i = (nextRoundRobin + j) % n;
      const load = busy[i] + queued[i];
      if (load < bestLoad) {
        bestLoad = load;
        best = i;
      }
    }
    nextRoundRobin = nextRoundRobin + 1 === n ? 0 : nextRoundRobin + 1;
    return best;
  }

  let segment = 0;
  const arrive = sim.handler(() => {
    const now = sim.now;
    const second = Math.floor(now);
    arrivals[second]++;
    const i = pick();
    if (busy[i] < c) {
      busy[i]++;
      const slot = freeSlots[--free];
      slotInstance[slot] = i;
      slotArrival[slot] = now;
      sim.after(serviceS(), complete, slot);
    } else if (queued[i] < k) {
      queue[i * ring + ((head[i] + queued[i]) & (ring - 1))] = now;
      queued[i]++;
    } else {
      dropped[second]++;
    }
    scheduleNext();
  });
  // A rate change redraws the next gap from the change on: exact, since gaps are memoryless.
  const rateChange = sim.handler(() => {
    segment++;
    scheduleNext();
  });
  function scheduleNext(): void {
    const rate = o.rates[segment].rate;
    const boundary = segment + 1 < o.rates.length ? o.rates[segment + 1].fromS : o.durationS;
    const next = sim.now + (rate > 0 ? exponential(arrivalRng, rate) : Infinity);
    if (next < boundary) sim.at(next, arrive);
    else if (segment + 1 < o.rates.length) sim.at(boundary, rateChange);
  }
  scheduleNext();
  sim.run();
  return { arrivals, dropped, latency };
}

/** Sums seconds [from, to) of a per-second series. */
export function sumRange(series: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let t = from; t < to; t++) s += series[t];
  return s;
}

/** Merges the histograms of seconds [from, to). */
export function mergeRange(hists: LatencyHistogram[], from: number, to: number): LatencyHistogram {
  const out = new LatencyHistogram();
  for (let t = from; t < to; t++) out.addFrom(hists[t]);
  return out;
}
