// What a run measures each round: one unit per metric judged on its own (conditions,
// thresholdRange, burn rate) and one unit for all judge metrics together, each with its own
// Argo counters and limits (template-level limits, overridden per metric where allowed).
import { kayentaMeasurement, type KayentaReport } from './kayenta-judge.ts';
import { compileMetric, measureMetric, type MeasureContext } from './measure-metric.ts';
import { emptyTally, type AnalysisRunPhase, type MeasurementPhase, type MetricLimits, type MetricTally } from './phase.ts';
import type { MetricReport } from './report.ts';
import { KAYENTA_MEASUREMENT, type AnalysisTemplate } from './schema.ts';

/** One measured thing of a run: Argo's MetricResult plus how to take a measurement. */
export interface MeasurementUnit {
  name: string;
  limits: MetricLimits;
  tally: MetricTally;
  phase: AnalysisRunPhase;
  /** The last measurement's reason, for the run's message. */
  lastReason?: string;
  measure(now: number): { phase: MeasurementPhase; reports: MetricReport[]; kayenta?: KayentaReport };
}

/** The units of `template` measured in `context`; `startedAt` gives the run's start (s) for growing windows. */
export function measurementUnits(template: AnalysisTemplate, context: MeasureContext, startedAt: () => number): MeasurementUnit[] {
  const limitsOf = (m: { failureLimit?: number; inconclusiveLimit?: number; consecutiveErrorLimit?: number }): MetricLimits => ({
    failureLimit: m.failureLimit ?? template.failureLimit,
    inconclusiveLimit: m.inconclusiveLimit ?? template.inconclusiveLimit,
    consecutiveErrorLimit: m.consecutiveErrorLimit ?? template.consecutiveErrorLimit,
    count: template.count,
  });
  const unit = (name: string, limits: MetricLimits, measure: MeasurementUnit['measure']): MeasurementUnit => ({
    name,
    limits,
    tally: emptyTally(),
    phase: 'Pending',
    measure,
  });
  const units: MeasurementUnit[] = [];
  for (const config of template.metrics) {
    if (config.judge) continue;
    const compiled = compileMetric(config, template);
    units.push(unit(config.name, limitsOf(config), (now) => {
      const { phase, report } = measureMetric(context, compiled, now);
      return { phase, reports: [report] };
    }));
  }
  // Judge metrics make one measurement together, like Argo's kayenta provider.
  const judged = template.metrics.filter((m) => m.judge);
  if (judged.length > 0) {
    units.push(unit(KAYENTA_MEASUREMENT, limitsOf({}), (now) => kayentaMeasurement(context, judged, template, now, startedAt())));
  }
  return units;
}
