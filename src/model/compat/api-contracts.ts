// API contracts between the service and its callers. Clients (app versions, other
// services) each need some endpoints and fields on some of their calls; each release
// serves the baseline contract with its own adds, removes and renames. A call fails when
// the version that answers it does not serve what the caller needs — old clients on new
// servers, and new clients landing on old servers.
//
// Who is on which client: users are shuffled once (seeded) into positions in [0, 1), and
// the clients' normalised shares at time t cut that line into bands, so a user stays on a
// client until the adoption curves move the band edge past them. The aggregate model uses
// each band's exact request-weighted share, so both fidelities see the same mix.
import type { RandomStream } from '../../engine/random-stream.ts';
import type { CompatibilityConfig, ReleaseCompatConfig } from '../config/compatibility.ts';
import { shareAt } from './share-curve.ts';

type ApiConfig = NonNullable<CompatibilityConfig['api']>;

interface FieldUse {
  field: string;
  route: number;
  share: number;
}

/** The request-weighted users the clients are cut from (a UserPopulation). */
export interface ClientUsers {
  readonly size: number;
  userShare(u: number): number;
}

export class ApiContracts {
  readonly clientNames: readonly string[];
  private readonly curves: (readonly (readonly [number, number])[])[];
  /** Per version, per client, per route: the uses that version cannot serve. */
  private readonly missing: FieldUse[][][][];
  /** Per version, per client: probability that one of its calls fails on that version. */
  private readonly failByClient: Float64Array[];
  /** User → position rank; prefix[k] = request share of the users ranked below k. */
  private readonly rankOf: Int32Array | null = null;
  private readonly prefix: Float64Array | null = null;
  private readonly bound: Float64Array;
  private readonly requestShare: Float64Array;
  private second = Number.NaN;

  constructor(
    config: ApiConfig,
    releases: readonly (ReleaseCompatConfig | undefined)[],
    routeNames: readonly string[],
    routeShares: Float64Array,
    private readonly users: ClientUsers,
    rng: RandomStream,
  ) {
    const clients = config.clients;
    this.clientNames = clients.map((c) => c.name);
    this.curves = clients.map((c) => c.share);
    this.bound = new Float64Array(clients.length);
    this.requestShare = new Float64Array(clients.length);

    const served = servedFields(config, releases);
    this.missing = served.map((has) =>
      clients.map((c) => {
        const uses = c.uses.filter((u) => !has.has(u.field)).map((u) => ({ field: u.field, route: u.route === undefined ? -1 : routeNames.indexOf(u.route), share: u.share }));
        return routeNames.map((_, r) => uses.filter((u) => u.route < 0 || u.route === r));
      }),
    );
    this.failByClient = this.missing.map((byClient) =>
      Float64Array.from(byClient, (byRoute) => {
        let p = 0;
        byRoute.forEach((list, r) => {
          let ok = 1;
          for (const u of list) ok *= 1 - u.share;
          p += routeShares[r] * (1 - ok);
        });
        return p;
      }),
    );

    if (clients.length > 1) {
      // A seeded shuffle (Fisher–Yates) of the users into positions, and request shares by position.
      const n = users.size;
      const at = new Int32Array(n);
      for (let i = 0; i < n; i++) at[i] = i;
      // The shuffle's draws in one block, in the order the loop takes them: the same swaps
      // as a draw per step, without a call per user in code the JIT has not optimised yet.
      const draws = new Float64Array(Math.max(0, n - 1));
      rng.fill(draws);
      for (let i = n - 1, d = 0; i > 0; i--, d++) {
        const j = Math.floor(draws[d] * (i + 1));
        const t = at[i];
        at[i] = at[j];
        at[j] = t;
      }
      const rankOf = new Int32Array(n);
      const prefix = new Float64Array(n + 1);
      for (let k = 0; k < n; k++) {
        rankOf[at[k]] = k;
        prefix[k + 1] = prefix[k] + users.userShare(at[k]);
      }
      this.rankOf = rankOf;
      this.prefix = prefix;
    }
  }

