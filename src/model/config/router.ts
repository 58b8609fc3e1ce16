// The router section: what splits traffic between versions and between instances.
import * as z from 'zod';
import { duration, fraction } from './units.ts';

/** The router's fields, without the section's default (for per-variant overrides). */
export const routerFieldsSchema = z
  .strictObject({
    kind: z
      .enum(['mesh', 'service', 'dns'])
      .default('mesh')
      .describe('mesh: exact per-request weights (Istio/Linkerd); service: share = ready-endpoint share (Kubernetes Service); dns: weighted records cached by clients'),
    propagation: duration
      .optional()
      .describe('seconds until a weight or endpoint change takes effect (default: mesh 2 s, service 1 s, dns 0 s plus caching)'),
    balancer: z
      .enum(['round-robin', 'least-outstanding', 'random'])
      .default('round-robin')
      .describe('how a version picks one of its instances'),
    sessionAffinity: z
      .boolean()
      .default(false)
      .describe('pin each user to an instance within a version; like Istio consistentHash it does not hold across weighted versions'),
    dns: z
      .strictObject({
        ttl: duration.default(60).describe('record TTL, seconds'),
        longCacheShare: fraction.default(0.05).describe('share of clients that cache far past the TTL (e.g. JVMs)'),
        longCacheSeconds: duration.default(3600).describe('how long those clients keep a record'),
        longLivedConnectionShare: fraction.default(0).describe('share of clients on long-lived connections that never re-resolve'),
      })
      .prefault({})
      .describe('DNS caching, used when kind is dns'),
  })
  .describe('traffic routing');

export const routerSchema = routerFieldsSchema.prefault({});
export type RouterConfig = z.output<typeof routerSchema>;

/** Propagation delay when the scenario names none, by router kind (seconds). */
export function defaultPropagation(kind: RouterConfig['kind']): number {
  return kind === 'mesh' ? 2 : kind === 'service' ? 1 : 0;
}
