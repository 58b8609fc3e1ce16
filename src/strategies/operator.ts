// The human on call when nothing is automated: an alerting rule over the whole service
// (Prometheus semantics: evaluated every interval, firing once the condition has held for
// `for`), a page, the time a person takes to react, then the strategy's own rollback.
import { LatencyHistogram } from '../model/metrics/latency-histogram.ts';
import type { World } from '../model/world.ts';
import type { StrategyConfig } from './schema.ts';

type OperatorConfig = NonNullable<Exclude<StrategyConfig, { kind: 'none' }>['operator']>;

export class OperatorOnCall {
  private pendingSince = Number.NaN;
  private fired = false;
  private timer = -1;
  private readonly scratch = new LatencyHistogram();

  constructor(
    private readonly world: World,
    private readonly config: OperatorConfig,
    private readonly deployStartedAt: () => number,
    private readonly rollBack: (trigger: string) => void,
  ) {}

  start(): void {
    const sim = this.world.sim;
    const evaluate = sim.handler(() => this.evaluate());
    this.timer = sim.every(this.config.alert.evaluationInterval, evaluate);
  }

  /** The alert's value now: error rate or p99 (ms) over the whole service. */
  value(): number {
    const w = this.world;
    const now = w.sim.now;
    const since = now - this.config.alert.window;
    if (this.config.alert.metric === 'latency.p99') {
      this.scratch.reset();
      for (let p = 0; p < w.metrics.pools.length; p++) w.metrics.mergeLatency(p, now, since, this.scratch);
      return this.scratch.count > 0 ? this.scratch.quantile(0.99) : Number.NaN;
    }
    let requests = 0;
    let bad = 0;
    for (let p = 0; p < w.metrics.pools.length; p++) {
      for (const point of w.metrics.visible(p, now, since)) {
        if (Number.isNaN(point.requests)) continue;
        requests += point.requests;
        bad += point.errors + point.timeouts + point.dropped;
      }
    }
    return requests > 0 ? bad / requests : Number.NaN;
  }

  private evaluate(): void {
    if (this.fired || Number.isNaN(this.deployStartedAt())) return;
    const w = this.world;
    const now = w.sim.now;
    const value = this.value();
    const a = this.config.alert;
    if (!(value > a.threshold)) {
      this.pendingSince = Number.NaN;
      return;
    }
    if (Number.isNaN(this.pendingSince)) this.pendingSince = now;
    if (now - this.pendingSince < a.for) return;
    this.fired = true;
    w.sim.cancelTimer(this.timer);
    w.log.add(now, 'alert-firing', { metric: a.metric, value: roundValue(value), threshold: a.threshold, heldForS: now - this.pendingSince, reactionTimeS: this.config.reactionTime });
    const react = w.sim.handler(() => this.rollBack('operator'));
    w.sim.after(this.config.reactionTime, react);
  }
}

function roundValue(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
