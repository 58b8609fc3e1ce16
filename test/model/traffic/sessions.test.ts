import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { trafficSchema } from '../../../src/model/config/traffic.ts';
import { SessionPicker } from '../../../src/model/traffic/sessions.ts';
import { UserPopulation } from '../../../src/model/traffic/users.ts';
import { scenarioSchema } from '../../../src/scenario/schema.ts';
import { simulate } from '../../../src/scenario/simulate.ts';

const population = new UserPopulation(trafficSchema.parse({ rate: 1, users: 50_000, userSkew: 1 }), streams(1).get('users'));

describe('sessions', () => {
  it('without sessions draws exactly what pickUser draws', () => {
    const picker = new SessionPicker(population, 1, 1000);
    const a = streams(2).get('r');
    const b = streams(2).get('r');
    for (let i = 0; i < 1000; i++) expect(picker.next(a)).toBe(population.pickUser(b));
  });

  it('makes about meanRequests requests per session, so fewer distinct users for the same requests', () => {
    const requests = 20_000;
    for (const mean of [1, 5, 20]) {
      const picker = new SessionPicker(population, mean, 500);
      const rng = streams(3).get(`s${mean}`);
      const seen = new Set<number>();
      for (let i = 0; i < requests; i++) seen.add(picker.next(rng));
      const expected = picker.expectedDistinctUsers(requests);
      expect(Math.abs(seen.size - expected) / expected, `mean ${mean}: ${seen.size} distinct vs ${expected.toFixed(0)} expected`).toBeLessThan(0.06);
    }
  });

  it('gives request and aggregate fidelity the same count of exposed users', () => {
    const scenario = scenarioSchema.parse({
      name: 'sessions',
      title: 'sessions',
      duration: '5m',
      fleet: { replicas: 10, provisioning: 0, boot: 5, warmup: 0, readinessProbe: { periodSeconds: 1 } },
      traffic: { rate: 400, users: 20_000, sessions: { meanRequests: 8, concurrent: 300 } },
      releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
      strategy: { kind: 'canary', deployAt: 10, steps: [{ setWeight: 10 }, { pause: { duration: 600 } }] },
    });
    const request = simulate(scenario, { fidelity: 'request' }).summary.blastRadius.exposedUsers;
    const aggregate = simulate(scenario, { fidelity: 'aggregate' }).summary.blastRadius.exposedUsers;
    expect(Math.abs(request - aggregate) / request, `request ${request} vs aggregate ${aggregate}`).toBeLessThan(0.1);
  });
});
