// The simulated world a strategy acts on: one kernel, named random streams, the fleet and
// its replica sets, the router, traffic and users, the metrics pipeline, and the recorder of
// truth. Controllers (strategies, operators) register with `onStart` and act through it.
import { Simulation } from '../engine/simulation.ts';
import { streams, type RandomStreams } from '../engine/streams.ts';
import { CompatModel } from './compat/compat-model.ts';
import type { CompatibilityConfig } from './config/compatibility.ts';
import type { FleetConfig } from './config/fleet.ts';
import type { MetricsConfig, SloConfig } from './config/metrics.ts';
import type { ReleasesConfig } from './config/release.ts';
import type { RouterConfig } from './config/router.ts';
import type { TrafficConfig } from './config/traffic.ts';
import { Fleet } from './fleet/fleet.ts';
import { type Instance, InstanceState } from './fleet/instance.ts';
import type { ReplicaSet } from './fleet/replica-set.ts';
import { RequestEngine } from './fidelity/request-engine.ts';
import { AggregateEngine } from './fidelity/aggregate-engine.ts';
import { MetricSeries } from './metrics/metric-series.ts';
import { RunEventLog } from './recorder/run-events.ts';
import { RunRecorder } from './recorder/run-recorder.ts';
import { ReleaseProfile } from './release/release-profile.ts';
import { Router } from './router/router.ts';
import { ArrivalProcess } from './traffic/arrivals.ts';
import { RateCurve } from './traffic/rate-curve.ts';
import { UserPopulation } from './traffic/users.ts';
import { SessionPicker } from './traffic/sessions.ts';

/** The model's part of a scenario, parsed and normalised (seconds, ms, fractions). */
export interface ModelConfig {
  fleet: FleetConfig;
  releases: ReleasesConfig;
  traffic: TrafficConfig;
  router: RouterConfig;
  metrics: MetricsConfig;
  slo: SloConfig;
  /** Simulated seconds. */
  durationS: number;
  /** Seconds between timeline points. */
  sampleStepS: number;
  /** Schema, API and message compatibility (issue 5); absent: no compatibility model. */
  compatibility?: CompatibilityConfig;
}

export type Fidelity = 'request' | 'aggregate';

// The user population is part of the world, not of the run: it is drawn from its own fixed
// stream, so every seed of a sweep (and every slider move in the lab) meets the same users,
// and building a population of a million users (a few hundred milliseconds) happens once.
// A population is a pure function of its config and is never changed after it is built, so
// sharing one changes no result.
const POPULATION_SEED = 'population';
const populations = new Map<string, UserPopulation>();
function userPopulation(traffic: TrafficConfig): UserPopulation {
  const key = JSON.stringify([traffic.users, traffic.userSkew, traffic.routes, traffic.clients]);
  let population = populations.get(key);
  if (!population) {
    population = new UserPopulation(traffic, streams(POPULATION_SEED).get('traffic/users'));
    if (populations.size >= 4) populations.delete(populations.keys().next().value as string);
    populations.set(key, population);
  }
  return population;
}

export interface WorldOptions {
  seed: number | string;
  fidelity: Fidelity;
}

export type Controller = (world: World) => void;

/** Moments of a deploy that other parts of the model (migrations, say) can be tied to. */
export type DeployMoment = 'deploy-start' | 'promoted' | 'rollback' | 'restored';

