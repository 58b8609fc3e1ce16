// The fleet: creates, boots, probes, crashes, restarts and stops instances, with Kubernetes
// semantics (readiness probe thresholds, endpoint-removal lag, preStop, grace period,
// CrashLoopBackOff) and a cluster headroom that makes scale-ups wait when full.
import { lognormal, lognormalParams } from '../../engine/distributions/lognormal.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import { Signal } from '../../engine/signal.ts';
import type { HandlerId, Simulation } from '../../engine/simulation.ts';
import type { DurationDistribution, FleetConfig } from '../config/fleet.ts';
import type { RunEventLog } from '../recorder/run-events.ts';
import type { ReleaseProfile } from '../release/release-profile.ts';
import { OnsetKind } from '../release/regression.ts';
import { Instance, InstanceState } from './instance.ts';
import { ReplicaSet } from './replica-set.ts';

/** What the fleet tells the rest of the world. */
export interface FleetListener {
  /** The router should start (true) or stop (false) sending to `instance`. */
  endpointChanged(instance: Instance, inEndpoints: boolean): void;
  /** The instance stopped serving abruptly (crash, kill): its in-flight and queued requests are lost. */
  instanceLost(instance: Instance, cause: 'crash' | 'killed'): void;
  /** In-flight plus queued requests on the instance (0 in aggregate fidelity). */
  outstanding(instance: Instance): number;
}

export class Fleet {
  readonly replicaSets: ReplicaSet[] = [];
  readonly instances: Instance[] = [];
  /** Bumped on every change a controller may react to (ready, available, gone, …). */
  readonly changed: Signal<number>;
  private readonly waitingForRoom: Instance[] = [];
  private provisionedCount = 0;
  /** Instance-seconds provisioned so far (the bill), and the most instances at once. */
  instanceSeconds = 0;
  peakProvisioned = 0;
  private accruedTo = 0;
  private readonly h: Record<string, HandlerId>;

  constructor(
    private readonly sim: Simulation,
    private readonly config: FleetConfig,
    private readonly profiles: readonly ReleaseProfile[],
    private readonly rng: RandomStream,
    private readonly probeRng: RandomStream,
    private readonly log: RunEventLog,
    private readonly listener: FleetListener,
    /** Seconds for a readiness change to reach the router. */
    private readonly endpointPropagation: number,
  ) {
    this.changed = new Signal(sim, 0);
    const on = (fn: (i: Instance) => void) => sim.handler((id) => fn(this.instances[id]));
    this.h = {
      provisioned: on((i) => this.startBoot(i)),
      booted: on((i) => this.booted(i)),
      warm: on((i) => this.warmedUp(i)),
      probe: on((i) => this.probe(i)),
      crash: on((i) => this.crash(i)),
      restart: on((i) => this.startBoot(i)),
      endpointAdd: on((i) => this.applyEndpoint(i, true)),
      endpointRemove: on((i) => this.applyEndpoint(i, false)),
      stopAccepting: on((i) => this.stopAccepting(i)),
      kill: on((i) => this.kill(i)),
    };
  }

  /**
   * Every change of an instance's display state, as [t, instance id, state] with state one of
   * DISPLAY_STATES: what the lab's fleet view replays.
   */
  readonly transitions: [number, number, DisplayState][] = [];
  private readonly lastDisplay: DisplayState[] = [];

  /** Records the instance's display state if it changed, and tells controllers something changed. */
  private touch(i: Instance): void {
    const state = displayState(i);
    if (this.lastDisplay[i.id] !== state && this.transitions.length < MAX_TRANSITIONS) {
      this.lastDisplay[i.id] = state;
      this.transitions.push([Math.round(this.sim.now * 1000) / 1000, i.id, state]);
    }
    this.changed.set(this.changed.value + 1);
  }

  /** Instances provisioned now (the billable count). */
  get provisioned(): number {
    return this.provisionedCount;
  }

  /** Brings the instance-seconds bill up to `now`. */
  accrue(now: number): void {
    this.instanceSeconds += this.provisionedCount * (now - this.accruedTo);
    this.accruedTo = now;
  }

  private countProvisioned(delta: number): void {
    this.accrue(this.sim.now);
    this.provisionedCount += delta;
    if (this.provisionedCount > this.peakProvisioned) this.peakProvisioned = this.provisionedCount;
  }

