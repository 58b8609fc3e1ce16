// The compatibility model of one run: the shared database and its migrations, the API's
// clients, the message queue and its consumers, and the books. The engines ask it about
// each served request (request fidelity) or each replica set's tick (aggregate fidelity);
// the same probabilities drive both. `world.compat` is null when a scenario has none.
import { binomial } from '../../engine/distributions/binomial.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import type { CompatibilityConfig, ReleaseCompatConfig } from '../config/compatibility.ts';
import type { World } from '../world.ts';
import { ApiContracts } from './api-contracts.ts';
import { CAUSE_API, CAUSE_MESSAGE, CAUSE_SCHEMA, CompatLedger, type CompatPhase } from './compat-ledger.ts';
import { ConsumerFleet } from './consumer-fleet.ts';
import { DataUsage } from './data-usage.ts';
import { Database } from './database.ts';
import { MessageQueue } from './message-queue.ts';
import { type MigrationRecord, MigrationRunner } from './migrations.ts';
import { Triggers } from './triggers.ts';

/** The messages' part of the results. */
export interface MessageReport {
  produced: number;
  consumed: number;
  deadLettered: number;
  lost: number;
  inQueue: number;
  /** Consumed, but later than `delayedAfter` after publication. */
  delayed: number;
  /** Deliveries a worker could not parse (retried or dead-lettered). */
  parseFailures: number;
  peakBacklog: number;
  peakLagS: number;
  consumersUpdated: number;
  consumers: number;
  /** Backlog, dead-letter queue and lag at each timeline step. */
  timeline: { t: number[]; backlog: number[]; deadLettered: number[]; lagS: number[] };
}

/** What the compatibility model reports at the end of a run. */
export interface CompatReport {
  failures: number;
  byCause: { schema: number; api: number; message: number };
  byVersion: Record<string, number>;
  messagesDeadLettered: number;
  messagesLost: number;
  restoredByRollback: boolean | null;
  /** Failures at or after the moment a rollback restored the traffic (null: no restore). */
  failuresAfterRestore: number | null;
  firstFailureAtS: number | null;
  phases: CompatPhase[];
  migrations: MigrationRecord[];
  messages: MessageReport | null;
}

type Publishes = NonNullable<ReleaseCompatConfig['publishes']>;

export class CompatModel {
  readonly ledger: CompatLedger;
  readonly db: Database | null = null;
  readonly data: DataUsage | null = null;
  readonly api: ApiContracts | null = null;
  readonly migrations: MigrationRunner | null = null;
  readonly queue: MessageQueue | null = null;
  /** Aggregate fidelity's draws for compatibility (its own stream: the others' numbers stay put). */
  readonly rng: RandomStream;
  /** Set by `shares`: probabilities that a request of the version fails on schema / API now. */
  pSchema = 0;
  pApi = 0;
  private readonly requestRng: RandomStream;
  private readonly triggers: Triggers;
  private readonly publishes: (Publishes | null)[];
  private readonly timeline = { t: [] as number[], backlog: [] as number[], deadLettered: [] as number[], lagS: [] as number[] };
  private deadLetterAlerted = false;

  constructor(
    private readonly world: World,
    readonly config: CompatibilityConfig,
  ) {
    const releases = world.versions.map((v) => config.releases[v]);
    const users = world.users;
    const routeShares = Float64Array.from(users.routeNames, (_, i) => users.routeShare(i));
    this.rng = world.streams.get('compat/aggregate');
    this.requestRng = world.streams.get('compat/requests');
    this.triggers = new Triggers(world);
    this.publishes = releases.map((r) => r?.publishes ?? null);
    this.ledger = new CompatLedger(world.versions, world.log, (cause, version, now) => this.describe(cause, version, now));
    if (config.database) {
      this.db = new Database(config.database.tables, DataUsage.maxFormat(releases));
      this.data = new DataUsage(this.db, releases, users.routeNames, routeShares);
      this.migrations = new MigrationRunner(this.db, config.database.migrations, world.sim, world.log, this.ledger, this.triggers);
    }
    if (config.api) this.api = new ApiContracts(config.api, releases, users.routeNames, routeShares, users, world.streams.get('compat/clients'));
    if (config.messages) {
      const m = config.messages;
      const formats = Math.max(1, ...m.formats.map((f) => f.version), ...this.publishes.map((p) => p?.format ?? 1), ...m.consumers.versions.flatMap((v) => v.formats));
      const fleet = new ConsumerFleet(m, formats);
      this.queue = new MessageQueue(m, fleet, world.versions.length, formats, world.streams.get('compat/messages'), (producer, n, how, now) => this.messageFailed(producer, n, how, now));
    }
  }

