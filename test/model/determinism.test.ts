// Same scenario and seed ⇒ byte-identical results JSON; another seed ⇒ other results. Over
// generated scenarios, in both fidelities, through the library's `simulate`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/scenario/simulate.ts';

const scenario = fc.record({
  name: fc.constant('determinism'),
  title: fc.constant('same seed, same bytes'),
  duration: fc.integer({ min: 10, max: 120 }),
  fidelity: fc.constantFrom('request' as const, 'aggregate' as const),
  fleet: fc.record({
    replicas: fc.integer({ min: 1, max: 20 }),
    instance: fc.record({ concurrency: fc.integer({ min: 1, max: 32 }), queueLimit: fc.integer({ min: 0, max: 100 }) }),
    boot: fc.record({ median: fc.integer({ min: 1, max: 20 }), p99: fc.integer({ min: 20, max: 40 }) }),
    healthCheckFailureShare: fc.constantFrom(0, 0.1),
  }),
  traffic: fc.record({ rate: fc.integer({ min: 1, max: 2000 }), users: fc.integer({ min: 1, max: 5000 }) }),
  releases: fc.record({
    stable: fc.record({
      version: fc.constant('v1'),
      latency: fc.record({ median: fc.integer({ min: 5, max: 100 }), p99: fc.integer({ min: 100, max: 800 }) }),
      errorRate: fc.double({ min: 0, max: 0.05, noNaN: true }),
      regressions: fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('error-rate' as const), errorRate: fc.double({ min: 0, max: 0.5, noNaN: true }), onset: fc.record({ at: fc.integer({ min: 0, max: 60 }) }) }),
          fc.record({ kind: fc.constant('latency' as const), multiplier: fc.double({ min: 1, max: 5, noNaN: true }), tailOnly: fc.boolean() }),
          fc.record({ kind: fc.constant('load' as const), aboveConcurrency: fc.integer({ min: 1, max: 10 }) }),
        ),
        { maxLength: 2 },
      ),
    }),
  }),
  router: fc.record({ kind: fc.constantFrom('mesh' as const, 'service' as const, 'dns' as const), balancer: fc.constantFrom('round-robin' as const, 'least-outstanding' as const, 'random' as const) }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

describe('determinism of simulate', () => {
  it('gives byte-identical JSON for the same scenario and seed, and different JSON for another seed', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const s = scenarioSchema.parse(input);
        const first = JSON.stringify(simulate(s));
        const again = JSON.stringify(simulate(scenarioSchema.parse(input)));
        expect(again === first, 'same seed, same bytes').toBe(true);
        const other = JSON.stringify(simulate(s, { seed: s.seed + 1 }));
        expect(other === first, 'another seed, other results').toBe(false);
      }),
      { seed: 4242, numRuns: 25 },
    );
  });

  it('does not depend on what ran before it in the same process', () => {
    const input = { name: 'order', title: 'order', duration: 60, fleet: { replicas: 5 }, traffic: { rate: 500 }, releases: { stable: { version: 'v1' } } };
    for (const fidelity of ['request', 'aggregate'] as const) {
      const s = scenarioSchema.parse({ ...input, fidelity });
      const first = JSON.stringify(simulate(s));
      simulate(scenarioSchema.parse({ ...input, fidelity, duration: 30, traffic: { rate: 50 } }), { seed: 99 });
      expect(JSON.stringify(simulate(s)) === first).toBe(true);
    }
  });
});
