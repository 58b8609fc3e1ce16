// Statistical power of a canary analysis: for the scenario's analysis template, how likely a
// regression of a given size is caught, and how often a healthy release is thrown away, as a
// function of canary weight and hold time. Each cell rewrites the canary to two steps —
// `setWeight w`, then `analysis {template, duration: hold}` — and runs it over many seeds
// with the effect (detection) and without it (false rollbacks), on the same seeds.
import { regressionSchema, type RegressionConfig } from '../model/config/release.ts';
import { parseDurationSeconds } from '../model/config/units.ts';
import { canarySchema, type CanaryConfig } from '../strategies/schema.ts';
import { RESULTS_SCHEMA_VERSION } from './run-result.ts';
import type { Scenario } from './schema.ts';
import type { RunRecord } from './sweep-record.ts';
import { quantiles, wilson, type Quantiles, type Rate } from './sweep-stats.ts';
import type { SweepJob } from './sweep.ts';

/** The regression whose detection is measured. */
export interface Effect {
  /** As written: `error-rate=0.001`, `latency=1.2`, `latency-tail=1.5`. */
  spec: string;
  kind: 'error-rate' | 'latency' | 'latency-tail';
  value: number;
}

export const EFFECT_KINDS = {
  'error-rate': 'added probability that a request fails, 0–1 (error-rate=0.001 adds 0.1 percentage points)',
  latency: 'latency multiplier of every request (latency=1.2 is 20% slower)',
  'latency-tail': 'latency multiplier of the tail only, the median unchanged (latency-tail=1.5)',
} as const;

/** Parses `kind=value`. @throws RangeError saying what was expected. */
export function parseEffect(spec: string): Effect {
  const m = /^([a-z-]+)=(\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(spec.trim());
  const kinds = Object.keys(EFFECT_KINDS).join(', ');
  if (!m || !(m[1] in EFFECT_KINDS)) throw new RangeError(`expected kind=value with kind one of ${kinds}, such as error-rate=0.001 or latency=1.2, got ${JSON.stringify(spec)}`);
  const kind = m[1] as Effect['kind'];
  const value = Number(m[2]);
  if (kind === 'error-rate' && !(value > 0 && value <= 1)) throw new RangeError(`error-rate: expected an added error probability above 0 and at most 1, got ${m[2]}`);
  if (kind !== 'error-rate' && !(value > 0)) throw new RangeError(`${kind}: expected a latency multiplier above 0, such as 1.2, got ${m[2]}`);
  return { spec: `${kind}=${m[2]}`, kind, value };
}

/** The effect as a regression of the candidate, from deploy on, for every request. */
export function effectRegression(effect: Effect): RegressionConfig {
  if (effect.kind === 'error-rate') return regressionSchema.parse({ kind: 'error-rate', errorRate: effect.value });
  return regressionSchema.parse({ kind: 'latency', multiplier: effect.value, tailOnly: effect.kind === 'latency-tail' });
}

/**
 * The candidate's own regression as an effect, to measure the scenario's fault by default:
 * its first error-rate or latency regression (onset and scope left out), else undefined.
 */
export function scenarioEffect(scenario: Scenario): Effect | undefined {
  for (const r of scenario.releases.candidate?.regressions ?? []) {
    if (r.kind === 'error-rate' && r.errorRate > 0) return parseEffect(`error-rate=${r.errorRate}`);
    if (r.kind === 'latency') return parseEffect(`${r.tailOnly ? 'latency-tail' : 'latency'}=${r.multiplier}`);
  }
  return undefined;
}

/** The template to judge with: the first the scenario's canary uses, else the first defined. */
export function powerTemplate(scenario: Scenario): string | undefined {
  const s = scenario.strategy;
  if (s.kind === 'canary') {
    for (const step of s.steps) if ('analysis' in step) return step.analysis.templates[0];
    if (s.analysis) return s.analysis.templates[0];
    if (s.flagger) return s.flagger.analysis.templates[0];
  }
  if (s.kind === 'blue-green') {
    const t = s.prePromotionAnalysis?.templates[0] ?? s.postPromotionAnalysis?.templates[0];
    if (t) return t;
  }
  return Object.keys(scenario.analysis)[0];
}

/** Parses a hold time: `5m`, `30s`, `1h` or a number of seconds. @throws RangeError */
export function parseHold(text: string): number {
  const s = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : parseDurationSeconds(text);
  if (s === null || !(s > 0)) throw new RangeError(`expected a hold time such as 5m, 90s or 1h, got ${JSON.stringify(text)}`);
  return s;
}

/** Parses a canary weight in percent, above 0 and at most 100. @throws RangeError */
export function parseWeight(text: string): number {
  const w = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(w > 0 && w <= 100)) throw new RangeError(`expected canary weights above 0 and at most 100 (percent), got ${JSON.stringify(text)}`);
  return w;
}

export interface PowerCellPlan {
  /** Canary weight, percent. */
  weight: number;
  /** How long the analysis holds at that weight, seconds. */
  holdS: number;
}