  createReplicaSet(name: string, version: number, role: string): ReplicaSet {
    const rs = new ReplicaSet(this.replicaSets.length, name, version, role);
    this.replicaSets.push(rs);
    return rs;
  }

  /** Starts the steady state: `replicas` instances already up, warm and ready at t = 0. */
  seedReady(rs: ReplicaSet, replicas: number): void {
    rs.desired = replicas;
    for (let k = 0; k < replicas; k++) {
      const i = this.newInstance(rs);
      i.provisionedAt = this.sim.now;
      this.countProvisioned(1);
      i.state = InstanceState.Ready;
      i.accepting = true;
      i.upSince = -Infinity;
      i.probeReady = true;
      i.readySince = -Infinity;
      i.probeSuccesses = this.config.readinessProbe.successThreshold;
      i.inEndpoints = true;
      rs.endpoints.push(i);
      this.listener.endpointChanged(i, true);
      this.startProbes(i, this.config.readinessProbe.periodSeconds * this.rng.next());
      this.touch(i);
    }
  }

  /** Sets a replica set's size: creates instances or terminates the least useful ones. */
  scale(rs: ReplicaSet, replicas: number): void {
    rs.desired = replicas;
    let current = rs.current;
    while (current < replicas) {
      this.waitingForRoom.push(this.newInstance(rs));
      current++;
    }
    if (current > replicas) {
      const victims = rs.instances
        .filter((i) => i.state !== InstanceState.Terminating && i.state !== InstanceState.Gone)
        .sort(scaleDownOrder)
        .slice(0, current - replicas);
      for (const v of victims) this.terminate(v);
    }
    this.provisionWaiting();
  }

  private newInstance(rs: ReplicaSet): Instance {
    const i = new Instance(this.instances.length, rs.index, rs.version, this.sim.now, this.config.instance.queueLimit, this.config.instance.concurrency);
    this.instances.push(i);
    rs.instances.push(i);
    this.touch(i);
    return i;
  }

  private provisionWaiting(): void {
    const max = this.config.maxInstances ?? Infinity;
    while (this.waitingForRoom.length > 0) {
      const i = this.waitingForRoom[0];
      if (i.state !== InstanceState.Pending || i.provisionedAt === i.provisionedAt) {
        this.waitingForRoom.shift();
        continue;
      }
      if (this.provisionedCount >= max) {
        this.log.add(this.sim.now, 'headroom-wait', { instance: i.id, waiting: this.waitingForRoom.length, maxInstances: max });
        return;
      }
      this.waitingForRoom.shift();
      i.provisionedAt = this.sim.now;
      this.countProvisioned(1);
      this.sim.after(draw(this.config.provisioning, this.rng), this.h.provisioned, i.id);
    }
  }

  private startBoot(i: Instance): void {
    if (i.state === InstanceState.Terminating || i.state === InstanceState.Gone) return;
    i.state = InstanceState.Starting;
    i.lifecycleEvent = this.sim.after(draw(this.profiles[i.version].boot, this.rng), this.h.booted, i.id);
    // Kubernetes probes run from container start, after initialDelaySeconds.
    if (i.probeTimer < 0) this.startProbes(i, this.config.readinessProbe.initialDelaySeconds);
    this.touch(i);
  }

  private startProbes(i: Instance, firstDelay: number): void {
    i.probeTimer = this.sim.every(this.config.readinessProbe.periodSeconds, this.h.probe, i.id, firstDelay);
  }

  private booted(i: Instance): void {
    i.lifecycleEvent = -1;
    i.upSince = this.sim.now;
    i.accepting = true;
    const profile = this.profiles[i.version];
    i.state = profile.warmup > 0 ? InstanceState.Warming : InstanceState.Ready;
    if (profile.warmup > 0) this.sim.after(profile.warmup, this.h.warm, i.id);
    if (profile.crashAfter < Infinity) i.lifecycleEvent = this.sim.after(this.crashDelay(i, profile), this.h.crash, i.id);
    this.touch(i);
  }

  private crashDelay(i: Instance, profile: ReleaseProfile): number {
    let at = this.sim.now + profile.crashAfter;
    for (const r of profile.regressions) if (r.crashAfter === profile.crashAfter && r.onset === OnsetKind.At) at = Math.max(at, r.onsetSeconds);
    return at - this.sim.now;
  }

