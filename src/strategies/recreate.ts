// Kubernetes Recreate: every old instance is terminated (with its grace period), and only
// when they are all gone do the new ones start. Simple and free of extra instances, and
// the service is down from the last old instance to the first new one ready. Rolling back
// is the same thing again with the old image.
import type { ReplicaSet } from '../model/fleet/replica-set.ts';
import { DeployController } from './deploy-controller.ts';
import type { RecreateConfig } from './schema.ts';

export class Recreate extends DeployController {
  readonly kind = 'recreate';
  private candidate!: ReplicaSet;
  /** The replica set being brought up, and the one being taken down. */
  private target!: ReplicaSet;
  private old!: ReplicaSet;
  private started = false;

  constructor(config: RecreateConfig) {
    super(config);
  }

  protected deploy(): void {
    const w = this.world;
    w.router.routeByEndpoints = true;
    this.candidate = w.addReplicaSet(`${w.versions[1]}`, 1, 'new');
    // A Service selects both versions' pods; traffic follows whichever have ready endpoints.
    w.router.setWeights([{ replicaSet: this.candidate.index, weight: 100 }, { replicaSet: this.stable.index, weight: 100 }], 'the Service selects every version');
    this.replace(this.stable, this.candidate);
  }

  private replace(old: ReplicaSet, target: ReplicaSet): void {
    this.old = old;
    this.target = target;
    this.started = false;
    this.world.fleet.scale(target, 0);
    this.world.fleet.scale(old, 0);
    this.world.log.add(this.now, 'scale', { replicaSet: old.name, replicas: 0, reason: 'recreate stops every old instance first' });
  }

  protected reconcile(): void {
    if (!this.started && this.old.alive === 0) {
      this.started = true;
      this.world.fleet.scale(this.target, this.replicas);
      this.world.log.add(this.now, 'scale', { replicaSet: this.target.name, replicas: this.replicas, reason: 'all old instances are gone' });
    }
  }

  protected promotionDone(): boolean {
    return this.target === this.candidate && this.started && this.candidate.available(this.now, 0) >= this.replicas;
  }

  protected rollBack(): void {
    this.replace(this.candidate, this.stable);
  }

  /** A newer release mid-deploy: its instances replace whatever is there, the same way. */
  protected override supersede(version: number): void {
    const w = this.world;
    const previous = this.candidate;
    this.candidate = w.addReplicaSet(`${w.versions[version]}`, version, 'new');
    w.router.setWeights([{ replicaSet: this.candidate.index, weight: 100 }], 'the Service selects the newest version too');
    w.fleet.scale(previous, 0);
    this.replace(this.stable.alive > 0 ? this.stable : previous, this.candidate);
  }
}
