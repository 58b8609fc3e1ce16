// What every deploying strategy shares: the deploy start, watching for "100% of traffic on
// the new version", the rollback decision and its timings (detection delay, time to
// restore), rollback drills, and the on-call operator who rolls back by hand.
import type { RollbackSummary } from '../analysis/outcomes/summary.ts';
import type { HandlerId } from '../engine/simulation.ts';
import type { ReplicaSet } from '../model/fleet/replica-set.ts';
import type { World } from '../model/world.ts';
import type { StrategyController, StrategyOutcome } from './controller.ts';
import { OperatorOnCall } from './operator.ts';
import type { StrategyConfig } from './schema.ts';

type DeployConfig = Exclude<StrategyConfig, { kind: 'none' }>;

/** Share of traffic that counts as "all of it" (the rest is rounding and stragglers). */
const ALL = 0.999;

export abstract class DeployController implements StrategyController {
  abstract readonly kind: string;
  protected world!: World;
  protected stable!: ReplicaSet;
  protected replicas = 0;
  protected deployStartedAt = Number.NaN;
  protected promotedAt = Number.NaN;
  protected finalOutcome: StrategyOutcome | null = null;
  private decidedAt = Number.NaN;
  private trigger: string | null = null;
  private detectionDelay: number | null = null;
  private restoredAt = Number.NaN;
  private reconcileHandler: HandlerId = -1;
  private tickTimer = -1;

  constructor(protected readonly config: DeployConfig) {}

  start(world: World): void {
    this.world = world;
    this.stable = world.fleet.replicaSets[world.stableReplicaSet];
    this.replicas = world.config.fleet.replicas;
    const sim = world.sim;
    this.reconcileHandler = sim.handler(() => this.reconcileAll());
    const deploy = sim.handler(() => {
      this.deployStartedAt = sim.now;
      world.deployStartedAt = sim.now;
      world.log.add(sim.now, 'deploy-start', { strategy: this.kind, version: world.versions[1] ?? world.versions[0], replicas: this.replicas });
      world.announce('deploy-start');
      this.deploy();
      // Controllers react to fleet changes (like Kubernetes informers) and to time passing.
      world.fleet.changed.watch(this.reconcileHandler);
      this.tickTimer = sim.every(1, this.reconcileHandler, 0, 1);
      this.reconcileAll();
    });
    sim.at(Math.min(this.config.deployAt, world.durationS), deploy);
    const supersedeAt = 'supersedeAt' in this.config ? (this.config.supersedeAt as number | undefined) : undefined;
    if (supersedeAt !== undefined && world.versions.length > 2) {
      sim.at(Math.min(Math.max(supersedeAt, this.config.deployAt), world.durationS), sim.handler(() => this.supersedeNow()));
    }
    const drill = this.config.rollbackDrill;
    if (drill && 'at' in drill) {
      sim.at(Math.min(drill.at, world.durationS), sim.handler(() => this.requestRollback('drill')));
    }
    if (this.config.operator) new OperatorOnCall(world, this.config.operator, () => this.deployStartedAt, (why) => this.requestRollback(why)).start();
  }

  /** Begins the deploy: create and scale replica sets, set weights. */
  protected abstract deploy(): void;
  /** Advances the strategy's state machine; called on every fleet change and every second. */
  protected abstract reconcile(): void;
  /** Starts undoing the deploy the way this strategy undoes it. */
  protected abstract rollBack(): void;
  /** Whether the strategy has finished promoting (its own notion, before traffic is checked). */
  protected abstract promotionDone(): boolean;
  /** Replaces the candidate with the superseding release, the way this strategy does. */
  protected supersede(_version: number): void {}

  /** Index of the release being rolled out now (1, or 2 once superseded). */
  protected targetVersion = 1;

  private supersedeNow(): void {
    if (this.rollingBack || !Number.isNaN(this.promotedAt)) return;
    const w = this.world;
    this.targetVersion = 2;
    w.log.add(this.now, 'superseded', { from: w.versions[1], to: w.versions[2], reason: 'a newer release was pushed mid-rollout' });
    this.supersede(2);
  }

