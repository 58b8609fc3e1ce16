// Kubernetes RollingUpdate: the new replica set grows within maxSurge and the old ones
// shrink while availability stays ≥ replicas − maxUnavailable, step by step as instances
// become available. Old and new serve side by side. Rolling back is another rolling update
// toward the old version, at the same pace. Past progressDeadlineSeconds without progress
// the rollout is marked stalled (Kubernetes does not roll back on its own).
import type { ReplicaSet } from '../model/fleet/replica-set.ts';
import { DeployController } from './deploy-controller.ts';
import { resolveFenceposts, scaleDownOld, scaleUpNew } from './rolling-math.ts';
import type { RollingConfig } from './schema.ts';

/** CodeDeploy in-place configurations as RollingUpdate fields (no extra instances). */
const PRESETS = {
  OneAtATime: { maxSurge: 0, maxUnavailable: 1 },
  HalfAtATime: { maxSurge: 0, maxUnavailable: '50%' },
  AllAtOnce: { maxSurge: 0, maxUnavailable: '100%' },
} as const;

export class Rolling extends DeployController {
  readonly kind = 'rolling';
  private candidate!: ReplicaSet;
  private target!: ReplicaSet;
  private olds: ReplicaSet[] = [];
  private surge = 0;
  private unavailable = 0;
  private lastProgressAt = 0;
  private lastAvailable = -1;
  private stalledLogged = false;

  constructor(private readonly rolling: RollingConfig) {
    super(rolling);
  }

  protected deploy(): void {
    const w = this.world;
    const preset = this.rolling.preset ? PRESETS[this.rolling.preset] : undefined;
    const fence = resolveFenceposts(preset?.maxSurge ?? this.rolling.maxSurge, preset?.maxUnavailable ?? this.rolling.maxUnavailable, this.replicas);
    this.surge = fence.surge;
    this.unavailable = fence.unavailable;
    w.router.routeByEndpoints = true;
    this.candidate = w.addReplicaSet(`${w.versions[1]}`, 1, 'new');
    w.router.setWeights(
      [{ replicaSet: this.candidate.index, weight: 100 }, { replicaSet: this.stable.index, weight: 100 }],
      'the Service selects every version',
    );
    w.log.add(this.now, 'rolling-update', { maxSurge: this.surge, maxUnavailable: this.unavailable, minReadySeconds: this.rolling.minReadySeconds });
    this.retarget(this.candidate, [this.stable]);
  }

  private retarget(target: ReplicaSet, olds: ReplicaSet[]): void {
    this.target = target;
    this.olds = olds;
    this.lastProgressAt = this.now;
    this.lastAvailable = -1;
    this.stalledLogged = false;
  }

  protected reconcile(): void {
    const w = this.world;
    const minReady = this.rolling.minReadySeconds;
    const counts = {
      newSpec: this.target.desired,
      newAvailable: this.target.available(this.now, minReady),
      oldSpec: this.olds.map((rs) => rs.desired),
      oldAvailable: this.olds.map((rs) => rs.available(this.now, minReady)),
    };
    if (counts.newAvailable !== this.lastAvailable) {
      this.lastAvailable = counts.newAvailable;
      this.lastProgressAt = this.now;
    }
    const up = scaleUpNew(counts, this.replicas, this.surge);
    if (up > 0) {
      w.fleet.scale(this.target, counts.newSpec + up);
      w.log.add(this.now, 'scale', { replicaSet: this.target.name, replicas: counts.newSpec + up, reason: 'room under maxSurge' });
      counts.newSpec += up;
      this.lastProgressAt = this.now;
    }
    const oldSpec = scaleDownOld(counts, this.replicas, this.unavailable);
    oldSpec.forEach((spec, k) => {
      if (spec === counts.oldSpec[k]) return;
      w.fleet.scale(this.olds[k], spec);
      w.log.add(this.now, 'scale', { replicaSet: this.olds[k].name, replicas: spec, reason: 'availability stays above replicas − maxUnavailable' });
      this.lastProgressAt = this.now;
    });
    if (!this.stalledLogged && !this.complete() && this.now - this.lastProgressAt > this.rolling.progressDeadlineSeconds) {
      this.stalledLogged = true;
      w.log.add(this.now, 'progress-deadline-exceeded', {
        progressDeadlineSeconds: this.rolling.progressDeadlineSeconds,
        available: counts.newAvailable,
        replicas: this.replicas,
      });
    }
  }

  private complete(): boolean {
    return this.target.available(this.now, this.rolling.minReadySeconds) >= this.replicas && this.olds.every((rs) => rs.alive === 0);
  }

  protected promotionDone(): boolean {
    return this.target === this.candidate && this.complete();
  }

  protected rollBack(): void {
    this.world.log.add(this.now, 'rolling-update', { toward: this.stable.name, reason: 'rollback: a rolling update back to the old version' });
    const others = this.world.fleet.replicaSets.filter((rs) => rs !== this.stable && rs.version !== 0);
    this.retarget(this.stable, others);
    this.reconcile();
  }

  /** A newer release mid-rollout: Kubernetes makes it the new replica set; every other one is old. */
  protected override supersede(version: number): void {
    const w = this.world;
    const previous = this.candidate;
    this.candidate = w.addReplicaSet(`${w.versions[version]}`, version, 'new');
    w.router.setWeights([{ replicaSet: this.candidate.index, weight: 100 }], 'the Service selects the newest version too');
    w.log.add(this.now, 'rolling-update', { toward: this.candidate.name, reason: 'a newer release replaces the one being rolled out' });
    // Oldest first, as the controller scales old replica sets down.
    this.retarget(this.candidate, [this.stable, previous]);
    this.reconcile();
  }
}
