// Users arrive in sessions: a run of requests from the same user (a page load and its API
// calls, an app opened for a minute). A fixed number of sessions is open at once; each
// request belongs to one of them chosen at random, and with probability 1/meanRequests it is
// the first request of a new session, whose user is drawn by request rate.
import type { RandomStream } from '../../engine/random-stream.ts';
import type { UserPopulation } from './users.ts';

export class SessionPicker {
  private readonly users: Int32Array;
  private readonly newSessionProbability: number;

  constructor(
    private readonly population: UserPopulation,
    /** Requests per session on average, ≥ 1 (1: no sessions, every request draws its user). */
    readonly meanRequests: number,
    concurrent: number,
  ) {
    this.newSessionProbability = 1 / meanRequests;
    this.users = new Int32Array(meanRequests > 1 ? concurrent : 0).fill(-1);
  }

  /** The user of the next request. Without sessions this is one `pickUser` draw, as before. */
  next(rng: RandomStream): number {
    if (this.users.length === 0) return this.population.pickUser(rng);
    const slot = Math.floor(rng.next() * this.users.length);
    if (this.users[slot] < 0 || rng.next() < this.newSessionProbability) this.users[slot] = this.population.pickUser(rng);
    return this.users[slot];
  }

  /**
   * Distinct users behind `requests` requests: each session draws its user once, and the
   * open sessions were first filled (each slot's first request starts a session).
   */
  expectedDistinctUsers(requests: number): number {
    return this.population.expectedDistinctUsers(this.sessionsFor(requests));
  }

  /**
   * Distinct users who saw at least one of `selected` requests out of `total` (those exposed to
   * a version, or affected by it), when requests are selected independently of sessions, as a
   * mesh picks a version per request: a session of L requests is missed with (1 − p)^L, and L
   * is geometric with mean `meanRequests`.
   */
  expectedDistinctUsersAmong(selected: number, total: number): number {
    if (this.users.length === 0 || !(total > 0)) return this.population.expectedDistinctUsers(selected);
    const p = Math.min(1, selected / total);
    const m = this.meanRequests;
    const missed = ((1 - p) / m) / (1 - (1 - p) * (1 - 1 / m));
    return this.population.expectedDistinctUsers(this.sessionsFor(total) * (1 - missed));
  }

  private sessionsFor(requests: number): number {
    if (this.users.length === 0) return requests;
    const slots = this.users.length;
    return requests / this.meanRequests + slots * (1 - Math.exp(-requests / slots)) * (1 - 1 / this.meanRequests);
  }
}
