// Argo Rollouts canary: a ladder of steps (setWeight, pause, analysis, setCanaryScale).
// With a traffic router the canary gets ceil(weight × replicas) pods and exactly its weight
// of requests while stable stays at full size, so an abort is one weight change; without
// one, the weight is whatever share of ready pods the canary holds. The weight moves only
// once the canary's pods are available. A failed analysis aborts; inconclusive pauses.
import type { AnalysisTemplate } from '../analysis/schema.ts';
import type { ReplicaSet } from '../model/fleet/replica-set.ts';
import { resolveIntOrPercent } from '../model/config/units.ts';
import { AnalysisGate } from './analysis-gate.ts';
import { basicCanaryCounts, routedCanaryReplicas } from './canary-math.ts';
import { presetSteps } from './canary-presets.ts';
import { DeployController } from './deploy-controller.ts';
import type { CanaryConfig, CanaryStep } from './schema.ts';

type Wait =
  | { kind: 'none' }
  | { kind: 'scale'; weight: number }
  | { kind: 'pause'; until: number }
  | { kind: 'analysis' }
  | { kind: 'promote' }
  | { kind: 'stalled' };

export class Canary extends DeployController {
  readonly kind = 'canary';
  private canary!: ReplicaSet;
  private baseline: ReplicaSet | null = null;
  private readonly steps: CanaryStep[];
  private stepIndex = 0;
  private wait: Wait = { kind: 'none' };
  private weight = 0;
  private scaleOverride: { replicas: number } | { weight: number } | null = null;
  private background: AnalysisGate | null = null;
  private stepGate: AnalysisGate | null = null;
  private promoted = false;

  constructor(
    private readonly c: CanaryConfig,
    private readonly templates: Readonly<Record<string, AnalysisTemplate>>,
  ) {
    super(c);
    this.steps = c.preset ? presetSteps(c.preset) : c.steps;
  }

  protected deploy(): void {
    const w = this.world;
    this.canary = w.addReplicaSet(`${w.versions[1]}-canary`, 1, 'canary');
    if (this.c.baseline === 'fresh') this.baseline = w.addReplicaSet(`${w.versions[0]}-baseline`, 0, 'baseline');
    if (!this.c.trafficRouting) {
      w.router.routeByEndpoints = true;
      w.router.setWeights([{ replicaSet: this.canary.index, weight: 100 }, { replicaSet: this.stable.index, weight: 100 }], 'no traffic router: the Service selects both versions');
    }
    this.advance();
  }

  /** Runs steps until one has to wait. */
  private advance(): void {
    while (this.wait.kind === 'none' && !this.rollingBack) {
      if (this.c.analysis && this.stepIndex === this.c.analysis.startingStep && !this.background) this.startBackground();
      if (this.stepIndex >= this.steps.length) {
        this.startPromotion();
        return;
      }
      const step = this.steps[this.stepIndex];
      this.world.log.add(this.now, 'step', { index: this.stepIndex, number: this.stepIndex + 1, of: this.steps.length, step });
      if ('setWeight' in step) this.setWeight(step.setWeight);
      else if ('pause' in step) {
        const d = step.pause.duration;
        if (d === undefined && (this.c.promoteAt === undefined || this.now >= this.c.promoteAt)) {
          if (this.c.promoteAt === undefined) {
            this.wait = { kind: 'stalled' };
            this.world.log.add(this.now, 'paused', { reason: 'an indefinite pause: waiting for a person to promote' });
            return;
          }
          this.stepIndex++;
        } else this.wait = { kind: 'pause', until: d === undefined ? (this.c.promoteAt as number) : this.now + d };
      } else if ('analysis' in step) this.runStepAnalysis(step.analysis.templates, step.analysis.duration);
      else {
        const s = step.setCanaryScale;
        this.scaleOverride = 'replicas' in s ? { replicas: s.replicas } : 'weight' in s ? { weight: s.weight } : null;
        this.scaleTo(this.weight);
        this.stepIndex++;
      }
    }
  }

  protected reconcile(): void {
    if (this.rollingBack) {
      this.reconcileAbort();
      return;
    }
    const wait = this.wait;
    if (wait.kind === 'scale' && this.scaledFor(wait.weight)) {
      this.applyWeight(wait.weight);
      this.wait = { kind: 'none' };
      this.stepIndex++;
      this.advance();
    } else if (wait.kind === 'pause' && this.now >= wait.until - 1e-9) {
      this.wait = { kind: 'none' };
      this.stepIndex++;
      this.advance();
    } else if (wait.kind === 'promote' && this.canary.available(this.now, 0) >= this.replicas) {
      this.finishPromotion();
    }
  }

