// The strategy section of a scenario. Field names and defaults are those of Kubernetes
// Deployments, Argo Rollouts and Flagger, so a user can read them across; CodeDeploy's
// deployment configurations are presets that expand into those fields.
import * as z from 'zod';
import { duration, fraction, intOrPercent, nonNegativeInt, positiveInt } from '../model/config/units.ts';

/** A newer release pushed mid-rollout (modelled for recreate, rolling and canary). */
const supersede = {
  supersedeAt: duration
    .optional()
    .describe('when the third release (releases.superseding) is pushed mid-rollout and replaces the candidate'),
};

/** When the deploy begins, and the human or automated forces that can stop it. */
const common = {
  deployAt: duration.default(60).describe('when the deploy starts, seconds after the scenario starts'),
  rollbackDrill: z
    .union([
      z.strictObject({ at: duration.describe('force a rollback at this time, seconds') }),
      z.strictObject({ atProgress: fraction.describe('force a rollback when this share of traffic is on the new version') }),
    ])
    .optional()
    .describe('a rollback drill: measure rollback time even without a fault'),
  operator: z
    .strictObject({
      alert: z
        .strictObject({
          metric: z.enum(['errorRate', 'latency.p99']).default('errorRate').describe('what the alert watches, over all traffic'),
          threshold: z.number().positive().describe('fires above this value (a fraction for errorRate, ms for latency.p99)'),
          for: duration.default(120).describe('how long the condition must hold before it fires (Prometheus `for`)'),
          evaluationInterval: duration.default(30).describe('seconds between rule evaluations'),
          window: duration.default(60).describe('the rate window the rule reads'),
        })
        .describe('the page that wakes someone up'),
      reactionTime: duration.default(600).describe('seconds from the page to the operator starting a rollback'),
    })
    .optional()
    .describe('a human on call: alert, react, then roll back the way this strategy rolls back'),
};

export const recreateSchema = z
  .strictObject({ kind: z.literal('recreate'), ...common, ...supersede })
  .describe('Kubernetes Recreate: stop every old instance, then start the new ones');

export const rollingSchema = z
  .strictObject({
    kind: z.literal('rolling'),
    ...common,
    ...supersede,
    preset: z
      .enum(['OneAtATime', 'HalfAtATime', 'AllAtOnce'])
      .optional()
      .describe('AWS CodeDeploy in-place configuration (sets maxSurge 0 and maxUnavailable 1, 50% or 100%)'),
    maxSurge: intOrPercent.default('25%').describe('instances above replicas during the update (Kubernetes default 25%, rounds up)'),
    maxUnavailable: intOrPercent.default('25%').describe('instances below replicas during the update (Kubernetes default 25%, rounds down)'),
    minReadySeconds: z.number().min(0).default(0).describe('seconds a ready instance must stay ready to count as available'),
    progressDeadlineSeconds: positiveInt.default(600).describe('seconds without progress before the rollout is marked stalled (no automatic rollback)'),
  })
  .describe('Kubernetes RollingUpdate');

const analysisRef = z
  .union([
    z.string().min(1).transform((template) => ({ templates: [template] })),
    z.strictObject({ templates: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ template: z.string().min(1) }).transform((v) => ({ templates: [v.template] })),
  ])
  .describe('analysis template name(s) from the scenario’s `analysis:` section');

export const blueGreenSchema = z
  .strictObject({
    kind: z.literal('blue-green'),
    ...common,
    previewReplicaCount: positiveInt.optional().describe('size of the green fleet before promotion (default: replicas)'),
    autoPromotionEnabled: z.boolean().default(true).describe('flip as soon as green is ready and checked (Argo default true)'),
    autoPromotionSeconds: z.number().min(0).optional().describe('wait this long after green is ready before flipping'),
    manualPromotionAt: duration.optional().describe('with autoPromotionEnabled false: when a person clicks promote'),
    prePromotionAnalysis: analysisRef.optional().describe('checks on green before the flip (smoke test)'),
    postPromotionAnalysis: analysisRef.optional().describe('checks after the flip; failure flips back'),
    scaleDownDelaySeconds: z.number().min(0).default(30).describe('seconds blue stays up after the flip (Argo default 30)'),
    abortScaleDownDelaySeconds: z.number().min(0).default(30).describe('seconds green stays up after an abort (Argo default 30)'),
  })
  .describe('Argo Rollouts blue-green: a full second fleet and an atomic flip');