  private reconcileAll(): void {
    if (Number.isNaN(this.deployStartedAt)) return;
    this.reconcile();
    const now = this.world.sim.now;
    const newShare = this.newVersionShare();
    const drill = this.config.rollbackDrill;
    if (drill && 'atProgress' in drill && Number.isNaN(this.decidedAt) && newShare >= drill.atProgress - 1e-9) this.requestRollback('drill');
    if (Number.isNaN(this.decidedAt)) {
      if (Number.isNaN(this.promotedAt) && this.promotionDone() && newShare >= ALL) {
        this.promotedAt = now;
        this.finalOutcome = 'promoted';
        this.world.log.add(now, 'promoted', { rolloutDurationS: round(now - this.deployStartedAt), trafficOnNew: round(newShare) });
        this.world.announce('promoted');
        this.stopTicking();
      }
    } else if (Number.isNaN(this.restoredAt) && this.restored()) {
      this.restoredAt = now;
      this.world.log.add(now, 'restored', { timeToRestoreS: round(now - this.decidedAt), trafficOnStable: round(1 - newShare) });
      this.world.announce('restored');
      this.stopTicking();
    }
  }

  private stopTicking(): void {
    if (this.tickTimer >= 0) this.world.sim.cancelTimer(this.tickTimer);
    this.tickTimer = -1;
  }

  /** Decides to roll back (analysis failure, operator, drill); once per run. */
  requestRollback(trigger: string, detail: Record<string, unknown> = {}): void {
    if (!Number.isNaN(this.decidedAt) || Number.isNaN(this.deployStartedAt)) return;
    const w = this.world;
    const now = w.sim.now;
    this.decidedAt = now;
    this.trigger = trigger;
    const firstAffected = w.recorder.firstAffectedAt;
    this.detectionDelay = Number.isNaN(firstAffected) || trigger === 'drill' ? null : round(now - firstAffected);
    this.finalOutcome = 'rolled-back';
    w.log.add(now, 'rollback', { trigger, detectionDelayS: this.detectionDelay, ...detail });
    w.announce('rollback');
    if (this.tickTimer < 0) this.tickTimer = w.sim.every(1, this.reconcileHandler, 0, 1);
    this.rollBack();
  }

  /** Traffic back on the stable version, at full capacity. */
  protected restored(): boolean {
    return 1 - this.newVersionShare() >= ALL && this.stableCapacity() >= this.replicas;
  }

  /** Ready stable-version instances the router can reach. */
  protected stableCapacity(): number {
    let n = 0;
    for (const rs of this.world.fleet.replicaSets) if (rs.version === 0) for (const i of rs.endpoints) if (i.accepting) n++;
    return n;
  }

  /** Share of new requests going to non-stable versions now. */
  protected newVersionShare(): number {
    const shares = this.world.currentShares();
    let s = 0;
    for (const rs of this.world.fleet.replicaSets) if (rs.version !== 0) s += shares[rs.index];
    return s;
  }

  protected get now(): number {
    return this.world.sim.now;
  }

  protected get rollingBack(): boolean {
    return !Number.isNaN(this.decidedAt);
  }

  outcome(): StrategyOutcome {
    if (this.finalOutcome) return this.finalOutcome;
    return Number.isNaN(this.deployStartedAt) ? 'completed' : 'stalled';
  }

  rolloutDurationS(): number | null {
    if (!Number.isNaN(this.promotedAt)) return round(this.promotedAt - this.deployStartedAt);
    if (!Number.isNaN(this.restoredAt)) return round(this.restoredAt - this.deployStartedAt);
    return null;
  }

  rollback(): RollbackSummary {
    if (Number.isNaN(this.decidedAt)) return { triggered: false, trigger: null, decidedAtS: null, detectionDelayS: null, timeToRestoreS: null };
    return {
      triggered: true,
      trigger: this.trigger,
      decidedAtS: round(this.decidedAt),
      detectionDelayS: this.detectionDelay,
      timeToRestoreS: Number.isNaN(this.restoredAt) ? null : round(this.restoredAt - this.decidedAt),
    };
  }
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