  private canaryReplicasFor(weight: number): number {
    const o = this.scaleOverride;
    if (o && 'replicas' in o) return o.replicas;
    if (o && 'weight' in o) return routedCanaryReplicas(this.replicas, o.weight);
    if (!this.c.trafficRouting) return basicCanaryCounts(this.replicas, weight, this.surge() > 0).canary;
    return routedCanaryReplicas(this.replicas, weight);
  }

  private surge(): number {
    return resolveIntOrPercent(this.c.maxSurge, this.replicas, true);
  }

  private setWeight(weight: number): void {
    this.scaleTo(weight);
    this.wait = { kind: 'scale', weight };
    if (this.scaledFor(weight)) {
      this.applyWeight(weight);
      this.wait = { kind: 'none' };
      this.stepIndex++;
    }
  }

  private scaleTo(weight: number): void {
    const w = this.world;
    const canaryReplicas = this.canaryReplicasFor(weight);
    if (this.canary.desired !== canaryReplicas) {
      w.fleet.scale(this.canary, canaryReplicas);
      w.log.add(this.now, 'scale', { replicaSet: this.canary.name, replicas: canaryReplicas, reason: `canary pods for ${weight}% of traffic` });
    }
    if (this.baseline && this.baseline.desired !== canaryReplicas) w.fleet.scale(this.baseline, canaryReplicas);
    if (!this.c.trafficRouting) {
      // Stable shrinks only once the canary's pods are available, keeping capacity.
      const stableReplicas = basicCanaryCounts(this.replicas, weight, this.surge() > 0).stable;
      if (stableReplicas > this.stable.desired) w.fleet.scale(this.stable, stableReplicas);
    } else if (this.c.dynamicStableScale) {
      const stableReplicas = Math.max(routedCanaryReplicas(this.replicas, 100 - weight), this.stable.desired - canaryReplicas);
      if (stableReplicas < this.stable.desired) w.fleet.scale(this.stable, Math.max(stableReplicas, routedCanaryReplicas(this.replicas, 100 - weight)));
    }
  }

  private scaledFor(weight: number): boolean {
    const want = this.canaryReplicasFor(weight);
    if (this.canary.available(this.now, 0) < want) return false;
    if (this.baseline && this.baseline.available(this.now, 0) < want) return false;
    if (!this.c.trafficRouting) {
      const stableReplicas = basicCanaryCounts(this.replicas, weight, this.surge() > 0).stable;
      if (this.stable.desired !== stableReplicas) this.world.fleet.scale(this.stable, stableReplicas);
    }
    return true;
  }

  private applyWeight(weight: number): void {
    this.weight = weight;
    if (!this.c.trafficRouting) return;
    const w = this.world;
    const changes = [
      { replicaSet: this.canary.index, weight },
      { replicaSet: this.stable.index, weight: 100 - weight * (this.baseline ? 2 : 1) },
    ];
    if (this.baseline) changes.push({ replicaSet: this.baseline.index, weight });
    w.router.setWeights(changes, `canary step to ${weight}%`);
  }

  private runStepAnalysis(templates: string[], duration: number | undefined): void {
    this.wait = { kind: 'analysis' };
    const index = this.stepIndex;
    this.stepGate = new AnalysisGate(this.world, this.templates, templates, { name: `step ${index + 1} analysis`, canary: this.canary.index, baseline: (this.baseline ?? this.stable).index, duration }, (phase, detail) => {
      this.stepGate = null;
      if (this.rollingBack) return;
      if (phase === 'Successful') {
        this.wait = { kind: 'none' };
        this.stepIndex++;
        this.advance();
      } else if (phase === 'Inconclusive') {
        this.wait = { kind: 'stalled' };
        this.world.log.add(this.now, 'paused', { reason: 'analysis inconclusive: Argo pauses the rollout for a person to decide', step: index });
      } else this.requestRollback('analysis', { step: index, phase, ...detail });
    });
    this.stepGate.start();
  }

  private startBackground(): void {
    const a = this.c.analysis;
    if (!a) return;
    this.background = new AnalysisGate(this.world, this.templates, a.templates, { name: 'background analysis', canary: this.canary.index, baseline: (this.baseline ?? this.stable).index }, (phase, detail) => {
      if (this.rollingBack || this.promoted) return;
      if (phase === 'Failed' || phase === 'Error') this.requestRollback('analysis', { analysis: 'background', phase, ...detail });
    });
    this.background.start();
  }

  private startPromotion(): void {
    const w = this.world;
    this.wait = { kind: 'promote' };
    if (this.canary.desired < this.replicas) {
      w.fleet.scale(this.canary, this.replicas);
      w.log.add(this.now, 'scale', { replicaSet: this.canary.name, replicas: this.replicas, reason: 'promotion: the new version to full size' });
    }
    if (this.canary.available(this.now, 0) >= this.replicas) this.finishPromotion();
  }

