// Tests for the user population: Zipf picks, cohorts, clients and routes, the exact
// request-weighted shares, expected distinct users against brute force and simulation,
// and determinism.
import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { trafficSchema } from '../../../src/model/config/traffic.ts';
import { UserPopulation, type UserFilter } from '../../../src/model/traffic/users.ts';

function population(input: Record<string, unknown>, seed: number | string = 1): UserPopulation {
  return new UserPopulation(trafficSchema.parse({ rate: 1, ...input }), streams(seed).get('users'));
}

/** Asserts `count` of `n` trials is within 5 standard deviations of Binomial(n, p). */
function expectBinomial(count: number, n: number, p: number, what: string): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p), `${what}: ${count} of ${n}, expected ${(n * p).toFixed(1)}`).toBeLessThanOrEqual(5 * sd);
}

/** Asserts counts fit probabilities by Pearson's χ² under the z = 5 quantile (Wilson–Hilferty). */
function expectFit(counts: Float64Array, n: number, p: (i: number) => number): void {
  let chi2 = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = n * p(i);
    expect(e).toBeGreaterThanOrEqual(20);
    chi2 += (counts[i] - e) ** 2 / e;
  }
  const df = counts.length - 1;
  const a = 2 / (9 * df);
  expect(chi2, `χ² = ${chi2.toFixed(1)} on ${df} degrees of freedom`).toBeLessThan(df * (1 - a + 5 * Math.sqrt(a)) ** 3);
}

/** Σ 1 − e^(−r·w_u) over the users `filter` admits, one user at a time. */
function bruteDistinct(users: UserPopulation, requests: number, filter: UserFilter = {}): number {
  let sum = 0;
  for (let u = 0; u < users.size; u++) {
    if (users.cohort(u) >= (filter.cohortBelow ?? 1)) continue;
    if (filter.client !== undefined && users.clientOf(u) !== filter.client) continue;
    sum -= Math.expm1(-requests * users.userShare(u));
  }
  return sum;
}

const CLIENTS = [{ version: 'web', share: 0.6 }, { version: 'ios', share: 0.2 }, { version: 'android', share: 0.4 }];

describe('picking the user of a request', () => {
  it('follows Zipf weights 1/rank, the top users within binomial bounds', () => {
    const users = population({ users: 1000, userSkew: 1 });
    const rng = streams(2).get('picks');
    const n = 200_000;
    const counts = new Float64Array(1000);
    for (let i = 0; i < n; i++) counts[users.pickUser(rng)]++;
    const harmonic = Array.from({ length: 1000 }, (_, u) => 1 / (u + 1)).reduce((a, b) => a + b, 0);
    for (let u = 0; u < 10; u++) {
      expect(users.userShare(u)).toBeCloseTo(1 / ((u + 1) * harmonic), 14);
      expectBinomial(counts[u], n, users.userShare(u), `user ${u}`);
    }
    expectFit(counts, n, (u) => users.userShare(u));
  });

  it('is uniform over users when the skew is 0', () => {
    const users = population({ users: 100, userSkew: 0 });
    const rng = streams(3).get('picks');
    const counts = new Float64Array(100);
    for (let i = 0; i < 50_000; i++) counts[users.pickUser(rng)]++;
    expect(users.userShare(0)).toBeCloseTo(0.01, 15);
    expectFit(counts, 50_000, () => 0.01);
  });

  it('works past 2²⁰ users, in two draws, with every block in proportion', () => {
    const users = population({ users: 2 ** 20 + 50_000, userSkew: 0.5 });
    const rng = streams(4).get('picks');
    const n = 100_000;
    let lastBlock = 0;
    let top = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = users.pickUser(rng);
      if (!(u >= 0 && u < users.size && Number.isInteger(u))) outside++;
      if (u >= 2 ** 20) lastBlock++;
      if (u === 0) top++;
    }
    expect(outside).toBe(0);
    let share = 0;
    for (let u = 2 ** 20; u < users.size; u++) share += users.userShare(u);
    expectBinomial(lastBlock, n, share, 'users past 2²⁰');
    expectBinomial(top, n, users.userShare(0), 'user 0');
  });

  it('gives the same users for the same seed, as it always has', () => {
    const pick = (seed: number) => {
      const users = population({ users: 5000, clients: CLIENTS }, seed);
      const rng = streams(seed).get('picks');
      return Array.from({ length: 8 }, () => users.pickUser(rng));
    };
    expect(pick(42)).toEqual(pick(42));
    expect(pick(42)).not.toEqual(pick(43));
    expect(pick(42)).toEqual(GOLDEN_PICKS);
  });
});

describe('per-user attributes', () => {
  const users = population({ users: 100_000, clients: CLIENTS });

  it('put a fraction f of users below cohort f, each cohort in [0, 1)', () => {
    let below = 0;
    for (let u = 0; u < users.size; u++) {
      const c = users.cohort(u);
      if (!(c >= 0 && c < 1)) expect.fail(`cohort ${c} of user ${u}`);
      if (c < 0.2) below++;
    }
    expectBinomial(below, users.size, 0.2, 'users with cohort < 0.2');
    expect(users.countUsers({ cohortBelow: 0.2 })).toBe(below);
  });

  it('give client versions by their shares, normalised when they do not sum to 1', () => {
    expect(users.clientVersions).toEqual(['web', 'ios', 'android']);
    const counts = [0, 0, 0];
    for (let u = 0; u < users.size; u++) counts[users.clientOf(u)]++;
    [0.5, 1 / 6, 1 / 3].forEach((p, i) => expectBinomial(counts[i], users.size, p, CLIENTS[i].version));
    expect(users.countUsers({ client: 1 })).toBe(counts[1]);
  });

  it('are the same for the same seed, and the cohorts do not move when clients change', () => {
    const again = population({ users: 100_000, clients: CLIENTS });
    const oneClient = population({ users: 100_000 });
    for (const u of [0, 1, 777, 99_999]) {
      expect([again.cohort(u), again.clientOf(u)]).toEqual([users.cohort(u), users.clientOf(u)]);
      expect(oneClient.cohort(u)).toBe(users.cohort(u));
      expect(oneClient.clientOf(u)).toBe(0);
    }
  });
});

