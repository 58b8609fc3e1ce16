// Flagger's analysis loop: the canary deployment is scaled to full size next to the primary;
// every `interval` the metrics are checked; a pass moves the weight up by stepWeight (or the
// next stepWeights entry), a fail holds it and counts toward `threshold` (cumulative); at
// maxWeight the new version is copied to the primary, the primary rolls out, traffic returns
// to the primary and the canary goes to zero. A/B (match) and blue/green (iterations) variants
// hold the test traffic for `iterations` checks instead of stepping weights.
//
// One simplification: the primary's rollout is modelled as a new primary replica set brought
// to full size beside the old one (maxUnavailable 0), then switched, rather than as a rolling
// update of the primary Deployment; its duration is the new pods' start-up time.
import type { AnalysisTemplate } from '../analysis/schema.ts';
import type { ReplicaSet } from '../model/fleet/replica-set.ts';
import { AnalysisGate } from './analysis-gate.ts';
import { DeployController } from './deploy-controller.ts';
import type { CanaryConfig } from './schema.ts';

type Phase = 'starting' | 'analysing' | 'promoting-primary' | 'promoted' | 'failed';

export class Flagger extends DeployController {
  readonly kind = 'canary';
  private canary!: ReplicaSet;
  private newPrimary: ReplicaSet | null = null;
  private phase: Phase = 'starting';
  private weight = 0;
  private ladder = 0;
  private failedChecks = 0;
  private passedIterations = 0;
  private gate: AnalysisGate | null = null;
  private readonly f: NonNullable<CanaryConfig['flagger']>;

  constructor(
    private readonly c: CanaryConfig,
    private readonly templates: Readonly<Record<string, AnalysisTemplate>>,
  ) {
    super(c);
    if (!c.flagger) throw new Error('Flagger controller needs strategy.flagger');
    this.f = c.flagger;
  }

  protected deploy(): void {
    const w = this.world;
    this.canary = w.addReplicaSet(`${w.versions[1]}-canary`, 1, 'canary');
    w.fleet.scale(this.canary, this.replicas);
    w.log.add(this.now, 'scale', { replicaSet: this.canary.name, replicas: this.replicas, reason: 'Flagger scales the canary deployment to the primary’s size' });
  }

  protected reconcile(): void {
    if (this.phase === 'starting' && this.canary.available(this.now, 0) >= this.replicas) {
      this.phase = 'analysing';
      this.startTesting();
      this.check();
    }
    if (this.phase === 'promoting-primary' && this.newPrimary && this.newPrimary.available(this.now, 0) >= this.replicas) this.finishPromotion();
  }

  private get abTesting(): boolean {
    return this.f.iterations !== undefined;
  }

  private startTesting(): void {
    const w = this.world;
    if (!this.abTesting) {
      this.stepWeight();
      return;
    }
    if (this.f.match) {
      w.router.matchTo = this.canary.index;
      w.router.matchShare = this.f.match.userShare;
      w.log.add(this.now, 'match-route', { replicaSet: this.canary.name, userShare: this.f.match.userShare });
    } else {
      w.router.mirrorTo = this.canary.index;
      w.router.mirrorShare = 1;
      w.log.add(this.now, 'mirror-route', { replicaSet: this.canary.name, share: 1 });
    }
  }

  private nextWeight(): number {
    if (this.f.stepWeights) return this.f.stepWeights[Math.min(this.ladder++, this.f.stepWeights.length - 1)];
    return this.weight + (this.f.stepWeight ?? 0);
  }

  private stepWeight(): void {
    const next = Math.min(this.nextWeight(), this.f.maxWeight);
    this.weight = next;
    this.world.router.setWeights(
      [{ replicaSet: this.canary.index, weight: next }, { replicaSet: this.stable.index, weight: 100 - next }],
      `Advance canary weight ${next}`,
    );
  }

  /** One check over the last interval: a gate that measures once, an interval from now. */
  private check(): void {
    this.gate = new AnalysisGate(this.world, this.templates, this.f.analysis.templates, { name: 'flagger check', canary: this.canary.index, baseline: this.stable.index, duration: this.f.interval }, (phase, detail) => {
      this.gate = null;
      if (this.rollingBack || this.phase !== 'analysing') return;
      if (phase === 'Successful') this.passed();
      else {
        this.failedChecks++;
        this.world.log.add(this.now, 'halt', { failedChecks: this.failedChecks, threshold: this.f.threshold, weight: this.weight, phase, ...detail });
        if (this.failedChecks >= this.f.threshold) {
          this.requestRollback('analysis', { failedChecks: this.failedChecks });
          return;
        }
        this.check();
      }
    });
    this.gate.start();
  }

  private passed(): void {
    if (this.abTesting) {
      this.passedIterations++;
      if (this.passedIterations >= (this.f.iterations ?? 0)) this.promote();
      else this.check();
      return;
    }
    if (this.weight >= this.f.maxWeight) {
      this.promote();
      return;
    }
    this.stepWeight();
    this.check();
  }

  private promote(): void {
    const w = this.world;
    this.phase = 'promoting-primary';
    this.newPrimary = w.addReplicaSet(`${w.versions[1]}-primary`, 1, 'primary');
    w.fleet.scale(this.newPrimary, this.replicas);
    w.log.add(this.now, 'promote', { step: 'copying the canary spec to the primary', replicaSet: this.newPrimary.name });
  }

  private finishPromotion(): void {
    const w = this.world;
    if (!this.newPrimary) return;
    this.phase = 'promoted';
    w.router.matchTo = -1;
    w.router.mirrorTo = -1;
    w.router.setWeights(
      [{ replicaSet: this.newPrimary.index, weight: 100 }, { replicaSet: this.canary.index, weight: 0 }, { replicaSet: this.stable.index, weight: 0 }],
      'Routing all traffic to primary',
    );
    const later = w.sim.handler(() => {
      w.fleet.scale(this.canary, 0);
      w.fleet.scale(this.stable, 0);
    });
    w.sim.after(w.router.propagation + 1, later);
  }

  protected promotionDone(): boolean {
    return this.phase === 'promoted';
  }

  protected rollBack(): void {
    const w = this.world;
    this.gate?.terminate();
    this.phase = 'failed';
    w.router.matchTo = -1;
    w.router.mirrorTo = -1;
    w.router.setWeights([{ replicaSet: this.stable.index, weight: 100 }, { replicaSet: this.canary.index, weight: 0 }], 'Rolling back: all traffic to primary');
    w.fleet.scale(this.canary, 0);
    if (this.newPrimary) w.fleet.scale(this.newPrimary, 0);
  }
}