export interface PowerPlan {
  scenario: string;
  title: string;
  template: string;
  effect: Effect;
  seeds: number;
  firstSeed: number;
  fidelity: 'request' | 'aggregate';
  weights: number[];
  holdsS: number[];
  /** weight-major: cell = weightIndex × holds + holdIndex. */
  cells: PowerCellPlan[];
}

/**
 * The scenario for one cell, with (`withEffect`) or without the effect. The candidate's own
 * regressions are removed, so the effect is the only difference from the stable version;
 * the operator and rollback drills are removed, so only the analysis can roll back; the run
 * ends once the hold is over (plus the time for the canary to start).
 */
export function powerScenario(scenario: Scenario, template: string, cell: PowerCellPlan, effect: Effect | null): Scenario {
  const own = scenario.strategy.kind === 'canary' ? scenario.strategy : null;
  const base: CanaryConfig = own ?? canarySchema.parse({ kind: 'canary', deployAt: scenario.strategy.kind === 'none' ? 60 : scenario.strategy.deployAt });
  const strategy: CanaryConfig = {
    ...base,
    steps: [{ setWeight: cell.weight }, { analysis: { templates: [template], duration: cell.holdS } }],
    flagger: undefined,
    analysis: undefined,
    operator: undefined,
    rollbackDrill: undefined,
    preset: undefined,
    promoteAt: undefined,
  };
  const stable = scenario.releases.stable;
  const candidate = scenario.releases.candidate ?? { ...stable, version: `${stable.version}-next` };
  const f = scenario.fleet;
  // Scheduling, boot and the readiness probe before the canary takes traffic, and some slack.
  const startup = f.provisioning.p99 + (candidate.boot ?? f.boot).p99 + f.readinessProbe.initialDelaySeconds + f.readinessProbe.periodSeconds * f.readinessProbe.successThreshold + 120;
  return {
    ...scenario,
    duration: strategy.deployAt + startup + cell.holdS,
    strategy,
    releases: { ...scenario.releases, candidate: { ...candidate, regressions: effect ? [effectRegression(effect)] : [] } },
    expect: [],
  };
}

/** The plan's scenarios, two per cell: [with the effect, without]. */
export function powerScenarios(scenario: Scenario, plan: PowerPlan): Scenario[] {
  return plan.cells.flatMap((cell) => [powerScenario(scenario, plan.template, cell, plan.effect), powerScenario(scenario, plan.template, cell, null)]);
}

/** Every run: per scenario of {@link powerScenarios}, seeds firstSeed + k; the same seeds with and without the effect. */
export function powerJobs(plan: PowerPlan): SweepJob[] {
  const jobs: SweepJob[] = [];
  for (let cell = 0; cell < plan.cells.length * 2; cell++) for (let k = 0; k < plan.seeds; k++) jobs.push({ cell, k, seed: plan.firstSeed + k });
  return jobs;
}

export interface PowerCellResult extends PowerCellPlan {
  /** Runs with the effect that the analysis rolled back. */
  detection: Rate;
  /** Runs without the effect that the analysis rolled back. */
  falseRollback: Rate;
  /** From the first affected request to the rollback decision, in the runs that caught it. */
  detectionDelayS: Quantiles;
}

export interface PowerResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  scenario: string;
  title: string;
  template: string;
  effect: Effect;
  fidelity: 'request' | 'aggregate';
  seeds: number;
  firstSeed: number;
  weights: number[];
  holdsS: number[];
  cells: PowerCellResult[];
}

/** The table from the records of {@link powerJobs} (any order). */
export function powerResult(plan: PowerPlan, records: readonly RunRecord[]): PowerResult {
  const by = new Map<number, RunRecord[]>();
  for (const r of records) {
    const list = by.get(r.cell) ?? [];
    list.push(r);
    by.set(r.cell, list);
  }
  const caught = (r: RunRecord) => r.outcome === 'rolled-back' && r.trigger === 'analysis';
  const cells = plan.cells.map((cell, i) => {
    const withEffect = [...(by.get(2 * i) ?? [])].sort((a, b) => a.k - b.k);
    const without = by.get(2 * i + 1) ?? [];
    if (withEffect.length !== plan.seeds || without.length !== plan.seeds) throw new RangeError(`power: cell ${i} has ${withEffect.length} + ${without.length} runs, expected ${plan.seeds} + ${plan.seeds}`);
    return {
      ...cell,
      detection: wilson(withEffect.filter(caught).length, plan.seeds),
      falseRollback: wilson(without.filter(caught).length, plan.seeds),
      detectionDelayS: quantiles(withEffect.filter(caught).map((r) => r.detectionDelayS)),
    };
  });
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    scenario: plan.scenario,
    title: plan.title,
    template: plan.template,
    effect: plan.effect,
    fidelity: plan.fidelity,
    seeds: plan.seeds,
    firstSeed: plan.firstSeed,
    weights: plan.weights,
    holdsS: plan.holdsS,
    cells,
  };
}
