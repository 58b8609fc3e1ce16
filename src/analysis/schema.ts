// The scenario's `analysis:` section: named templates with Argo Rollouts AnalysisTemplate
// semantics (interval, count, failureLimit, …; AR pkg/apis/rollouts/v1alpha1/analysis_types.go)
// over the model's metric vocabulary, judged by conditions (Argo), a threshold range (Flagger),
// Kayenta's Mann-Whitney judge, or an SLO burn rate over two windows (Google SRE workbook ch. 5).
import * as z from 'zod';
import { duration, fraction, positiveInt } from '../model/config/units.ts';
import { conditionIssue } from './conditions.ts';

/** The metrics a measurement can read, per replica set. */
export const METRIC_NAMES = [
  'errorRate',
  'successRate',
  'latency.p50',
  'latency.p95',
  'latency.p99',
  'requestRate',
  'conversionRate',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Argo's limits: a count the metric may reach without failing; −1 switches the check off. */
const limit = z.number().int('expected a whole number').min(-1, 'expected a whole number ≥ 0, or −1 for no limit');

// Judge metrics do not use it: Kayenta's Nodata rules (mustHaveData, the 50% Nodata rule) apply.
const noDataSchema = z
  .enum(['fail', 'inconclusive', 'error'])
  .describe('what a measurement with no requests (or only lost scrapes) counts as: fail (Flagger), inconclusive, or error (Argo, where an empty query result errors)');

const condition = z.string().min(1).superRefine((text, ctx) => {
  const issue = conditionIssue(text);
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

const thresholdRangeSchema = z
  .strictObject({
    min: z.number().optional().describe('the canary value must be ≥ min'),
    max: z.number().optional().describe('the canary value must be ≤ max'),
  })
  .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'expected min, max or both' })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'expected min ≤ max' })
  .describe('Flagger thresholdRange: the canary passes when min ≤ value ≤ max');

export const judgeSchema = z
  .strictObject({
    kind: z.literal('mann-whitney').default('mann-whitney').describe("Kayenta's NetflixACAJudge (MannWhitneyClassifier)"),
    direction: z.enum(['increase', 'decrease', 'either']).default('either').describe('which change fails the metric (Kayenta default: either)'),
    confidence: z.number().gt(0).lt(1).default(0.98).describe('two-sided confidence of the shift interval (Kayenta: 0.98)'),
    effectSizeMeasure: z.enum(['meanRatio', 'cles']).default('meanRatio').describe('effect size that gates High/Low (Kayenta default: meanRatio)'),
    allowedIncrease: z.number().positive().optional().describe('High needs an effect size ≥ this (default 1.0 meanRatio, 0.5 cles)'),
    allowedDecrease: z.number().positive().optional().describe('Low needs an effect size ≤ this (default 1.0 meanRatio, 0.5 cles)'),
    criticalIncrease: z.number().positive().optional().describe('on a critical metric, a High this large zeroes the score'),
    criticalDecrease: z.number().positive().optional().describe('on a critical metric, a Low this small zeroes the score'),
    critical: z.boolean().default(false).describe('a failure of this metric fails the whole canary (score 0)'),
    mustHaveData: z.boolean().default(false).describe('missing data counts against the group score'),
    nanStrategy: z.enum(['remove', 'replace']).default('remove').describe('lost or empty scrapes: drop them, or count them as 0'),
    groups: z.array(z.string().min(1)).min(1).optional().describe('score groups (Kayenta metric groups); default: the metric name'),
  })
  .describe('per-scrape canary vs baseline series over the window, classified Pass / High / Low / Nodata');
export type JudgeConfig = z.output<typeof judgeSchema>;

export const burnRateSchema = z
  .strictObject({
    availability: fraction.optional().describe('SLO availability target; default: the scenario’s slo.availability'),
    shortWindow: duration.default(300).describe('short window, seconds (SRE workbook: 5m)'),
    longWindow: duration.default(3600).describe('long window, seconds (SRE workbook: 1h)'),
    threshold: z.number().positive().default(14.4).describe('burn rate both windows must exceed (14.4 = 2% of a 30-day budget in 1 h)'),
  })
  .refine((b) => b.shortWindow > 0 && b.shortWindow < b.longWindow, { message: 'expected 0 < shortWindow < longWindow' })
  .describe('SLO multi-window burn rate of the canary: fails when both windows burn faster than the threshold');
export type BurnRateConfig = z.output<typeof burnRateSchema>;

const metricFields = {
  name: z.string().min(1).describe('metric name, unique in the template'),
  metric: z.enum(METRIC_NAMES).optional().describe('what to measure: errorRate (fraction), successRate (%), latency.p50|p95|p99 (ms), requestRate (req/s), conversionRate (fraction)'),
  window: duration.optional().describe('query range, seconds (default: the interval; judge metrics: since the run started)'),
  successCondition: condition.optional().describe('Argo: the measurement succeeds when true, e.g. canary <= baseline * 1.10'),
  failureCondition: condition.optional().describe('Argo: the measurement fails when true'),
  thresholdRange: thresholdRangeSchema.optional(),
  judge: judgeSchema.optional(),
  burnRate: burnRateSchema.optional(),
  failureLimit: limit.optional().describe('overrides the template’s failureLimit for this metric'),
  inconclusiveLimit: limit.optional().describe('overrides the template’s inconclusiveLimit for this metric'),
  consecutiveErrorLimit: limit.optional().describe('overrides the template’s consecutiveErrorLimit for this metric'),
  noData: noDataSchema.optional().describe('overrides the template’s noData for this metric'),
};