export class World {
  readonly sim = new Simulation();
  readonly streams: RandomStreams;
  readonly fidelity: Fidelity;
  readonly log = new RunEventLog();
  readonly profiles: ReleaseProfile[];
  readonly versions: string[];
  readonly fleet: Fleet;
  readonly router: Router;
  readonly metrics: MetricSeries;
  readonly recorder: RunRecorder;
  readonly users: UserPopulation;
  /** Which user sends each request: sessions over the population. */
  readonly sessions: SessionPicker;
  readonly rateCurve: RateCurve;
  readonly arrivals: ArrivalProcess;
  readonly engine: RequestEngine | AggregateEngine;
  /** Schema, API and message compatibility (src/model/compat); null without a compatibility section. */
  readonly compat: CompatModel | null;
  readonly durationS: number;
  readonly sloLatencyMs: number;
  readonly timeoutMs: number;
  readonly fleetConfig: FleetConfig;
  readonly metricsConfig: MetricsConfig;
  /** Replica set that holds the stable version at the start. */
  readonly stableReplicaSet: number;
  /** When a deploy began (s); NaN before. Drops after it count against the release. */
  deployStartedAt = Number.NaN;
  private readonly controllers: Controller[] = [];
  private readonly momentListeners: { moment: DeployMoment; fn: () => void }[] = [];
  private readonly shareScratch: Float64Array;

  constructor(readonly config: ModelConfig, options: WorldOptions) {
    this.streams = streams(options.seed);
    this.fidelity = options.fidelity;
    this.durationS = config.durationS;
    this.fleetConfig = config.fleet;
    this.metricsConfig = config.metrics;
    this.sloLatencyMs = config.slo.latencyP99;
    this.timeoutMs = config.traffic.requestTimeout * 1000;
    const releases = [config.releases.stable, config.releases.candidate, config.releases.superseding].filter((r) => r !== undefined);
    this.profiles = releases.map((r) => new ReleaseProfile(r, config.fleet));
    this.versions = this.profiles.map((p) => p.version);
    this.users = userPopulation(config.traffic);
    this.sessions = new SessionPicker(this.users, config.traffic.sessions.meanRequests, config.traffic.sessions.concurrent);
    for (const p of this.profiles) for (const r of p.regressions) r.bind(this.users);
    this.rateCurve = new RateCurve(config.traffic.rate);
    this.arrivals = new ArrivalProcess(this.rateCurve);
    this.metrics = new MetricSeries(config.metrics, this.streams.get('metrics/scrapes'));
    this.recorder = new RunRecorder(this.versions, config.traffic.users, config.durationS);
    this.shareScratch = new Float64Array(64);
    this.compat = config.compatibility ? new CompatModel(this, config.compatibility) : null; // compatibility (issue 5)
    const world = this;
    this.fleet = new Fleet(
      this.sim,
      config.fleet,
      this.profiles,
      this.streams.get('fleet'),
      this.streams.get('fleet/probes'),
      this.log,
      {
        endpointChanged: () => {},
        instanceLost: (i) => world.engine.lose(i),
        outstanding: (i) => world.engine.outstanding(i),
      },
      config.router.propagation ?? (config.router.kind === 'mesh' ? 2 : config.router.kind === 'service' ? 1 : 0),
    );
    this.router = new Router(this.sim, config.router, this.fleet.replicaSets, this.log, config.traffic.users, this.streams.get('router/dns'), (u) => this.users.userShare(u));
    this.engine = options.fidelity === 'request' ? new RequestEngine(this) : new AggregateEngine(this);
    const stable = this.addReplicaSet(`${this.versions[0]}-stable`, 0, 'stable');
    this.stableReplicaSet = stable.index;
    this.fleet.seedReady(stable, config.fleet.replicas);
    this.router.setInitialWeights([{ replicaSet: stable.index, weight: 100 }]);
  }

  /** A new replica set (pool) of `version` in `role`, known to the router and the metrics. */
  addReplicaSet(name: string, version: number, role: string): ReplicaSet {
    const rs = this.fleet.createReplicaSet(name, version, role);
    this.router.addReplicaSet();
    this.metrics.addPool();
    return rs;
  }

  /** Calls `fn` when the strategy reaches `moment` (each time it does). */
  on(moment: DeployMoment, fn: () => void): void {
    this.momentListeners.push({ moment, fn });
  }

