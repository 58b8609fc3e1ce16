// An analysis run: a template instantiated against a canary and a baseline replica set,
// measuring every interval on the simulation clock until a metric breaks a limit, `count` is
// reached, its duration ends or it is terminated (Argo Rollouts AnalysisRun semantics).
// Strategies start one and learn the phase through `onDone`; they need not know the judges.
import type { EventHandle } from '../engine/event-queue.ts';
import type { World } from '../model/world.ts';
import type { KayentaReport } from './kayenta-judge.ts';
import type { MeasureContext } from './measure-metric.ts';
import { measurementUnits, type MeasurementUnit } from './measurement-units.ts';
import {
  assessMetric,
  assessRun,
  brokenLimit,
  isCompleted,
  isTerminating,
  isWorse,
  recordMeasurement,
  type AnalysisRunPhase,
  type MetricTally,
} from './phase.ts';
import { reportNumber, verdictOf, worstVerdict, type MetricReport, type Verdict } from './report.ts';
import type { AnalysisTemplate } from './schema.ts';

export interface AnalysisRunOptions {
  /** Names the run in events, e.g. "latency-and-errors@step-2". */
  name: string;
  /** Replica set (index) being judged. */
  canary: number;
  /** Replica set it is compared with: a fresh baseline of the stable version, or the stable set itself. */
  baseline?: number;
  /** Seconds; an inline step's duration: measurements stop and the run is Successful when it ends. */
  duration?: number;
  /** Availability target for burn rates, fraction 0–1. Default: the scenario's slo.availability. */
  sloAvailability?: number;
  /** Called exactly once, when the run reaches a terminal phase. */
  onDone?: (phase: AnalysisRunPhase, detail: AnalysisRunDetail) => void;
}

/** One measured metric's counters and phase, as Argo's MetricResult. */
export interface MetricResult extends MetricTally {
  name: string;
  phase: AnalysisRunPhase;
}

export interface AnalysisRunDetail {
  /** Why it ended, e.g. `metric "errors" assessed Failed due to failed (1) > failureLimit (0)`. */
  message: string;
  /** Measurement rounds taken. */
  rounds: number;
  metrics: MetricResult[];
}

/** Measurements run after same-time scrapes (priority 0) and before timeline samples (1000). */
const MEASURE_PRIORITY = 500;
/** The duration's end comes after a measurement due at the same instant. */
const END_PRIORITY = 600;

export class AnalysisRun {
  private currentPhase: AnalysisRunPhase = 'Pending';
  private roundsTaken = 0;
  /** Simulated time of `start`, seconds (NaN before). */
  private started = Number.NaN;
  private readonly units: MeasurementUnit[];
  private readonly context: MeasureContext;
  private readonly measureHandler: number;
  private readonly endHandler: number;
  private timer = -1;
  private endEvent: EventHandle = -1;
  private done = false;

  constructor(
    private readonly world: World,
    readonly template: AnalysisTemplate,
    private readonly options: AnalysisRunOptions,
  ) {
    this.context = {
      world,
      canary: options.canary,
      baseline: options.baseline ?? null,
      sloAvailability: options.sloAvailability ?? world.config.slo.availability,
      interval: template.interval,
    };
    this.units = measurementUnits(template, this.context, () => this.started);
    this.measureHandler = world.sim.handler(() => this.measureRound());
    this.endHandler = world.sim.handler(() => this.terminate(`duration of ${this.options.duration} s reached`));
  }

  /** Current phase: Pending until `start`, Running, then terminal. */
  get phase(): AnalysisRunPhase {
    return this.currentPhase;
  }

  /** Measurement rounds taken so far. */
  get rounds(): number {
    return this.roundsTaken;
  }