  private finishPromotion(): void {
    const w = this.world;
    this.wait = { kind: 'none' };
    this.stepIndex = this.steps.length + 1;
    this.promoted = true;
    this.background?.terminate();
    if (this.c.trafficRouting) {
      const changes = [
        { replicaSet: this.canary.index, weight: 100 },
        { replicaSet: this.stable.index, weight: 0 },
      ];
      if (this.baseline) changes.push({ replicaSet: this.baseline.index, weight: 0 });
      w.router.setWeights(changes, 'promotion: all traffic to the new version');
    }
    if (this.baseline) w.fleet.scale(this.baseline, 0);
    const delay = this.c.trafficRouting ? this.c.scaleDownDelaySeconds : 0;
    const scaleDown = w.sim.handler(() => {
      w.fleet.scale(this.stable, 0);
      w.log.add(this.now, 'scale', { replicaSet: this.stable.name, replicas: 0, reason: this.c.trafficRouting ? `scaleDownDelaySeconds (${delay} s) passed` : 'promotion complete' });
    });
    w.sim.after(delay, scaleDown);
    w.log.add(this.now, 'promote', { replicaSet: this.canary.name });
  }

  protected promotionDone(): boolean {
    return this.promoted;
  }

  /**
   * A newer release mid-rollout (Argo: a new pod template): the old canary loses its traffic
   * and its pods at once, and the steps start over with a canary of the newer version.
   */
  protected override supersede(version: number): void {
    const w = this.world;
    this.stepGate?.terminate();
    this.background?.terminate();
    this.stepGate = null;
    this.background = null;
    const previous = this.canary;
    this.canary = w.addReplicaSet(`${w.versions[version]}-canary`, version, 'canary');
    if (this.c.trafficRouting) {
      const changes = [
        { replicaSet: this.stable.index, weight: 100 },
        { replicaSet: previous.index, weight: 0 },
      ];
      if (this.baseline) changes.push({ replicaSet: this.baseline.index, weight: 0 });
      w.router.setWeights(changes, 'superseded: the old canary loses its traffic');
    } else {
      w.router.setWeights([{ replicaSet: this.canary.index, weight: 100 }, { replicaSet: previous.index, weight: 0 }], 'superseded: the Service selects the new canary');
      if (this.stable.desired < this.replicas) w.fleet.scale(this.stable, this.replicas);
    }
    w.fleet.scale(previous, 0);
    this.stepIndex = 0;
    this.weight = 0;
    this.scaleOverride = null;
    this.wait = { kind: 'none' };
    this.advance();
  }

  protected rollBack(): void {
    const w = this.world;
    this.stepGate?.terminate();
    this.background?.terminate();
    this.wait = { kind: 'none' };
    if (this.stable.desired < this.replicas) w.fleet.scale(this.stable, this.replicas);
    if (this.c.trafficRouting && !this.c.dynamicStableScale) this.abortTraffic();
    if (!this.c.trafficRouting) {
      // Without a router the abort is a rolling update back: stable grows, then the canary goes.
      w.log.add(this.now, 'scale', { replicaSet: this.stable.name, replicas: this.replicas, reason: 'abort without a router: stable back to full size first' });
    }
  }

  private trafficAborted = false;

  private abortTraffic(): void {
    if (this.trafficAborted) return;
    this.trafficAborted = true;
    const w = this.world;
    const changes = [
      { replicaSet: this.stable.index, weight: 100 },
      { replicaSet: this.canary.index, weight: 0 },
    ];
    if (this.baseline) changes.push({ replicaSet: this.baseline.index, weight: 0 });
    w.router.setWeights(changes, 'abort: all traffic back to stable');
    const scaleDown = w.sim.handler(() => {
      w.fleet.scale(this.canary, 0);
      if (this.baseline) w.fleet.scale(this.baseline, 0);
      w.log.add(this.now, 'scale', { replicaSet: this.canary.name, replicas: 0, reason: `abortScaleDownDelaySeconds (${this.c.abortScaleDownDelaySeconds} s) passed` });
    });
    w.sim.after(this.c.abortScaleDownDelaySeconds, scaleDown);
  }

  private reconcileAbort(): void {
    const w = this.world;
    const stableReady = this.stable.available(this.now, 0) >= this.replicas;
    if (this.c.trafficRouting && this.c.dynamicStableScale && stableReady) this.abortTraffic();
    if (!this.c.trafficRouting && stableReady && this.canary.desired > 0) {
      w.fleet.scale(this.canary, 0);
      if (this.baseline) w.fleet.scale(this.baseline, 0);
    }
  }
}