  /** Announces a deploy moment (strategies call this). */
  announce(moment: DeployMoment): void {
    for (const l of this.momentListeners) if (l.moment === moment) l.fn();
  }

  /** Registers a controller (a strategy, an operator) to start with the run. */
  onStart(controller: Controller): void {
    this.controllers.push(controller);
  }

  /** Latency multiplier of a warming instance: eases linearly from the configured peak to 1. */
  warmupMultiplier(i: Instance, now: number): number {
    if (i.state !== InstanceState.Warming) return 1;
    const warmup = this.profiles[i.version].warmup;
    const peak = this.fleetConfig.warmupLatencyMultiplier;
    const left = 1 - (now - i.upSince) / warmup;
    return left > 0 ? 1 + (peak - 1) * left : 1;
  }

  /** Probability that a successful request converts (business metric), with business regressions. */
  conversionRate(version: number, user: number, client: number, route: number, now: number): number {
    const profile = this.profiles[version];
    let rate = profile.conversionRate;
    for (const r of profile.regressions) {
      if (r.kind !== 'business' || !r.activeAt(now, -Infinity)) continue;
      if (r.inScope(this.users.cohort(user), client, route)) rate *= r.conversionMultiplier;
    }
    return rate;
  }

  /**
   * The replica set whose label a mislabelled request of `pool` carries: stable requests take
   * the busiest non-stable set's label, everything else takes the stable set's; −1 for none.
   */
  mislabelTarget(pool: number): number {
    if (this.fleet.replicaSets[pool].version !== 0) return this.stableReplicaSet;
    let best = -1;
    let bestWeight = 0;
    for (const rs of this.fleet.replicaSets) {
      if (rs.version === 0) continue;
      const weight = this.router.effective[rs.index] + rs.endpoints.length * 1e-6;
      if (weight > bestWeight) {
        best = rs.index;
        bestWeight = weight;
      }
    }
    return best;
  }

  /** Share of new requests per replica set right now. Reuses one buffer: copy what you keep. */
  currentShares(): Float64Array {
    this.router.shares(this.sim.now, this.shareScratch);
    return this.shareScratch;
  }

  /** Runs the whole scenario: controllers, traffic, scrapes and timeline samples. */
  run(): void {
    const sim = this.sim;
    const scrape = sim.handler(() => {
      this.engine.flush();
      this.metrics.scrape(sim.now);
    });
    sim.every(this.metricsConfig.scrapeInterval, scrape);
    const sample = sim.handler(() => this.sample());
    // Lowest priority: a sample at time t sees every other event at t.
    sim.every(this.config.sampleStepS, sample, 0, this.config.sampleStepS, 1000);
    this.compat?.start(); // compatibility (issue 5): migrations, consumers, the message queue's clock
    this.engine.start();
    for (const c of this.controllers) c(this);
    sim.run({ until: this.durationS });
    this.engine.finalize();
    this.finishCost();
  }

  private sample(): void {
    this.engine.flush();
    const n = this.versions.length;
    const instances = new Array<number>(n).fill(0);
    const ready = new Array<number>(n).fill(0);
    for (const i of this.fleet.instances) {
      if (i.state === InstanceState.Gone || !(i.provisionedAt === i.provisionedAt)) continue;
      instances[i.version]++;
      if (i.inEndpoints && i.accepting) ready[i.version]++;
    }
    this.recorder.sample(this.sim.now, instances, ready);
    if (this.router.dns) {
      // Stragglers: traffic still sent to replica sets the records no longer name (weight 0).
      const shares = this.currentShares();
      let stale = 0;
      for (let p = 0; p < this.fleet.replicaSets.length; p++) if (this.router.effective[p] <= 0) stale += shares[p];
      this.recorder.dnsStragglerShare.push(Math.round(stale * 1e6) / 1e6);
    }
  }

  private finishCost(): void {
    this.fleet.accrue(this.sim.now);
  }
}