export const analysisMetricSchema = z
  .strictObject(metricFields)
  .superRefine((m, ctx) => {
    const ways = [
      m.successCondition !== undefined || m.failureCondition !== undefined ? 'successCondition/failureCondition' : null,
      m.thresholdRange ? 'thresholdRange' : null,
      m.judge ? 'judge' : null,
      m.burnRate ? 'burnRate' : null,
    ].filter((w) => w !== null);
    if (ways.length === 0) {
      ctx.addIssue({ code: 'custom', message: `metric "${m.name}" needs one way to judge it: successCondition/failureCondition, thresholdRange, judge or burnRate` });
    } else if (ways.length > 1) {
      ctx.addIssue({ code: 'custom', message: `metric "${m.name}" sets ${ways.join(' and ')}; keep exactly one` });
    }
    if (m.burnRate) {
      if (m.metric !== undefined && m.metric !== 'errorRate') ctx.addIssue({ code: 'custom', path: ['metric'], message: `a burnRate metric measures errorRate against the availability SLO, not ${m.metric}` });
      if (m.window !== undefined) ctx.addIssue({ code: 'custom', path: ['window'], message: 'a burnRate metric has its own shortWindow and longWindow; remove window' });
    } else if (m.metric === undefined) {
      ctx.addIssue({ code: 'custom', path: ['metric'], message: `metric "${m.name}" needs metric: one of ${METRIC_NAMES.join(', ')}` });
    }
    if (m.judge) {
      for (const key of ['failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit', 'noData'] as const) {
        if (m[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `judge metrics are scored together as one Kayenta measurement: set ${key} on the template` });
      }
    }
  })
  .describe('one metric of a template');
export type AnalysisMetric = z.output<typeof analysisMetricSchema>;

export const kayentaSchema = z
  .strictObject({
    pass: z.number().min(0).max(100).default(95).describe('score ≥ pass: Successful (Kayenta sample config: 95)'),
    marginal: z.number().min(0).max(100).default(75).describe('score ≥ marginal: Inconclusive, below: Failed (Kayenta sample config: 75)'),
    groupWeights: z.record(z.string(), z.number().min(0)).default({}).describe('weight per group, percent; groups left out share the rest equally'),
  })
  .refine((k) => k.marginal <= k.pass, { message: 'expected marginal ≤ pass' })
  .describe('how judge metrics are scored together (Kayenta WeightedSumScorer; Argo kayenta provider thresholds)');

/** The name of the one measurement that the judge metrics of a template make together. */
export const KAYENTA_MEASUREMENT = 'kayenta';

export const analysisTemplateSchema = z
  .strictObject({
    interval: duration
      .default(30)
      .refine((s) => s > 0, { message: 'expected an interval > 0' })
      .describe('seconds between measurements (default 30 s, the concept card’s pattern; Flagger 60 s)'),
    initialDelay: duration.default(0).describe('seconds to wait before the first interval starts'),
    count: positiveInt.optional().describe('measurements to take; reaching it makes the run Successful (default: until the run ends)'),
    failureLimit: limit.default(0).describe('failed measurements a metric may have; one more fails it (Argo: 0; −1 = off)'),
    inconclusiveLimit: limit.default(0).describe('inconclusive measurements a metric may have (Argo: 0; −1 = off)'),
    consecutiveErrorLimit: limit.default(4).describe('errors in a row a metric may have (Argo: 4; −1 = off)'),
    noData: noDataSchema.default('fail'),
    kayenta: kayentaSchema.optional(),
    metrics: z.array(analysisMetricSchema).min(1, 'expected at least one metric'),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.metrics.forEach((m, i) => {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'name'], message: `duplicate metric name "${m.name}"` });
      seen.add(m.name);
    });
    const judged = t.metrics.filter((m) => m.judge);
    if (judged.length === 0) {
      if (t.kayenta) ctx.addIssue({ code: 'custom', path: ['kayenta'], message: 'kayenta scoring is set but no metric has a judge' });
      return;
    }
    if (seen.has(KAYENTA_MEASUREMENT)) ctx.addIssue({ code: 'custom', path: ['metrics'], message: `"${KAYENTA_MEASUREMENT}" names the judge metrics' combined measurement; rename that metric` });
    const groups = new Set(judged.flatMap((m) => m.judge!.groups ?? [m.name]));
    const weights = t.kayenta?.groupWeights ?? {};
    for (const g of Object.keys(weights)) {
      if (!groups.has(g)) ctx.addIssue({ code: 'custom', path: ['kayenta', 'groupWeights', g], message: `no judge metric is in group "${g}" (groups: ${[...groups].join(', ')})` });
    }
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    const allWeighted = [...groups].every((g) => Object.hasOwn(weights, g));
    if (total > 100 + 1e-9 || (allWeighted && Math.abs(total - 100) > 1e-9)) {
      ctx.addIssue({ code: 'custom', path: ['kayenta', 'groupWeights'], message: `group weights add up to ${total}; expected 100 (or less, leaving the rest to unweighted groups)` });
    }
  })
  .describe('an analysis template (Argo AnalysisTemplate semantics)');
export type AnalysisTemplate = z.output<typeof analysisTemplateSchema>;
export type AnalysisTemplateInput = z.input<typeof analysisTemplateSchema>;

export const analysisSchema = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case template name such as latency-and-errors'), analysisTemplateSchema)
  .default({})
  .describe('analysis templates by name, referenced from strategy steps');
export type AnalysisTemplates = z.output<typeof analysisSchema>;
