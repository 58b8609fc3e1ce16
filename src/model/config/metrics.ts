// The metrics section: how the model's measurements reach analysis, as production has it:
// scraped on an interval, and sometimes late, missing or mislabelled.
import * as z from 'zod';
import { duration, fraction, latencyMs } from './units.ts';

export const metricsSchema = z
  .strictObject({
    scrapeInterval: duration.default(15).describe('seconds between scrapes (Prometheus default 15 s)'),
    delay: duration.default(0).describe('seconds before a scraped point can be queried'),
    missingShare: fraction.default(0).describe('share of scrapes lost (garbage in: gaps)'),
    mislabelShare: fraction.default(0).describe('share of requests recorded under the other version’s label, both ways (garbage in: a relabel rule or a query that mixes the versions)'),
  })
  .prefault({})
  .describe('the metrics pipeline');
export type MetricsConfig = z.output<typeof metricsSchema>;

export const sloSchema = z
  .strictObject({
    availability: fraction.default(0.999).describe('target share of requests that succeed'),
    latencyP99: latencyMs.default(300).describe('latency objective, ms: slower responses count as SLO-violating'),
    window: duration.default(30 * 86_400).describe('error-budget window, seconds'),
  })
  .prefault({})
  .describe('the service-level objective');
export type SloConfig = z.output<typeof sloSchema>;
