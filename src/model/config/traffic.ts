// The traffic section: the arrival-rate curve (requests/s), the users behind it, and what
// each request carries (user, route, client version).
import * as z from 'zod';
import { duration, fraction, positiveInt } from './units.ts';

const rps = z.number().min(0, 'expected requests/s ≥ 0');

export const rateCurveSchema = z.union([
  rps.transform((value) => ({ kind: 'constant' as const, rps: value })),
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), rps: rps.describe('requests/s') }),
    z.strictObject({
      kind: z.literal('diurnal'),
      mean: rps.describe('mean requests/s over a period'),
      peakToTrough: z.number().min(1).default(3).describe('peak rate ÷ trough rate'),
      period: duration.default(86_400).describe('length of one cycle, seconds (a day)'),
      peakAt: duration.default(0).describe('time of the first peak, seconds from the start'),
    }),
    z.strictObject({
      kind: z.literal('steps'),
      steps: z.array(z.strictObject({ at: duration, rps })).min(1).describe('the rate jumps to `rps` at `at`'),
    }),
    z.strictObject({
      kind: z.literal('spike'),
      base: rps.describe('requests/s outside the spike'),
      peak: rps.describe('requests/s during the spike'),
      at: duration.describe('start of the spike'),
      duration: duration.describe('length of the spike'),
    }),
    z.strictObject({
      kind: z.literal('points'),
      points: z.array(z.tuple([duration, rps])).min(1).describe('[time, requests/s] pairs, linearly interpolated'),
    }),
  ]),
]);
export type RateCurveConfig = z.output<typeof rateCurveSchema>;

export const trafficSchema = z
  .strictObject({
    rate: rateCurveSchema.describe('arrival rate over time, requests/s'),
    users: positiveInt.default(10_000).describe('distinct users sending the requests'),
    userSkew: z.number().min(0).default(1).describe('Zipf exponent of per-user request rates (0 = every user alike)'),
    sessions: z
      .strictObject({
        meanRequests: z.number().min(1).default(1).describe('requests a session makes on average (1 = every request on its own)'),
        concurrent: positiveInt.default(1000).describe('sessions open at once'),
      })
      .prefault({})
      .describe('users arrive in sessions: a run of requests from one user'),
    routes: z
      .array(z.strictObject({ name: z.string().min(1), share: fraction }))
      .min(1)
      .default([{ name: '/', share: 1 }])
      .describe('request routes and their shares of traffic'),
    clients: z
      .array(z.strictObject({ version: z.string().min(1), share: fraction }))
      .min(1)
      .default([{ version: 'web', share: 1 }])
      .describe('client versions and their shares of users'),
    requestTimeout: duration.default(30).describe('a request not answered within this many seconds fails (timeout)'),
  })
  .describe('offered load');
export type TrafficConfig = z.output<typeof trafficSchema>;
