// The users behind the traffic: who sends each request (Zipf-skewed), each user's client
// version and cohort, each request's route, and the request-weighted shares the aggregate
// simulator needs in place of individual requests.
import type { RandomStream } from '../../engine/random-stream.ts';
import { WeightedChoice } from '../../engine/distributions/weighted-choice.ts';
import type { TrafficConfig } from '../config/traffic.ts';
import { UserGroups } from './user-groups.ts';
import { ZipfChoice } from './zipf-choice.ts';

/** Which users an aggregate question is about; both filters optional, both must hold. */
export interface UserFilter {
  /** Only users with cohort < this, fraction 0–1 (a "userShare" scope); default 1 (all). */
  cohortBelow?: number;
  /** Only users of this client index (into `clientVersions`); default any. */
  client?: number;
}

function choice(field: string, shares: readonly number[]): WeightedChoice {
  if (!shares.some((s) => s > 0)) {
    throw new RangeError(`traffic.${field}: every share is 0; give at least one share > 0`);
  }
  return new WeightedChoice(shares); // normalises: shares need not sum to 1
}

/**
 * N = `users` users; user u (rank u + 1) sends a share w_u ∝ (u + 1)^(−userSkew) of the
 * requests (Zipf; skew 0 = every user alike), so user 0 is the heaviest.
 *
 * Stable per-user attributes are drawn at construction from `rng`: first N cohorts (one
 * uniform each, in [0, 1)), then N client versions by the `clients` shares (normalised; no
 * draws when there is one client), so changing the clients leaves the cohorts as they
 * were. A user is in a "userShare f" scope iff cohort(u) < f. Attributes live in typed
 * arrays: 18 bytes a user, 24 more for the cohort-sorted groups once an aggregate question
 * needs them and 12 for the alias tables once a request picks a user (54 MB for 10⁶).
 */
export class UserPopulation {
  /** Number of users. */
  readonly size: number;
  readonly routeNames: readonly string[];
  readonly clientVersions: readonly string[];
  private readonly cohorts: Float64Array;
  private readonly clients: Uint16Array;
  private readonly userChoice: ZipfChoice;
  private readonly routeChoice: WeightedChoice;
  private readonly routeShares: Float64Array;
  private builtGroups: UserGroups | null = null;

  constructor(
    config: Pick<TrafficConfig, 'users' | 'userSkew' | 'routes' | 'clients'>,
    rng: RandomStream,
  ) {
    const n = config.users;
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`traffic.users: expected a whole number ≥ 1, got ${n}`);
    if (config.clients.length > 65_536) throw new RangeError('traffic.clients: at most 65,536 client versions');
    this.size = n;
    this.routeNames = config.routes.map((r) => r.name);
    this.clientVersions = config.clients.map((c) => c.version);

    this.userChoice = new ZipfChoice(n, config.userSkew);
    this.cohorts = new Float64Array(n);
    rng.fill(this.cohorts);
    this.clients = new Uint16Array(n);
    const clientChoice = choice('clients', config.clients.map((c) => c.share));
    if (config.clients.length > 1) clientChoice.pickInto(this.clients, rng);

    const routeWeights = config.routes.map((r) => r.share);
    this.routeChoice = choice('routes', routeWeights);
    const routeTotal = routeWeights.reduce((a, b) => a + b, 0);
    this.routeShares = Float64Array.from(routeWeights, (w) => w / routeTotal);
  }

  // Built on the first aggregate question: request fidelity counts distinct users one by
  // one and often asks none, and sorting every user by cohort is most of a population's cost.
  // A pure function of the arrays above, so when it is built changes no answer.
  private get groups(): UserGroups {
    this.builtGroups ??= new UserGroups(this.userChoice.shares(), this.cohorts, this.clients, this.clientVersions.length);
    return this.builtGroups;
  }

  /** The user who sends a request: one draw (two past 2²⁰ users), O(1), no allocation. */
  pickUser(rng: RandomStream): number {
    return this.userChoice.pick(rng);
  }

  /** The route of a request, an index into `routeNames`: one draw, no allocation. */
  pickRoute(rng: RandomStream): number {
    return this.routeChoice.pick(rng);
  }

  /** User u's cohort in [0, 1): u is in a "userShare f" scope iff cohort(u) < f. */
  cohort(u: number): number {
    return this.cohorts[u];
  }

  /** User u's client version, an index into `clientVersions`. */
  clientOf(u: number): number {
    return this.clients[u];
  }

  /** User u's share of all requests, fraction 0–1. */
  userShare(u: number): number {
    return this.userChoice.share(u);
  }

  /** Route i's share of requests, fraction 0–1 (the shares normalised to sum to 1). */
  routeShare(i: number): number {
    return this.routeShares[i];
  }

  /** Share of requests sent by users with cohort < f, fraction 0–1. */
  requestShareOfCohort(f: number): number {
    return this.groups.share(f, -1);
  }

  /** Share of requests sent by users of client index i, fraction 0–1. */
  requestShareOfClient(i: number): number {
    return this.groups.share(1, i);
  }

  /** Share of requests sent by the users `filter` admits, fraction 0–1. */
  requestShare(filter: UserFilter = {}): number {
    return this.groups.share(filter.cohortBelow ?? 1, filter.client ?? -1);
  }

  /** Number of users `filter` admits. */
  countUsers(filter: UserFilter = {}): number {
    return this.groups.count(filter.cohortBelow ?? 1, filter.client ?? -1);
  }

  /**
   * Expected distinct users among the senders of `requests` requests drawn from all users
   * by rate, counting only the users `filter` admits: Σ 1 − e^(−requests·w_u) over them,
   * to within 1e-7 of it, in ~one binary search per (weight band, client), not O(N).
   * ≤ min(their count, requests × their share). If the requests all came from the
   * admitted users, pass `requests / requestShare(filter)`.
   */
  expectedDistinctUsers(requests: number, filter: UserFilter = {}): number {
    return this.groups.expectedDistinct(requests, filter.cohortBelow ?? 1, filter.client ?? -1);
  }
}

