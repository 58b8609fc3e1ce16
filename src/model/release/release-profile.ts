// A release as the hot path uses it: latency as lognormal parameters (log-milliseconds),
// base error and conversion rates, boot and warm-up timings, and compiled regressions.
import { lognormalParams } from '../../engine/distributions/lognormal.ts';
import type { DurationDistribution, FleetConfig } from '../config/fleet.ts';
import type { ReleaseConfig } from '../config/release.ts';
import { Regression } from './regression.ts';

export class ReleaseProfile {
  readonly version: string;
  /** Lognormal parameters of the service time in milliseconds. */
  readonly mu: number;
  readonly sigma: number;
  readonly errorRate: number;
  readonly clientErrorRate: number;
  readonly conversionRate: number;
  readonly boot: DurationDistribution;
  readonly warmup: number;
  readonly regressions: Regression[];
  /** The regressions that act on requests (error, latency, load, leak, business), for the hot path. */
  readonly requestRegressions: Regression[];
  /** Uptime (s) at which instances of this version crash; Infinity when none does. */
  readonly crashAfter: number;
  /** True when the readiness probe of this version never passes. */
  readonly failsReadiness: boolean;

  constructor(readonly config: ReleaseConfig, fleet: FleetConfig) {
    this.version = config.version;
    const { mu, sigma } = lognormalParams(config.latency.median, config.latency.p99);
    this.mu = mu;
    this.sigma = sigma;
    this.errorRate = config.errorRate;
    this.clientErrorRate = config.clientErrorRate;
    this.conversionRate = config.conversionRate;
    this.boot = config.boot ?? fleet.boot;
    this.warmup = config.warmup ?? fleet.warmup;
    this.regressions = config.regressions.map((r) => new Regression(r));
    this.requestRegressions = this.regressions.filter((r) => r.kind !== 'crash-loop' && r.kind !== 'readiness');
    this.crashAfter = Math.min(Infinity, ...this.regressions.map((r) => r.crashAfter));
    this.failsReadiness = this.regressions.some((r) => r.kind === 'readiness');
  }
}
