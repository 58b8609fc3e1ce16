// Analysis: the expression language, analysis templates, metric queries, the phase rules and
// the run that applies them; the statistics behind Kayenta's judge; the outcome measures.
export { Expression, ExpressionSyntaxError, type Evaluation, type PathListener, type Value } from './expression.ts';
export {
  analysisSchema,
  analysisTemplateSchema,
  analysisMetricSchema,
  judgeSchema,
  burnRateSchema,
  kayentaSchema,
  METRIC_NAMES,
  KAYENTA_MEASUREMENT,
  type AnalysisTemplates,
  type AnalysisTemplate,
  type AnalysisTemplateInput,
  type AnalysisMetric,
  type MetricName,
  type JudgeConfig,
  type BurnRateConfig,
} from './schema.ts';
export { CONDITION_NAMES, conditionIssue, evaluateConditions, type ConditionScope, type ConditionPhase } from './conditions.ts';
export { readMetric, metricSeries, pointValue, type MetricReading, type MetricSeries, type MetricsSource } from './metric-query.ts';
export { burnRate, type BurnRateReading } from './burn-rate.ts';
export {
  PHASE_ORDER,
  isCompleted,
  isWorse,
  emptyTally,
  recordMeasurement,
  brokenLimit,
  assessMetric,
  isTerminating,
  assessRun,
  type AnalysisRunPhase,
  type MeasurementPhase,
  type MetricTally,
  type MetricLimits,
} from './phase.ts';
export { verdictOf, worstVerdict, reportNumber, type Verdict, type MetricReport } from './report.ts';
export { measureMetric, compileMetric, describeNoData, type MeasureContext, type CompiledMetric, type NoDataPolicy } from './measure-metric.ts';
export { kayentaMeasurement, type KayentaReport } from './kayenta-judge.ts';
export { measurementUnits, type MeasurementUnit } from './measurement-units.ts';
export { AnalysisRun, type AnalysisRunOptions, type AnalysisRunDetail, type MetricResult } from './analysis-run.ts';
export * from './statistics/index.ts';
export * from './outcomes/summary.ts';