const stepSchema = z.union([
  z.strictObject({ setWeight: z.number().min(0).max(100).describe('percent of traffic to the canary') }),
  z.strictObject({
    pause: z
      .strictObject({ duration: duration.optional().describe('how long; omitted = until promoted by hand') })
      .prefault({}),
  }),
  z.strictObject({
    analysis: z.union([
      z.string().min(1).transform((t) => ({ templates: [t], duration: undefined as number | undefined })),
      z
        .strictObject({
          template: z.string().min(1).optional(),
          templates: z.array(z.string().min(1)).min(1).optional(),
          duration: duration.optional().describe('how long the inline analysis runs; default: the template’s count × interval'),
        })
        .refine((a) => (a.template === undefined) !== (a.templates === undefined), { message: 'expected exactly one of template or templates' })
        .transform((a) => ({ templates: a.templates ?? [a.template as string], duration: a.duration })),
    ]),
  }),
  z.strictObject({
    setCanaryScale: z.union([
      z.strictObject({ replicas: nonNegativeInt }),
      z.strictObject({ weight: z.number().min(0).max(100) }),
      z.strictObject({ matchTrafficWeight: z.literal(true) }),
    ]),
  }),
]);
export type CanaryStep = z.output<typeof stepSchema>;

const flaggerSchema = z
  .strictObject({
    interval: duration.default(60).describe('seconds between checks (Flagger default 1m)'),
    threshold: positiveInt.default(1).describe('failed checks before rollback (cumulative, Flagger default 1)'),
    stepWeight: z.number().positive().max(100).optional().describe('weight added after each passing check'),
    stepWeights: z.array(z.number().positive().max(100)).min(1).optional().describe('explicit weight ladder'),
    maxWeight: z.number().positive().max(100).default(100).describe('weight at which the canary is promoted'),
    iterations: positiveInt.optional().describe('blue/green or A/B: this many passing checks at full test traffic'),
    match: z.strictObject({ userShare: fraction.describe('share of users selected by header/cookie (A/B)') }).optional(),
    analysis: analysisRef.describe('the templates checked every interval'),
  })
  .refine((f) => f.iterations !== undefined || f.stepWeight !== undefined || f.stepWeights !== undefined, {
    message: 'expected stepWeight, stepWeights or iterations',
  });

export const canarySchema = z
  .strictObject({
    kind: z.literal('canary'),
    ...common,
    ...supersede,
    preset: z
      .enum(['Canary10Percent5Minutes', 'Linear10PercentEvery1Minute', 'AllAtOnce'])
      .optional()
      .describe('AWS CodeDeploy traffic-shifting configuration, expanded into steps'),
    trafficRouting: z.boolean().default(true).describe('a mesh or router splits traffic by weight; false: weight approximated by replica counts'),
    steps: z.array(stepSchema).default([]).describe('Argo Rollouts canary steps'),
    analysis: z
      .strictObject({ templates: z.array(z.string().min(1)).min(1), startingStep: nonNegativeInt.default(0) })
      .optional()
      .describe('background analysis for the whole rollout from `startingStep`'),
    baseline: z
      .enum(['production', 'fresh'])
      .default('production')
      .describe('what analysis compares the canary with: the warm production fleet, or a fresh baseline of the stable version at the canary’s size (Kayenta)'),
    dynamicStableScale: z.boolean().default(false).describe('shrink stable as the canary grows (cheaper, slower to abort)'),
    maxSurge: intOrPercent.default('25%').describe('without trafficRouting: Kubernetes maxSurge'),
    maxUnavailable: intOrPercent.default('25%').describe('without trafficRouting: Kubernetes maxUnavailable'),
    scaleDownDelaySeconds: z.number().min(0).default(30).describe('seconds the old stable stays up after promotion'),
    abortScaleDownDelaySeconds: z.number().min(0).default(30).describe('seconds the canary stays up after an abort'),
    promoteAt: duration.optional().describe('when a person resumes an indefinite pause'),
    flagger: flaggerSchema.optional().describe('run Flagger’s analysis loop instead of Argo steps'),
  })
  .refine((c) => !(c.flagger && c.steps.length > 0), { message: 'expected either steps (Argo) or flagger, not both' })
  .describe('a canary: a small slice of traffic first, more while it stays healthy');

export const noneStrategySchema = z
  .strictObject({ kind: z.literal('none') })
  .describe('no deploy: the stable version serves the whole run');

export const strategySchema = z
  .discriminatedUnion('kind', [noneStrategySchema, recreateSchema, rollingSchema, blueGreenSchema, canarySchema])
  .prefault({ kind: 'none' })
  .describe('how the candidate is rolled out');

export type StrategyConfig = z.output<typeof strategySchema>;
export type RecreateConfig = z.output<typeof recreateSchema>;
export type RollingConfig = z.output<typeof rollingSchema>;
export type BlueGreenConfig = z.output<typeof blueGreenSchema>;
export type CanaryConfig = z.output<typeof canarySchema>;
export type StrategyKind = StrategyConfig['kind'];