  /** The client (index into `clientNames`) user `u` calls from at time `now`. */
  clientOf(user: number, now: number): number {
    if (this.rankOf === null) return 0;
    this.at(now);
    const position = (this.rankOf[user] + 0.5) / this.users.size;
    const b = this.bound;
    for (let c = 0; c < b.length - 1; c++) if (position < b[c]) return c;
    return b.length - 1;
  }

  /** Share of requests from each client at `now` (request-weighted), fraction 0–1. Read-only. */
  shares(now: number): Float64Array {
    this.at(now);
    return this.requestShare;
  }

  /** Request fidelity: whether a call by `user` on `route`, answered by `version`, fails. */
  serve(version: number, user: number, route: number, now: number, rng: RandomStream): boolean {
    const list = this.missing[version][this.clientOf(user, now)][route];
    for (let k = 0; k < list.length; k++) if (rng.next() < list[k].share) return true;
    return false;
  }

  /** Aggregate: the probability that a call answered by `version` fails now. */
  failShare(version: number, now: number): number {
    const f = this.failByClient[version];
    const s = this.shares(now);
    let p = 0;
    for (let c = 0; c < f.length; c++) p += s[c] * f[c];
    return p;
  }

  /** What `version` fails on now: the client, the field, and the share of all calls it costs. */
  describe(version: number, now: number): { client: string; fields: string[]; share: number }[] {
    const s = this.shares(now);
    return this.clientNames
      .map((client, c) => ({ client, fields: [...new Set(this.missing[version][c].flat().map((u) => u.field))], share: Math.round(s[c] * this.failByClient[version][c] * 1e6) / 1e6 }))
      .filter((d) => d.share > 0);
  }

  /** Band edges and request shares, recomputed once per simulated second. */
  private at(now: number): void {
    const second = Math.floor(now);
    if (second === this.second) return;
    this.second = second;
    const b = this.bound;
    let total = 0;
    for (let c = 0; c < b.length; c++) total += (b[c] = shareAt(this.curves[c], second));
    let sum = 0;
    for (let c = 0; c < b.length; c++) {
      sum += total > 0 ? b[c] / total : 1 / b.length;
      b[c] = c === b.length - 1 ? 1 : sum;
    }
    if (this.prefix === null) {
      this.requestShare[0] = 1;
      return;
    }
    const n = this.users.size;
    let below = 0;
    for (let c = 0; c < b.length; c++) {
      // Users at position (rank + ½) / n < edge: ranks below ⌈edge·n − ½⌉.
      const k = Math.min(n, Math.max(0, Math.ceil(b[c] * n - 0.5)));
      this.requestShare[c] = this.prefix[k] - below;
      below = this.prefix[k];
    }
  }
}

/** Per version, the endpoints and fields it serves: the baseline with its own changes. */
function servedFields(config: ApiConfig, releases: readonly (ReleaseCompatConfig | undefined)[]): Set<string>[] {
  const all = new Set<string>();
  const introduced = new Set<string>();
  for (const c of config.clients) for (const u of c.uses) all.add(u.field);
  for (const r of releases) {
    const api = r?.api;
    if (!api) continue;
    for (const f of api.adds) (all.add(f), introduced.add(f));
    for (const f of api.removes) all.add(f);
    for (const [from, to] of Object.entries(api.renames)) (all.add(from), all.add(to), introduced.add(to));
  }
  const baseline = [...all].filter((f) => !introduced.has(f));
  return releases.map((r) => {
    const has = new Set(baseline);
    const api = r?.api;
    if (!api) return has;
    for (const f of api.adds) has.add(f);
    for (const [from, to] of Object.entries(api.renames)) (has.delete(from), has.add(to));
    for (const f of api.removes) has.delete(f);
    return has;
  });
}
