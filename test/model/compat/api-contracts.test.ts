// API version skew, share by share: old clients on a server that removed what they read,
// new clients on a server that lacks what they need, with exact request shares for a
// population where every user sends alike; and users who stay on their client as an
// adoption curve moves them, once, to the new one.
import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/engine/streams.ts';
import { ApiContracts } from '../../../src/model/compat/api-contracts.ts';
import { apiSchema, releaseCompatSchema } from '../../../src/model/config/compatibility.ts';
import { FIDELITIES, expectBinomial } from '../world-fixtures.ts';
import { at, compatWorld, served, split } from './compat-fixture.ts';

const routes = [
  { name: '/profile', share: 0.4 },
  { name: '/feed', share: 0.6 },
];
// The old app (40% of calls) reads profile.avatarUrl on half of all its calls; the new app
// (60%) needs feed.cursor on every feed call. v2 removes the first and adds the second.
const compatibility = {
  api: {
    clients: [
      { name: 'app-4', share: 0.4, uses: [{ field: 'profile.avatarUrl', share: 0.5 }] },
      { name: 'app-5', share: 0.6, uses: [{ field: 'feed.cursor', route: '/feed' }] },
    ],
  },
  releases: { v2: { api: { removes: ['profile.avatarUrl'], adds: ['feed.cursor'] } } },
};

describe('API contracts', () => {
  it('gives each client exactly its share of the requests when every user sends alike', () => {
    const users = { size: 1000, userShare: () => 1 / 1000 };
    const api = new ApiContracts(apiSchema.parse(compatibility.api), [undefined, releaseCompatSchema.parse(compatibility.releases.v2)], ['/profile', '/feed'], Float64Array.of(0.4, 0.6), users, streams(1).get('compat/clients'));
    const s = api.shares(0);
    expect(s[0]).toBeCloseTo(0.4, 12);
    expect(s[1]).toBeCloseTo(0.6, 12);
    // Old clients on the new server: 0.4 × 0.5; new clients on the old server: 0.6 × 0.6 (their feed calls).
    expect(api.failShare(1, 0)).toBeCloseTo(0.2, 12);
    expect(api.failShare(0, 0)).toBeCloseTo(0.36, 12);
    let old = 0;
    for (let u = 0; u < 1000; u++) if (api.clientOf(u, 0) === 0) old++;
    expect(old).toBe(400);
  });

  it.each(FIDELITIES)('fails those shares of the calls both ways during a 50/50 rollout, within binomial bounds (%s)', (fidelity) => {
    const w = compatWorld({ releases: { stable: { version: 'v1', errorRate: 0 }, candidate: { version: 'v2', errorRate: 0 } }, traffic: { rate: 600, users: 2000, userSkew: 0, routes }, durationS: 90, strategy: split(50, 0), compatibility }, 4, fidelity);
    w.run();
    const c = w.compat!.report();
    expect(c.byCause).toEqual({ schema: 0, api: c.failures, message: 0 });
    expectBinomial(c.byVersion.v2, served(w, 1), 0.2, `${fidelity}: old clients on v2`);
    expectBinomial(c.byVersion.v1, served(w, 0), 0.36, `${fidelity}: new clients on v1`);
  });

  it('keeps each user on one app until the adoption curve moves them to the new one, once', () => {
    const w = compatWorld(
      {
        traffic: { rate: 50, users: 500, routes },
        durationS: 100,
        compatibility: {
          api: {
            clients: [
              { name: 'app-4', share: [[0, 1], [100, 0]] },
              { name: 'app-5', share: [[0, 0], [100, 1]] },
            ],
          },
        },
      },
      2,
      'aggregate',
    );
    const api = w.compat!.api!;
    const upgradedAt = new Float64Array(500).fill(Number.NaN);
    for (let t = 0; t <= 100; t++) {
      for (let u = 0; u < 500; u++) {
        const c = api.clientOf(u, t);
        if (c === 1 && Number.isNaN(upgradedAt[u])) upgradedAt[u] = t;
        if (c === 0) expect(Number.isNaN(upgradedAt[u]), `user ${u} went back to the old app at ${t}`).toBe(true);
      }
      // The upgraded share follows the curve: t% of the users (to within one user).
      let n = 0;
      for (let u = 0; u < 500; u++) if (!Number.isNaN(upgradedAt[u])) n++;
      expect(Math.abs(n - 5 * t)).toBeLessThanOrEqual(1);
    }
  });

  it('reports which client and which field fail, in the first-failure event', () => {
    const w = compatWorld({ releases: { stable: { version: 'v1', errorRate: 0 }, candidate: { version: 'v2', errorRate: 0 } }, traffic: { rate: 200, users: 1000, userSkew: 0, routes }, durationS: 90, strategy: split(100, 0), compatibility }, 4, 'request');
    let share = Number.NaN;
    at(w, 89, () => (share = w.compat!.api!.failShare(1, 89)));
    w.run();
    const first = w.log.events.find((e) => e.kind === 'compatibility-first-failure' && e.version === 'v2');
    expect(first).toMatchObject({ cause: 'api', clients: [{ client: 'app-4', fields: ['profile.avatarUrl'] }] });
    expect(share).toBeCloseTo(0.2, 12);
  });
});
