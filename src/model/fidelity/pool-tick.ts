// One replica set over one aggregate tick: how many requests are refused, queued, served,
// failed, slow or timed out, and the latency mixture of those served. The same release
// profile, regressions, warm-up and per-instance limits as the request engine, in counts.
import { binomial } from '../../engine/distributions/binomial.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import { InstanceState } from '../fleet/instance.ts';
import type { LatencyHistogram } from '../metrics/latency-histogram.ts';
import type { DeferredLatency } from '../metrics/deferred-latency.ts';
import { LatencyShapeCache, survival } from '../metrics/latency-shape.ts';
import type { World } from '../world.ts';

const shapes = new LatencyShapeCache();

/** The outputs of `poolTick`, reused from tick to tick. */
export class PoolTick {
  readonly assigned: number[] = [];
  ok = 0;
  clientErrors = 0;
  errors = 0;
  timeouts = 0;
  dropped = 0;
  conversions = 0;
  slow = 0;
  releaseErrors = 0;
  releaseSlowOk = 0;
  backlogAfter = 0;
  // Latency mixture: up to two lognormal components (unaffected, affected) after a common wait.
  componentCount = 0;
  readonly mu = [0, 0];
  readonly sigma = [0, 0];
  readonly weight = [0, 0];
  waitMs = 0;

  /** Adds the served requests' latencies into `hist` (through `pending`), scaled by `scale`. */
  addLatency(pending: DeferredLatency, hist: LatencyHistogram, scale = 1): void {
    for (let k = 0; k < this.componentCount; k++) {
      const n = this.weight[k] * scale;
      if (n > 0) pending.add(hist, shapes.get(this.mu[k], this.sigma[k], this.waitMs), n);
    }
  }

  reset(): void {
    this.ok = this.clientErrors = this.errors = this.timeouts = this.dropped = 0;
    this.conversions = this.slow = this.releaseErrors = this.releaseSlowOk = 0;
    this.componentCount = 0;
    this.waitMs = 0;
  }
}