  private warmedUp(i: Instance): void {
    if (i.state === InstanceState.Warming && i.upSince + this.profiles[i.version].warmup <= this.sim.now + 1e-9) {
      i.state = InstanceState.Ready;
      this.touch(i);
    }
  }

  private probe(i: Instance): void {
    const probe = this.config.readinessProbe;
    const healthy =
      i.accepting &&
      !this.profiles[i.version].failsReadiness &&
      !(this.config.healthCheckFailureShare > 0 && this.probeRng.next() < this.config.healthCheckFailureShare);
    if (healthy) {
      i.probeFailures = 0;
      if (++i.probeSuccesses >= probe.successThreshold && !i.probeReady) this.setProbeReady(i, true);
    } else {
      i.probeSuccesses = 0;
      if (++i.probeFailures >= probe.failureThreshold && i.probeReady) this.setProbeReady(i, false);
    }
    // Nothing can change a passing probe until the instance stops accepting (crash,
    // termination): stop simulating each probe until then (see `resumeProbes`).
    if (healthy && i.probeReady && this.config.healthCheckFailureShare === 0 && i.state !== InstanceState.Terminating && i.probeTimer >= 0) {
      this.sim.cancelTimer(i.probeTimer);
      i.probeTimer = -1;
      i.probeSuspended = true;
      i.probeNext = this.sim.now + probe.periodSeconds;
    }
  }

  /** Restarts suspended probes on their original beat, from the first one due now or later. */
  private resumeProbes(i: Instance): void {
    if (!i.probeSuspended) return;
    i.probeSuspended = false;
    const period = this.config.readinessProbe.periodSeconds;
    const now = this.sim.now;
    const next = i.probeNext >= now ? i.probeNext : i.probeNext + Math.ceil((now - i.probeNext) / period - 1e-9) * period;
    this.startProbes(i, Math.max(0, next - now));
  }

  private setProbeReady(i: Instance, ready: boolean): void {
    i.probeReady = ready;
    i.readySince = ready ? this.sim.now : Number.NaN;
    if (i.state !== InstanceState.Terminating) {
      this.sim.after(this.endpointPropagation, ready ? this.h.endpointAdd : this.h.endpointRemove, i.id);
    }
    this.log.add(this.sim.now, ready ? 'instance-ready' : 'instance-unready', {
      instance: i.id,
      version: this.profiles[i.version].version,
      replicaSet: this.replicaSets[i.pool].name,
    });
    this.touch(i);
  }

  private applyEndpoint(i: Instance, add: boolean): void {
    const rs = this.replicaSets[i.pool];
    if (add) {
      if (i.inEndpoints || !i.probeReady || i.state === InstanceState.Terminating || i.state === InstanceState.Gone) return;
      i.inEndpoints = true;
      rs.endpoints.push(i);
    } else {
      if (!i.inEndpoints) return;
      i.inEndpoints = false;
      rs.endpoints.splice(rs.endpoints.indexOf(i), 1);
      if (rs.nextEndpoint >= rs.endpoints.length) rs.nextEndpoint = 0;
    }
    this.listener.endpointChanged(i, add);
    this.touch(i);
  }

  private crash(i: Instance): void {
    i.lifecycleEvent = -1;
    if (i.state === InstanceState.Terminating || i.state === InstanceState.Gone) return;
    i.crashes++;
    i.accepting = false;
    this.resumeProbes(i);
    i.upSince = Number.NaN;
    i.state = InstanceState.Crashed;
    this.listener.instanceLost(i, 'crash');
    const backoff = Math.min(this.config.crashLoopBackOff.max, this.config.crashLoopBackOff.initial * 2 ** (i.crashes - 1));
    this.log.add(this.sim.now, 'instance-crash', {
      instance: i.id,
      version: this.profiles[i.version].version,
      crashes: i.crashes,
      restartInS: backoff,
    });
    i.lifecycleEvent = this.sim.after(backoff, this.h.restart, i.id);
    this.touch(i);
  }