  /** Registers the model's timers and listeners; called as the run starts. */
  start(): void {
    const w = this.world;
    const sim = w.sim;
    const ledger = this.ledger;
    w.on('deploy-start', () => ledger.milestone('deploy-start', sim.now));
    w.on('promoted', () => ledger.milestone('promoted', sim.now));
    w.on('rollback', () => ledger.rollback(sim.now));
    w.on('restored', () => ledger.restored(sim.now));
    this.migrations?.start((moment, fn) => w.on(moment, fn));
    const rollout = this.config.messages?.consumers.rollout;
    if (rollout && this.queue) this.triggers.when(rollout.at, rollout.delay, () => this.rollConsumers());
    if (this.migrations !== null || this.queue !== null) {
      // Just after the aggregate engine's tick at the same time (−1000): what was published in
      // the second that ended is queued now, in both fidelities.
      sim.every(1, sim.handler(() => this.tick()), 0, 0, -500);
    }
    if (this.queue !== null) sim.every(w.config.sampleStepS, sim.handler(() => this.sample()), 0, w.config.sampleStepS, 1000);
  }

  /**
   * Request fidelity: one served request of `version` (`ok`: its outcome so far is a
   * success). Returns the compatibility cause that fails it (CAUSE_*), or 0. Books it,
   * performs its writes and publishes its message — unless it is a mirrored `shadow` copy,
   * whose failures show in the mirror's metrics only. Allocation-free.
   */
  serve(version: number, user: number, route: number, now: number, ok: boolean, shadow: boolean): number {
    let cause = 0;
    if (this.data !== null && this.data.serve(version, route, this.requestRng, !shadow)) cause = CAUSE_SCHEMA;
    else if (this.api !== null && this.api.serve(version, user, route, now, this.requestRng)) cause = CAUSE_API;
    if (shadow) return cause;
    if (cause !== 0) this.ledger.record(cause, version, 1, now);
    else if (ok && this.queue !== null) {
      const pub = this.publishes[version];
      if (pub !== null && this.requestRng.next() < pub.share) this.queue.publish(version, pub.format, 1);
    }
    return cause;
  }

  /** Aggregate fidelity: sets `pSchema` and `pApi` for a replica set of `version` now. */
  shares(version: number, now: number): void {
    this.pSchema = this.data !== null ? this.data.failShare(version) : 0;
    this.pApi = this.api !== null ? this.api.failShare(version, now) : 0;
  }

  /**
   * Aggregate fidelity: books a replica set's tick — its writes, failures and messages.
   * `schemaFailures` and `apiFailures` came from `poolTick` over real requests and mirrored
   * copies together; `shadowShare` of them were copies, taken out here as the engine took
   * them out of `errors` (which the failures cannot exceed).
   */
  servedTick(version: number, served: number, ok: number, errors: number, schemaFailures: number, apiFailures: number, shadowShare: number, now: number): void {
    let schema = schemaFailures;
    let api = apiFailures;
    if (shadowShare > 0) {
      schema = Math.min(errors, schema - binomial(this.rng, schema, shadowShare));
      api = Math.min(errors - schema, api - binomial(this.rng, api, shadowShare));
    }
    this.data?.writeExpected(version, served);
    this.ledger.record(CAUSE_SCHEMA, version, schema, now);
    this.ledger.record(CAUSE_API, version, api, now);
    const pub = this.publishes[version];
    if (pub !== null && this.queue !== null && ok > 0) this.queue.publish(version, pub.format, binomial(this.rng, ok, pub.share));
  }