  /**
   * Starts measuring: the first measurement comes one interval after `initialDelay`, so it
   * judges a full interval of the run's own traffic (Flagger checks after each interval;
   * Argo measures at once, which would judge traffic from before the step).
   */
  start(): void {
    if (!Number.isNaN(this.started)) throw new Error(`analysis run ${this.options.name} was already started`);
    const sim = this.world.sim;
    this.started = sim.now;
    this.currentPhase = 'Running';
    const t = this.template;
    const replicaSets = this.world.fleet.replicaSets;
    this.world.log.add(sim.now, 'analysis-start', {
      run: this.options.name,
      canary: replicaSets[this.options.canary]?.name ?? this.options.canary,
      baseline: this.options.baseline !== undefined ? (replicaSets[this.options.baseline]?.name ?? this.options.baseline) : null,
      interval: t.interval,
      ...(t.initialDelay > 0 ? { initialDelay: t.initialDelay } : {}),
      ...(t.count !== undefined ? { count: t.count } : {}),
      ...(this.options.duration !== undefined ? { duration: this.options.duration } : {}),
      metrics: t.metrics.map((m) => m.name),
    });
    this.timer = sim.every(t.interval, this.measureHandler, 0, t.initialDelay + t.interval, MEASURE_PRIORITY);
    if (this.options.duration !== undefined) this.endEvent = sim.after(this.options.duration, this.endHandler, 0, END_PRIORITY);
  }

  /**
   * Stops the run early: Successful unless a metric already decided otherwise (Argo). Calls
   * `onDone` before returning. No-op before `start` and after the run is done.
   */
  terminate(reason = 'terminated'): void {
    if (Number.isNaN(this.started) || this.done) return;
    this.assess(true, reason);
  }

  /** Each metric's counters and phase so far. */
  results(): MetricResult[] {
    return this.units.map((u) => ({ name: u.name, phase: u.phase, ...u.tally }));
  }

  private measureRound(): void {
    if (this.done) return;
    const now = this.world.sim.now;
    this.roundsTaken++;
    const reports: MetricReport[] = [];
    const verdicts: Verdict[] = [];
    let kayenta: KayentaReport | undefined;
    for (const u of this.units) {
      const m = u.measure(now);
      recordMeasurement(u.tally, m.phase);
      verdicts.push(verdictOf(m.phase));
      u.lastReason = m.kayenta?.reason ?? m.reports.find((r) => r.reason !== undefined && r.verdict !== 'pass')?.reason;
      reports.push(...m.reports);
      if (m.kayenta) kayenta = m.kayenta;
    }
    this.world.log.add(now, 'analysis', {
      run: this.options.name,
      round: this.roundsTaken,
      verdict: worstVerdict(verdicts),
      metrics: reports,
      ...(kayenta ? { kayenta } : {}),
    });
    this.assess(false, '');
  }

  /** Argo's assessRunStatus: metric phases, then the run's; finishes the run when it is terminal. */
  private assess(terminateRequested: boolean, reason: string): void {
    let phases = this.units.map((u) => assessMetric(u.tally, u.limits, false));
    const terminating = isTerminating(phases, terminateRequested);
    if (terminating) phases = this.units.map((u) => assessMetric(u.tally, u.limits, true));
    this.units.forEach((u, i) => (u.phase = phases[i]));
    const phase = assessRun(phases, terminating);
    this.currentPhase = phase;
    if (isCompleted(phase)) this.finish(phase, this.message(reason));
  }

  private message(reason: string): string {
    let worst: MeasurementUnit | null = null;
    for (const u of this.units) if (brokenLimit(u.tally, u.limits) && (worst === null || isWorse(worst.phase, u.phase))) worst = u;
    if (!worst) return reason || (this.template.count !== undefined ? `count (${this.template.count}) reached` : 'completed');
    const broken = brokenLimit(worst.tally, worst.limits)!;
    return `metric "${worst.name}" assessed ${worst.phase} due to ${broken.message}${worst.lastReason ? `: ${worst.lastReason}` : ''}`;
  }

  private finish(phase: AnalysisRunPhase, message: string): void {
    this.done = true;
    const sim = this.world.sim;
    if (this.timer >= 0) sim.cancelTimer(this.timer);
    if (this.endEvent !== -1) sim.cancel(this.endEvent);
    const metrics = this.results();
    this.world.log.add(sim.now, 'analysis-done', {
      run: this.options.name,
      phase,
      message,
      rounds: this.rounds,
      durationS: reportNumber(sim.now - this.started),
      metrics,
    });
    this.options.onDone?.(phase, { message, rounds: this.rounds, metrics });
  }
}