describe('routes', () => {
  it('are picked by their shares, normalised', () => {
    const users = population({ users: 10, routes: [{ name: '/', share: 0.3 }, { name: '/api', share: 0.1 }] });
    expect(users.routeNames).toEqual(['/', '/api']);
    expect(users.routeShare(0)).toBeCloseTo(0.75, 15);
    expect(users.routeShare(1)).toBeCloseTo(0.25, 15);
    const rng = streams(5).get('routes');
    let api = 0;
    for (let i = 0; i < 40_000; i++) api += users.pickRoute(rng);
    expectBinomial(api, 40_000, 0.25, '/api');
  });

  it('and clients may not all have share 0', () => {
    expect(() => population({ users: 10, routes: [{ name: '/', share: 0 }] })).toThrow(/traffic\.routes/);
    expect(() => population({ users: 10, clients: [{ version: 'v', share: 0 }] })).toThrow(/traffic\.clients/);
  });
});

describe('request-weighted shares', () => {
  const users = population({ users: 20_000, userSkew: 1.1, clients: CLIENTS });
  const brute = (keep: (u: number) => boolean) => {
    let s = 0;
    for (let u = 0; u < users.size; u++) if (keep(u)) s += users.userShare(u);
    return s;
  };

  it('equal the sum of the shares of the users in a cohort or client', () => {
    for (const f of [0, 0.01, 0.2, 0.5, 0.999]) {
      expect(users.requestShareOfCohort(f)).toBeCloseTo(brute((u) => users.cohort(u) < f), 13);
    }
    expect(users.requestShareOfCohort(1)).toBeCloseTo(1, 14);
    for (const i of [0, 1, 2]) expect(users.requestShareOfClient(i)).toBeCloseTo(brute((u) => users.clientOf(u) === i), 13);
    expect(users.requestShare({ cohortBelow: 0.3, client: 2 })).toBeCloseTo(
      brute((u) => users.cohort(u) < 0.3 && users.clientOf(u) === 2),
      13,
    );
  });

  it('match the share of picked requests that come from a cohort', () => {
    const rng = streams(6).get('picks');
    const n = 200_000;
    let below = 0;
    for (let i = 0; i < n; i++) if (users.cohort(users.pickUser(rng)) < 0.3) below++;
    expectBinomial(below, n, users.requestShareOfCohort(0.3), 'requests from cohort < 0.3');
  });
});

describe('expected distinct users', () => {
  const users = population({ users: 50_000, userSkew: 1, clients: CLIENTS });
  const filters: UserFilter[] = [{}, { cohortBelow: 0.05 }, { client: 2 }, { cohortBelow: 0.4, client: 1 }];

  it.each([0, 1, 300, 20_000, 1e6, 1e9])('equal the exact sum over users for %s requests, to 1e-7', (requests) => {
    for (const filter of filters) {
      const exact = bruteDistinct(users, requests, filter);
      expect(Math.abs(users.expectedDistinctUsers(requests, filter) - exact)).toBeLessThanOrEqual(1e-7 * exact + 1e-12);
    }
  });

  it('never exceed the users counted nor the requests', () => {
    for (const requests of [0, 0.5, 10, 1e4, 1e7, 1e12]) {
      for (const filter of filters) {
        const d = users.expectedDistinctUsers(requests, filter);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(users.countUsers(filter), requests));
      }
    }
    expect(users.expectedDistinctUsers(1e12)).toBeCloseTo(users.size, 6);
  });

  it('match the distinct users among simulated picks, within a few percent', () => {
    const rng = streams(7).get('picks');
    const requests = 30_000;
    const filter = { cohortBelow: 0.3, client: 0 };
    const seen = new Uint8Array(users.size);
    let all = 0;
    let inFilter = 0;
    for (let i = 0; i < requests; i++) {
      const u = users.pickUser(rng);
      if (seen[u]) continue;
      seen[u] = 1;
      all++;
      if (users.cohort(u) < 0.3 && users.clientOf(u) === 0) inFilter++;
    }
    for (const [observed, expected] of [
      [all, users.expectedDistinctUsers(requests)],
      [inFilter, users.expectedDistinctUsers(requests, filter)],
    ]) {
      // A count of distinct users has variance below its mean (a sum of Bernoulli trials).
      expect(Math.abs(observed - expected)).toBeLessThanOrEqual(5 * Math.sqrt(expected));
      expect(Math.abs(observed / expected - 1)).toBeLessThan(0.05);
    }
  });

  it('refuse a client index that does not exist and a negative request count', () => {
    expect(() => users.expectedDistinctUsers(10, { client: 3 })).toThrow(RangeError);
    expect(() => users.expectedDistinctUsers(-1)).toThrow(RangeError);
  });
});

const GOLDEN_PICKS = [1048, 2667, 2, 4, 273, 125, 3, 1];