  report(): CompatReport {
    const l = this.ledger;
    const byVersion: Record<string, number> = {};
    this.world.versions.forEach((v, i) => {
      byVersion[v] = l.byVersion[i];
    });
    const q = this.queue;
    return {
      failures: l.failures,
      byCause: { schema: l.byCause[CAUSE_SCHEMA], api: l.byCause[CAUSE_API], message: l.byCause[CAUSE_MESSAGE] },
      byVersion,
      messagesDeadLettered: q?.deadLettered ?? 0,
      messagesLost: q?.lost ?? 0,
      restoredByRollback: l.restoredByRollback(),
      failuresAfterRestore: Number.isNaN(l.restoredAt) ? null : l.failuresAfterRestore,
      firstFailureAtS: Number.isNaN(l.firstFailureAt) ? null : round(l.firstFailureAt, 3),
      phases: l.closedPhases(this.world.sim.now),
      migrations: this.migrations?.records.map((r) => ({ ...r })) ?? [],
      messages:
        q === null
          ? null
          : {
              produced: q.produced,
              consumed: q.consumed,
              deadLettered: q.deadLettered,
              lost: q.lost,
              inQueue: q.inQueue,
              delayed: q.delayed,
              parseFailures: q.parseFailures,
              peakBacklog: q.peakBacklog,
              peakLagS: round(q.peakLagS, 3),
              consumersUpdated: q.consumers.updated,
              consumers: q.consumers.workers,
              timeline: this.timeline,
            },
    };
  }

  private tick(): void {
    const now = this.world.sim.now;
    this.migrations?.tick(now);
    this.queue?.tick(now);
  }

  private sample(): void {
    const q = this.queue!;
    const now = this.world.sim.now;
    const t = this.timeline;
    t.t.push(round(now, 3));
    t.backlog.push(q.inQueue);
    t.deadLettered.push(q.deadLettered);
    t.lagS.push(round(q.lag(now), 3));
  }

  private rollConsumers(): void {
    const w = this.world;
    const fleet = this.queue!.consumers;
    const rollout = this.config.messages!.consumers.rollout!;
    const [from, to] = fleet.versionNames;
    w.log.add(w.sim.now, 'compatibility-consumer-rollout-started', { from, to, workers: fleet.workers, batch: rollout.batch, intervalS: rollout.interval });
    this.ledger.milestone('consumer rollout started', w.sim.now);
    const step = w.sim.handler(() => {
      const updated = fleet.step();
      w.log.add(w.sim.now, 'compatibility-consumer-update', { version: to, updated, of: fleet.workers });
      if (updated < fleet.workers) w.sim.after(rollout.interval, step);
      else this.ledger.milestone('consumer rollout finished', w.sim.now);
    });
    w.sim.after(0, step);
  }

  private messageFailed(producer: number, n: number, how: 'dead-lettered' | 'lost', now: number): void {
    this.ledger.record(CAUSE_MESSAGE, producer, n, now);
    // Each lost or dead-lettered message is a request whose effect never happened: the release's.
    this.world.recorder.affected(n, now);
    const q = this.queue!;
    const threshold = this.config.messages!.deadLetterAlert;
    if (how === 'dead-lettered' && !this.deadLetterAlerted && q.deadLettered >= threshold) {
      this.deadLetterAlerted = true;
      this.world.log.add(now, 'compatibility-dead-letter-threshold', { deadLettered: q.deadLettered, threshold, backlog: q.inQueue, lagS: round(q.lag(now), 3) });
    }
  }

  /** The numbers behind the first failure of a cause on a version, for its event. */
  private describe(cause: number, version: number, now: number): Record<string, unknown> {
    if (cause === CAUSE_SCHEMA && this.data !== null) return { failureShare: round(this.data.failShare(version), 6), columns: this.data.describe(version) };
    if (cause === CAUSE_API && this.api !== null) return { failureShare: round(this.api.failShare(version, now), 6), clients: this.api.describe(version, now) };
    if (cause === CAUSE_MESSAGE && this.queue !== null) {
      const format = this.publishes[version]?.format ?? 1;
      return { format, parsedByWorkers: round(this.queue.consumers.parseShare(format), 6), retries: this.config.messages!.retry.attempts };
    }
    return {};
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