  /** Starts stopping an instance: endpoint removal after its lag, preStop, then SIGTERM and drain. */
  terminate(i: Instance): void {
    if (i.state === InstanceState.Terminating || i.state === InstanceState.Gone) return;
    const wasProvisioned = i.provisionedAt === i.provisionedAt;
    if (i.lifecycleEvent >= 0) this.sim.cancel(i.lifecycleEvent);
    i.lifecycleEvent = -1;
    i.state = InstanceState.Terminating;
    i.terminatingAt = this.sim.now;
    if (!wasProvisioned || !i.accepting) {
      // Never served (or crashed): nothing to drain, but routers that still list it keep
      // sending to it until the removal reaches them (as for a draining instance).
      if (i.inEndpoints) this.sim.after(this.config.termination.endpointRemovalLag, this.h.endpointRemove, i.id);
      this.gone(i);
      return;
    }
    const t = this.config.termination;
    if (i.inEndpoints) this.sim.after(t.endpointRemovalLag, this.h.endpointRemove, i.id);
    this.sim.after(Math.min(t.preStopSeconds, t.terminationGracePeriodSeconds), this.h.stopAccepting, i.id);
    i.lifecycleEvent = this.sim.after(t.terminationGracePeriodSeconds, this.h.kill, i.id);
    this.touch(i);
  }

  private stopAccepting(i: Instance): void {
    if (i.state !== InstanceState.Terminating) return;
    i.accepting = false;
    this.resumeProbes(i);
    if (this.listener.outstanding(i) === 0) this.gone(i);
  }

  /** Called by the request engine when a stopping instance finished its last request. */
  drained(i: Instance): void {
    if (i.state === InstanceState.Terminating && !i.accepting && this.listener.outstanding(i) === 0) this.gone(i);
  }

  private kill(i: Instance): void {
    i.lifecycleEvent = -1;
    if (i.state !== InstanceState.Terminating) return;
    i.accepting = false;
    this.listener.instanceLost(i, 'killed');
    this.gone(i);
  }

  private gone(i: Instance): void {
    if (i.lifecycleEvent >= 0) this.sim.cancel(i.lifecycleEvent);
    i.lifecycleEvent = -1;
    if (i.probeTimer >= 0) this.sim.cancelTimer(i.probeTimer);
    i.probeTimer = -1;
    // A terminated instance leaves the endpoints when its scheduled removal reaches the
    // routers, not when the process exits: until then requests still go to it and fail.
    const removalPending = i.state === InstanceState.Terminating && this.sim.now < i.terminatingAt + this.config.termination.endpointRemovalLag;
    if (i.inEndpoints && !removalPending) this.applyEndpoint(i, false);
    const wasProvisioned = i.provisionedAt === i.provisionedAt;
    i.state = InstanceState.Gone;
    i.goneAt = this.sim.now;
    i.probeReady = false;
    if (wasProvisioned) this.countProvisioned(-1);
    this.touch(i);
    this.provisionWaiting();
  }
}

/** States the lab's fleet view shows; "unready" is up but not receiving traffic. */
export const DISPLAY_STATES = ['pending', 'starting', 'warming', 'ready', 'unready', 'crashed', 'terminating', 'gone'] as const;
export type DisplayState = (typeof DISPLAY_STATES)[number];
const MAX_TRANSITIONS = 200_000;

function displayState(i: Instance): DisplayState {
  switch (i.state) {
    case InstanceState.Pending:
      return 'pending';
    case InstanceState.Starting:
      return 'starting';
    case InstanceState.Warming:
      return i.inEndpoints ? 'warming' : 'unready';
    case InstanceState.Ready:
      return i.inEndpoints ? 'ready' : 'unready';
    case InstanceState.Crashed:
      return 'crashed';
    case InstanceState.Terminating:
      return 'terminating';
    default:
      return 'gone';
  }
}

/** Kubernetes' scale-down preference (controller.ActivePods, simplified): least useful first. */
function scaleDownOrder(a: Instance, b: Instance): number {
  const rank = (i: Instance) => (i.provisionedAt !== i.provisionedAt ? 0 : !i.accepting ? 1 : !i.probeReady ? 2 : 3);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  // Among equals, the most recently ready goes first (it has served least), then the newest.
  const ra = Number.isNaN(a.readySince) ? Infinity : a.readySince;
  const rb = Number.isNaN(b.readySince) ? Infinity : b.readySince;
  if (ra !== rb) return ra > rb ? -1 : 1;
  return b.id - a.id;
}

function draw(d: DurationDistribution, rng: RandomStream): number {
  if (d.p99 <= d.median) return d.median;
  const { mu, sigma } = lognormalParams(d.median, d.p99);
  return lognormal(rng, mu, sigma);
}
