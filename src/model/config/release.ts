// The releases section: the stable and candidate versions, their latency and error
// profiles, and the regressions injected into a version.
import * as z from 'zod';
import { durationDistribution } from './fleet.ts';
import { duration, fraction, latencyMs } from './units.ts';

const onsetSchema = z
  .union([
    z.literal('deploy'),
    z.strictObject({ at: duration.describe('seconds after the scenario starts') }),
    z.strictObject({ afterUptime: duration.describe('seconds after each instance of the version became ready') }),
  ])
  .default('deploy')
  .describe('when the regression begins: at deploy, at a time, or after an instance has been up a while');

const scopeSchema = z
  .union([
    z.literal('all'),
    z.strictObject({ userShare: fraction.describe('share of users affected (the same users throughout)') }),
    z.strictObject({ clientVersion: z.string().min(1).describe('only requests from this client version') }),
    z.strictObject({ route: z.string().min(1).describe('only requests to this route') }),
  ])
  .default('all')
  .describe('which requests the regression touches');

const common = { onset: onsetSchema, scope: scopeSchema };

export const regressionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('error-rate'), ...common, errorRate: fraction.describe('added probability that a request fails (5xx)') }),
  z.strictObject({
    kind: z.literal('latency'),
    ...common,
    multiplier: z.number().positive().describe('latency multiplier'),
    tailOnly: z.boolean().default(false).describe('stretch only the tail (p99 moves, median stays)'),
  }),
  z.strictObject({
    kind: z.literal('load'),
    ...common,
    aboveRps: z.number().positive().optional().describe('fails above this many requests/s per instance'),
    aboveConcurrency: z.number().positive().optional().describe('fails above this many requests in flight per instance'),
    errorRate: fraction.default(0.5).describe('failure probability above the threshold'),
    latencyMultiplier: z.number().min(1).default(1).describe('latency multiplier above the threshold'),
  }),
  z.strictObject({
    kind: z.literal('memory-leak'),
    ...common,
    latencyGrowthPerHour: z.number().min(0).default(0.5).describe('latency multiplier grows by this much per hour of uptime'),
    errorRateGrowthPerHour: fraction.default(0.01).describe('error probability grows by this much per hour of uptime'),
    crashAfter: duration.optional().describe('uptime at which the instance runs out of memory and crashes'),
  }),
  z.strictObject({ kind: z.literal('crash-loop'), ...common, crashAfter: duration.default(5).describe('uptime at which every instance crashes') }),
  z.strictObject({ kind: z.literal('readiness'), ...common }).describe('the readiness probe never passes'),
  z.strictObject({
    kind: z.literal('business'),
    ...common,
    conversionMultiplier: z.number().min(0).describe('conversion rate multiplier (0.8 = 20% fewer conversions)'),
  }),
]);
export type RegressionConfig = z.output<typeof regressionSchema>;

export const releaseSchema = z
  .strictObject({
    version: z.string().min(1).describe('version label, e.g. v2'),
    latency: z
      .strictObject({
        median: latencyMs.describe('median service time, ms'),
        p99: latencyMs.describe('99th percentile service time, ms'),
      })
      .refine((l) => l.p99 >= l.median, { message: 'expected latency.p99 ≥ latency.median' })
      .prefault({ median: 40, p99: 180 })
      .describe('service time without queueing: a lognormal from median and p99'),
    errorRate: fraction.default(0.001).describe('probability that a request fails with a 5xx'),
    clientErrorRate: fraction.default(0).describe('probability of a 4xx (counts as served, not as a failure)'),
    conversionRate: fraction.default(0.03).describe('business metric: probability that a successful request converts'),
    boot: durationDistribution.optional().describe('overrides fleet.boot for this version'),
    warmup: duration.optional().describe('overrides fleet.warmup for this version'),
    regressions: z.array(regressionSchema).default([]),
  })
  .describe('one version of the service');
export type ReleaseConfig = z.output<typeof releaseSchema>;

export const releasesSchema = z
  .strictObject({
    stable: releaseSchema.describe('the version in production when the scenario starts'),
    candidate: releaseSchema.optional().describe('the version being rolled out'),
    superseding: releaseSchema.optional().describe('a third version that replaces the candidate mid-rollout'),
  })
  .refine((r) => new Set([r.stable.version, r.candidate?.version, r.superseding?.version].filter(Boolean)).size === [r.stable, r.candidate, r.superseding].filter(Boolean).length, {
    message: 'expected distinct version labels',
  });
export type ReleasesConfig = z.output<typeof releasesSchema>;
