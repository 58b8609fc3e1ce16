// Injected regressions, compiled for the hot path: each answers "does it apply to this
// request on this instance now?" and contributes an added error probability, a latency
// stretch, a conversion multiplier, or a crash or readiness failure of the instance.
import { Z_99 } from '../../engine/distributions/lognormal.ts';
import type { RegressionConfig } from '../config/release.ts';

export const enum OnsetKind {
  Deploy,
  At,
  AfterUptime,
}
export const enum ScopeKind {
  All,
  UserShare,
  ClientVersion,
  Route,
}

export class Regression {
  readonly kind: RegressionConfig['kind'];
  readonly onset: OnsetKind;
  readonly onsetSeconds: number;
  readonly scope: ScopeKind;
  readonly scopeShare: number;
  readonly scopeName: string;
  /** Index of the client version or route named by the scope, set by `bind`; −1 matches nothing. */
  scopeIndex = -1;
  readonly errorRate: number;
  readonly latencyMultiplier: number;
  /** For tail-only latency: the added lognormal sigma that moves p99 by the multiplier and leaves the median. */
  readonly tailSigmaAdd: number;
  readonly tailOnly: boolean;
  readonly aboveRps: number;
  readonly aboveConcurrency: number;
  readonly growthLatencyPerHour: number;
  readonly growthErrorPerHour: number;
  readonly crashAfter: number;
  readonly conversionMultiplier: number;

  constructor(readonly config: RegressionConfig) {
    this.kind = config.kind;
    const onset = config.onset;
    if (onset === 'deploy') {
      this.onset = OnsetKind.Deploy;
      this.onsetSeconds = 0;
    } else if ('at' in onset) {
      this.onset = OnsetKind.At;
      this.onsetSeconds = onset.at;
    } else {
      this.onset = OnsetKind.AfterUptime;
      this.onsetSeconds = onset.afterUptime;
    }
    const scope = config.scope;
    this.scopeShare = 1;
    this.scopeName = '';
    if (scope === 'all') this.scope = ScopeKind.All;
    else if ('userShare' in scope) {
      this.scope = ScopeKind.UserShare;
      this.scopeShare = scope.userShare;
    } else if ('clientVersion' in scope) {
      this.scope = ScopeKind.ClientVersion;
      this.scopeName = scope.clientVersion;
    } else {
      this.scope = ScopeKind.Route;
      this.scopeName = scope.route;
    }
    this.errorRate = config.kind === 'error-rate' || config.kind === 'load' ? config.errorRate : 0;
    this.latencyMultiplier = config.kind === 'latency' ? config.multiplier : config.kind === 'load' ? config.latencyMultiplier : 1;
    this.tailOnly = config.kind === 'latency' && config.tailOnly;
    this.tailSigmaAdd = this.tailOnly ? Math.log(this.latencyMultiplier) / Z_99 : 0;
    this.aboveRps = config.kind === 'load' ? (config.aboveRps ?? Infinity) : Infinity;
    this.aboveConcurrency = config.kind === 'load' ? (config.aboveConcurrency ?? Infinity) : Infinity;
    this.growthLatencyPerHour = config.kind === 'memory-leak' ? config.latencyGrowthPerHour : 0;
    this.growthErrorPerHour = config.kind === 'memory-leak' ? config.errorRateGrowthPerHour : 0;
    this.crashAfter =
      config.kind === 'crash-loop' ? config.crashAfter : config.kind === 'memory-leak' ? (config.crashAfter ?? Infinity) : Infinity;
    this.conversionMultiplier = config.kind === 'business' ? config.conversionMultiplier : 1;
  }

  /** Share of all requests inside the scope (the aggregate model's weight), set by `bind`. */
  requestShare = 1;

  /**
   * Resolves a client-version or route scope to its index among the traffic's names, and
   * the scope's share of requests once: the population does not change during a run.
   */
  bind(population: {
    clientVersions: readonly string[];
    routeNames: readonly string[];
    requestShareOfCohort(f: number): number;
    requestShareOfClient(i: number): number;
    routeShare(i: number): number;
  }): void {
    if (this.scope === ScopeKind.ClientVersion) this.scopeIndex = population.clientVersions.indexOf(this.scopeName);
    else if (this.scope === ScopeKind.Route) this.scopeIndex = population.routeNames.indexOf(this.scopeName);
    switch (this.scope) {
      case ScopeKind.All:
        this.requestShare = 1;
        break;
      case ScopeKind.UserShare:
        this.requestShare = population.requestShareOfCohort(this.scopeShare);
        break;
      case ScopeKind.ClientVersion:
        this.requestShare = this.scopeIndex < 0 ? 0 : population.requestShareOfClient(this.scopeIndex);
        break;
      default:
        this.requestShare = this.scopeIndex < 0 ? 0 : population.routeShare(this.scopeIndex);
    }
  }

  /** Whether the onset has passed for an instance up since `upSince` (seconds; NaN if not up). */
  activeAt(now: number, upSince: number): boolean {
    if (this.onset === OnsetKind.Deploy) return true;
    if (this.onset === OnsetKind.At) return now >= this.onsetSeconds;
    return now - upSince >= this.onsetSeconds;
  }

  /** Whether a request (its user's cohort, client and route) is inside the scope. */
  inScope(cohort: number, client: number, route: number): boolean {
    switch (this.scope) {
      case ScopeKind.All:
        return true;
      case ScopeKind.UserShare:
        return cohort < this.scopeShare;
      case ScopeKind.ClientVersion:
        return client === this.scopeIndex;
      default:
        return route === this.scopeIndex;
    }
  }
}
