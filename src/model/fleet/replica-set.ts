// A replica set: the instances of one version in one role (stable, canary, baseline,
// preview, …). Strategies scale replica sets; the router weighs them; metrics are kept per
// replica set and rolled up per version.
import { Instance, InstanceState } from './instance.ts';

export class ReplicaSet {
  /** Replicas the strategy asked for. */
  desired = 0;
  /** Every instance created for it, in creation order (gone ones included, for the record). */
  readonly instances: Instance[] = [];
  /** Instances the router currently sends to, kept in sync by the fleet. */
  readonly endpoints: Instance[] = [];
  /** Round-robin position within `endpoints`. */
  nextEndpoint = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly version: number,
    readonly role: string,
  ) {}

  /** Instances that count toward the replica count: not terminating or gone. */
  get current(): number {
    let n = 0;
    for (const i of this.instances) if (i.state !== InstanceState.Terminating && i.state !== InstanceState.Gone) n++;
    return n;
  }

  /** Instances whose readiness probe passes (Kubernetes "ready"). */
  get ready(): number {
    let n = 0;
    for (const i of this.instances) if (i.probeReady && i.state !== InstanceState.Terminating && i.state !== InstanceState.Gone) n++;
    return n;
  }

  /** Ready for at least `minReadySeconds` (Kubernetes "available"). */
  available(now: number, minReadySeconds: number): number {
    let n = 0;
    for (const i of this.instances) {
      if (i.state === InstanceState.Terminating || i.state === InstanceState.Gone) continue;
      if (i.probeReady && now - i.readySince >= minReadySeconds) n++;
    }
    return n;
  }

  /** Instances that still exist, terminating ones included. */
  get alive(): number {
    let n = 0;
    for (const i of this.instances) if (i.state !== InstanceState.Gone) n++;
    return n;
  }

  /** Earliest time at which some ready instance becomes available, or Infinity. */
  nextAvailableAt(minReadySeconds: number): number {
    let t = Infinity;
    for (const i of this.instances) {
      if (i.probeReady && i.state !== InstanceState.Terminating && i.state !== InstanceState.Gone) t = Math.min(t, i.readySince + minReadySeconds);
    }
    return t;
  }
}
