// The fleet section of a scenario: how many instances, what they cost, how they start,
// become ready, and stop. Defaults follow Kubernetes where it has one.
import * as z from 'zod';
import { duration, fraction, nonNegativeInt, positiveInt } from './units.ts';

/** A random duration: a lognormal from its median and 99th percentile (seconds). */
export const durationDistribution = z
  .union([
    duration,
    z.strictObject({
      median: duration.describe('median, seconds'),
      p99: duration.optional().describe('99th percentile, seconds; default: the median (no spread)'),
    }),
  ])
  .transform((v) => (typeof v === 'number' ? { median: v, p99: v } : { median: v.median, p99: v.p99 ?? v.median }))
  .refine((v) => v.p99 >= v.median, { message: 'expected p99 ≥ median' });
export type DurationDistribution = z.output<typeof durationDistribution>;

export const readinessProbeSchema = z
  .strictObject({
    initialDelaySeconds: z.number().min(0).default(0).describe('seconds after boot before the first probe (Kubernetes default 0)'),
    periodSeconds: z.number().positive().default(10).describe('seconds between probes (Kubernetes default 10)'),
    failureThreshold: positiveInt.default(3).describe('consecutive failures that mark the instance unready (Kubernetes default 3)'),
    successThreshold: positiveInt.default(1).describe('consecutive successes that mark it ready (Kubernetes default 1)'),
  })
  .describe('readiness probe, with Kubernetes semantics');

export const terminationSchema = z
  .strictObject({
    endpointRemovalLag: duration.default(2).describe('seconds until routers stop sending to a terminating instance (EndpointSlice/proxy lag)'),
    preStopSeconds: z.number().min(0).default(0).describe('preStop sleep: the instance keeps serving this long after termination starts'),
    terminationGracePeriodSeconds: z.number().min(0).default(30).describe('in-flight requests still running when it ends are dropped (Kubernetes default 30)'),
  })
  .describe('how an instance stops');

export const fleetSchema = z
  .strictObject({
    replicas: positiveInt.describe('instances the service runs in steady state'),
    maxInstances: positiveInt.optional().describe('cluster headroom: most instances that can exist at once (default: no limit); a strategy that needs more waits'),
    instance: z
      .strictObject({
        pricePerHour: z.number().min(0).default(0.1).describe('currency units per instance-hour'),
        concurrency: positiveInt.default(32).describe('requests one instance serves at once'),
        queueLimit: nonNegativeInt.default(100).describe('requests waiting for a slot; beyond it requests are rejected (503)'),
      })
      .prefault({})
      .describe('one instance'),
    provisioning: durationDistribution.prefault(2).describe('pending → starting: scheduling and image pull, seconds'),
    boot: durationDistribution.prefault({ median: 20, p99: 30 }).describe('starting → warming: process start, seconds'),
    warmup: duration.default(30).describe('seconds of elevated latency after boot (cold caches, JIT)'),
    warmupLatencyMultiplier: z.number().min(1).default(2).describe('latency multiplier at the start of warm-up, easing to 1 by its end'),
    readinessProbe: readinessProbeSchema.prefault({}),
    termination: terminationSchema.prefault({}),
    crashLoopBackOff: z
      .strictObject({
        initial: duration.default(10).describe('first restart delay (Kubernetes: 10 s, doubling)'),
        max: duration.default(300).describe('longest restart delay (Kubernetes: 5 min)'),
      })
      .prefault({}),
    healthCheckFailureShare: fraction.default(0).describe('share of health-check probes that fail at random on a healthy instance'),
  })
  .describe('the fleet of instances');
export type FleetConfig = z.output<typeof fleetSchema>;
