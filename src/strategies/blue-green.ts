// Argo Rollouts blue-green: a second full fleet (green) comes up beside production (blue)
// while blue keeps all the traffic; once green is ready (and checked), the router flips all
// traffic to it in one step; blue stays up for scaleDownDelaySeconds so that flipping back
// is as fast as flipping. The price: twice the instances for the deploy window.
import type { AnalysisTemplate } from '../analysis/schema.ts';
import type { ReplicaSet } from '../model/fleet/replica-set.ts';
import { AnalysisGate } from './analysis-gate.ts';
import { DeployController } from './deploy-controller.ts';
import type { BlueGreenConfig } from './schema.ts';

type Phase = 'preview' | 'pre-analysis' | 'awaiting-promotion' | 'scaling-up' | 'flipped' | 'done' | 'aborted';

export class BlueGreen extends DeployController {
  readonly kind = 'blue-green';
  private green!: ReplicaSet;
  private phase: Phase = 'preview';
  private readyAt = Number.NaN;
  private gate: AnalysisGate | null = null;

  constructor(
    private readonly bg: BlueGreenConfig,
    private readonly templates: Readonly<Record<string, AnalysisTemplate>>,
  ) {
    super(bg);
  }

  protected deploy(): void {
    const w = this.world;
    this.green = w.addReplicaSet(`${w.versions[1]}-green`, 1, 'preview');
    const preview = Math.min(this.bg.previewReplicaCount ?? this.replicas, this.replicas);
    w.fleet.scale(this.green, preview);
    w.log.add(this.now, 'scale', { replicaSet: this.green.name, replicas: preview, reason: 'green comes up beside blue, with no traffic yet' });
  }

  protected reconcile(): void {
    const w = this.world;
    if (this.phase === 'preview' && this.green.available(this.now, 0) >= this.green.desired) {
      this.readyAt = this.now;
      w.log.add(this.now, 'preview-ready', { replicaSet: this.green.name, ready: this.green.desired });
      if (this.bg.prePromotionAnalysis) {
        this.phase = 'pre-analysis';
        this.gate = new AnalysisGate(w, this.templates, this.bg.prePromotionAnalysis.templates, { name: 'pre-promotion analysis', canary: this.green.index, baseline: this.stable.index }, (phase, detail) => {
          this.gate = null;
          if (phase === 'Successful') this.awaitPromotion();
          else if (phase === 'Inconclusive') w.log.add(this.now, 'paused', { reason: 'pre-promotion analysis inconclusive' });
          else this.requestRollback('analysis', { analysis: 'pre-promotion', phase, ...detail });
        });
        this.gate.start();
      } else this.awaitPromotion();
    }
    if (this.phase === 'awaiting-promotion' && this.mayPromote()) {
      this.phase = 'scaling-up';
      if (this.green.desired < this.replicas) {
        w.fleet.scale(this.green, this.replicas);
        w.log.add(this.now, 'scale', { replicaSet: this.green.name, replicas: this.replicas, reason: 'promotion: green to full size' });
      }
    }
    if (this.phase === 'scaling-up' && this.green.available(this.now, 0) >= this.replicas) this.flip();
  }

  private awaitPromotion(): void {
    this.phase = 'awaiting-promotion';
    if (!this.bg.autoPromotionEnabled && this.bg.manualPromotionAt === undefined) {
      this.world.log.add(this.now, 'paused', { reason: 'autoPromotionEnabled is false: waiting for a person to promote' });
    }
  }

  private mayPromote(): boolean {
    if (!this.bg.autoPromotionEnabled) return this.bg.manualPromotionAt !== undefined && this.now >= this.bg.manualPromotionAt;
    return this.now - this.readyAt >= (this.bg.autoPromotionSeconds ?? 0);
  }

  private flip(): void {
    const w = this.world;
    this.phase = 'flipped';
    w.log.add(this.now, 'flip', { from: this.stable.name, to: this.green.name, propagationS: w.router.propagation, router: w.router.kind });
    w.router.setWeights([{ replicaSet: this.green.index, weight: 100 }, { replicaSet: this.stable.index, weight: 0 }], 'blue-green flip');
    if (this.bg.postPromotionAnalysis) {
      this.gate = new AnalysisGate(w, this.templates, this.bg.postPromotionAnalysis.templates, { name: 'post-promotion analysis', canary: this.green.index, baseline: this.stable.index }, (phase, detail) => {
        this.gate = null;
        if (phase === 'Failed' || phase === 'Error') this.requestRollback('analysis', { analysis: 'post-promotion', phase, ...detail });
        else this.scheduleBlueScaleDown();
      });
      this.gate.start();
    } else this.scheduleBlueScaleDown();
  }

  private scheduleBlueScaleDown(): void {
    const w = this.world;
    if (this.rollingBack) return;
    this.phase = 'done';
    const scaleDown = w.sim.handler(() => {
      if (this.rollingBack) return;
      w.fleet.scale(this.stable, 0);
      w.log.add(this.now, 'scale', { replicaSet: this.stable.name, replicas: 0, reason: `scaleDownDelaySeconds (${this.bg.scaleDownDelaySeconds} s) passed` });
    });
    w.sim.after(this.bg.scaleDownDelaySeconds, scaleDown);
  }

  protected promotionDone(): boolean {
    return this.phase === 'done' || (this.phase === 'flipped' && !this.gate);
  }

  protected rollBack(): void {
    const w = this.world;
    this.gate?.terminate();
    this.gate = null;
    const wasFlipped = this.phase === 'flipped' || this.phase === 'done';
    this.phase = 'aborted';
    if (this.stable.desired < this.replicas) w.fleet.scale(this.stable, this.replicas);
    if (wasFlipped) {
      w.log.add(this.now, 'flip', { from: this.green.name, to: this.stable.name, propagationS: w.router.propagation, router: w.router.kind, reason: 'rollback' });
    }
    w.router.setWeights([{ replicaSet: this.stable.index, weight: 100 }, { replicaSet: this.green.index, weight: 0 }], 'abort: all traffic back to blue');
    const scaleDown = w.sim.handler(() => {
      w.fleet.scale(this.green, 0);
      w.log.add(this.now, 'scale', { replicaSet: this.green.name, replicas: 0, reason: `abortScaleDownDelaySeconds (${this.bg.abortScaleDownDelaySeconds} s) passed` });
    });
    w.sim.after(this.bg.abortScaleDownDelaySeconds, scaleDown);
  }
}