/** Draws one tick of replica set `p` receiving `arrivals` requests over `dt` seconds. */
export function poolTick(w: World, p: number, arrivals: number, backlog: number, now: number, dt: number, rng: RandomStream, out: PoolTick): void {
  out.reset();
  const rs = w.fleet.replicaSets[p];
  const endpoints = rs.endpoints;
  const profile = w.profiles[rs.version];
  let accepting = 0;
  let warmSum = 0;
  let leakHours = 0;
  for (const i of endpoints) {
    if (!i.accepting) continue;
    accepting++;
    warmSum += w.warmupMultiplier(i, now);
    if (i.state !== InstanceState.Gone) leakHours += (now - i.upSince) / 3600;
  }
  if (accepting === 0) {
    out.dropped = arrivals + backlog;
    out.backlogAfter = 0;
    return;
  }
  // Round-robin over the endpoints: the share of requests sent to instances that refuse them.
  const refused = endpoints.length > accepting ? binomial(rng, arrivals, 1 - accepting / endpoints.length) : 0;
  const admitted = arrivals - refused;
  const warm = warmSum / accepting;
  const meanHours = Number.isFinite(leakHours) ? leakHours / accepting : 0;

  // Regressions: the share of requests they touch, and what they do to those.
  const perInstanceRps = admitted / dt / accepting;
  const meanServiceS = (Math.exp(profile.mu + 0.5 * profile.sigma * profile.sigma) * warm) / 1000;
  let addedError = 0;
  let affectedShare = 0;
  let affectedMultiplier = 1;
  let tailSigma = 0;
  let conversionMultiplier = 1;
  for (const r of profile.requestRegressions) {
    const active = activeShare(rs.endpoints, r, now);
    if (active <= 0) continue;
    const scope = r.scopeRequestShare(
      (f) => w.users.requestShareOfCohort(f),
      (i) => w.users.requestShareOfClient(i),
      (i) => w.users.routeShare(i),
    );
    const share = active * scope;
    switch (r.kind) {
      case 'error-rate':
        addedError += share * r.errorRate;
        break;
      case 'latency':
        affectedShare = Math.max(affectedShare, share);
        if (r.tailOnly) tailSigma += r.tailSigmaAdd;
        else affectedMultiplier *= r.latencyMultiplier;
        break;
      case 'load':
        if (perInstanceRps > r.aboveRps || perInstanceRps * meanServiceS > r.aboveConcurrency) {
          addedError += share * r.errorRate;
          affectedShare = Math.max(affectedShare, share);
          affectedMultiplier *= r.latencyMultiplier;
        }
        break;
      case 'memory-leak':
        addedError += share * r.growthErrorPerHour * meanHours;
        affectedShare = Math.max(affectedShare, share);
        affectedMultiplier *= 1 + r.growthLatencyPerHour * meanHours;
        break;
      case 'business':
        conversionMultiplier *= 1 - share * (1 - r.conversionMultiplier);
        break;
    }
  }

  // Capacity and the fluid backlog: requests beyond what the slots serve wait, up to the queue limit.
  const slowdown = 1 + affectedShare * (affectedMultiplier - 1);
  const capacity = (accepting * w.fleetConfig.instance.concurrency * dt) / (meanServiceS * slowdown);
  const queueRoom = accepting * w.fleetConfig.instance.queueLimit;
  let after = backlog + admitted - capacity;
  let overflow = 0;
  if (after > queueRoom) {
    overflow = Math.round(after - queueRoom);
    after = queueRoom;
  }
  if (after < 0) after = 0;
  out.backlogAfter = after;
  const served = Math.max(0, Math.round(backlog + admitted - overflow - after));
  // Overflow can exceed this tick's arrivals when the queue room shrank (instances left):
  // requests queued in earlier ticks are dropped too.
  out.dropped = refused + overflow;
  // A request waits for the queue ahead of it to drain: the mean backlog over the tick ÷ throughput.
  const waitS = (0.5 * (backlog + after) * dt) / Math.max(capacity, 1e-9);
  out.waitMs = waitS * 1000;

  // Latency components (ms): unaffected and affected requests.
  const mu0 = profile.mu + Math.log(warm);
  const sigma0 = profile.sigma;
  out.componentCount = affectedShare > 0 ? 2 : 1;
  out.mu[0] = mu0;
  out.sigma[0] = sigma0;
  out.weight[0] = served * (1 - affectedShare);
  if (affectedShare > 0) {
    out.mu[1] = mu0 + Math.log(affectedMultiplier);
    out.sigma[1] = sigma0 + tailSigma;
    out.weight[1] = served * affectedShare;
  }
  const exceeds = (limitMs: number, k: number) => {
    const room = limitMs - out.waitMs;
    return room <= 0 ? 1 : survival((Math.log(room) - out.mu[k]) / out.sigma[k]);
  };
  const overShare = (limitMs: number) =>
    (1 - affectedShare) * exceeds(limitMs, 0) + (affectedShare > 0 ? affectedShare * exceeds(limitMs, 1) : 0);

  // Outcomes, in the request engine's order: timeouts, then 5xx, then 4xx.
  out.timeouts = binomial(rng, served, Math.min(1, overShare(w.timeoutMs)));
  const answered = served - out.timeouts;
  const pError = Math.min(1, profile.errorRate + addedError);
  out.errors = binomial(rng, answered, pError);
  const stableRate = rs.version === 0 ? profile.errorRate : w.profiles[0].errorRate;
  out.releaseErrors = pError > 0 ? binomial(rng, out.errors, Math.max(0, pError - stableRate) / pError) : 0;
  out.clientErrors = pError < 1 ? binomial(rng, answered - out.errors, Math.min(1, profile.clientErrorRate / (1 - pError))) : 0;
  out.ok = answered - out.errors - out.clientErrors;
  out.conversions = binomial(rng, out.ok, Math.min(1, profile.conversionRate * conversionMultiplier));
  const pSlow = overShare(w.sloLatencyMs);
  out.slow = binomial(rng, answered, Math.min(1, pSlow));
  if (rs.version !== 0 && affectedShare > 0) {
    const pSlowBase = exceeds(w.sloLatencyMs, 0);
    const extra = Math.max(0, pSlow - pSlowBase);
    out.releaseSlowOk = binomial(rng, answered - out.releaseErrors, Math.min(1, extra));
  }
  // Timeouts caused by the release count as affected too.
  if (rs.version !== 0 && out.timeouts > 0 && affectedShare > 0) {
    const base = exceeds(w.timeoutMs, 0);
    const all = overShare(w.timeoutMs);
    out.releaseErrors += binomial(rng, out.timeouts, all > 0 ? Math.max(0, all - base) / all : 0);
  }
}

/** Share of a pool's accepting endpoints on which a regression's onset has passed. */
function activeShare(endpoints: readonly { accepting: boolean; upSince: number }[], r: { activeAt(now: number, upSince: number): boolean }, now: number): number {
  let n = 0;
  let active = 0;
  for (const i of endpoints) {
    if (!i.accepting) continue;
    n++;
    if (r.activeAt(now, i.upSince)) active++;
  }
  return n > 0 ? active / n : 0;
}
