// What each release does with the shared data, and what it costs when the schema or the
// rows are not what that code expects. Per request that touches a column:
//   reads   fail when the column is missing, or (share of rows) when the row is NULL or
//           holds a value in a format newer than the reader's — unless the release
//           tolerates a missing / an unknown value;
//   writes  fail when the column is missing (unless tolerated), else turn a random row
//           into the writer's format — which is how new code breaks old code's reads.
// Request fidelity draws one uniform per use of the request's route; the aggregate takes
// the same probabilities as shares.
import type { RandomStream } from '../../engine/random-stream.ts';
import type { ReleaseCompatConfig } from '../config/compatibility.ts';
import type { Column, Database } from './database.ts';

interface ColumnUse {
  ref: string;
  write: boolean;
  /** Route index, or −1 for requests to any route. */
  route: number;
  /** Share of the matching requests that touch the column. */
  share: number;
  format: number;
  column: Column | null;
  epoch: number;
}

interface VersionData {
  uses: ColumnUse[];
  /** Uses that apply to a request on each route (route-specific and route-less ones). */
  byRoute: ColumnUse[][];
  tolerateMissing: boolean;
  tolerateUnknown: boolean;
}

export class DataUsage {
  private readonly versions: VersionData[];

  constructor(
    private readonly db: Database,
    releases: readonly (ReleaseCompatConfig | undefined)[],
    routeNames: readonly string[],
    private readonly routeShares: Float64Array,
  ) {
    this.versions = releases.map((r) => {
      const uses: ColumnUse[] = [];
      for (const [list, write] of [[r?.reads ?? [], false], [r?.writes ?? [], true]] as const) {
        for (const u of list) {
          uses.push({ ref: u.column, write, route: u.route === undefined ? -1 : routeNames.indexOf(u.route), share: u.share, format: u.format, column: null, epoch: -1 });
        }
      }
      const byRoute = routeNames.map((_, r) => uses.filter((u) => u.route < 0 || u.route === r));
      return { uses, byRoute, tolerateMissing: r?.tolerateMissing ?? false, tolerateUnknown: r?.tolerateUnknown ?? false };
    });
  }

  /** The newest data format any release writes or reads (the database needs room for it). */
  static maxFormat(releases: readonly (ReleaseCompatConfig | undefined)[]): number {
    let f = 1;
    for (const r of releases) for (const u of [...(r?.reads ?? []), ...(r?.writes ?? [])]) f = Math.max(f, u.format);
    return f;
  }

  /**
   * Request fidelity: one request of `version` on `route` — touches its columns, writes
   * (unless `write` is false: a mirrored copy, whose writes are discarded), and says
   * whether a schema fault failed it. One uniform per use of the route.
   */
  serve(version: number, route: number, rng: RandomStream, write = true): boolean {
    const v = this.versions[version];
    const list = v.byRoute[route];
    let failed = false;
    for (let k = 0; k < list.length; k++) {
      const u = list[k];
      const x = rng.next();
      if (x >= u.share) continue;
      const column = this.resolve(u);
      if (u.write) {
        if (column !== null) {
          if (write) column.write(u.format, 1);
        }
        else if (!v.tolerateMissing) failed = true;
      } else if (!failed && x < u.share * this.readFailure(v, u, column)) failed = true;
    }
    return failed;
  }

  /** Aggregate: the probability that a request of `version` fails on a schema fault now. */
  failShare(version: number): number {
    const v = this.versions[version];
    if (v.uses.length === 0) return 0;
    let p = 0;
    for (let r = 0; r < v.byRoute.length; r++) {
      const list = v.byRoute[r];
      let ok = 1;
      for (let k = 0; k < list.length; k++) ok *= 1 - list[k].share * this.touchFailure(v, list[k]);
      p += this.routeShares[r] * (1 - ok);
    }
    return p;
  }

  /** Aggregate: the expected writes of `served` requests of `version`, applied to the rows. */
  writeExpected(version: number, served: number): void {
    if (served <= 0) return;
    for (const u of this.versions[version].uses) {
      if (!u.write) continue;
      const column = this.resolve(u);
      if (column !== null) column.write(u.format, served * u.share * (u.route < 0 ? 1 : this.routeShares[u.route]));
    }
  }

  /** The columns of `version` that can fail a request now, with each one's failure share per touch. */
  describe(version: number): { column: string; op: 'read' | 'write'; failurePerTouch: number }[] {
    const v = this.versions[version];
    return v.uses
      .map((u) => ({ column: u.ref, op: u.write ? ('write' as const) : ('read' as const), failurePerTouch: round(this.touchFailure(v, u)) }))
      .filter((d) => d.failurePerTouch > 0);
  }

  /** Probability that a request touching `u` fails on it. */
  private touchFailure(v: VersionData, u: ColumnUse): number {
    const column = this.resolve(u);
    if (u.write) return column === null && !v.tolerateMissing ? 1 : 0;
    return this.readFailure(v, u, column);
  }

  private readFailure(v: VersionData, u: ColumnUse, column: Column | null): number {
    if (column === null) return v.tolerateMissing ? 0 : 1;
    return (v.tolerateMissing ? 0 : column.shares[0]) + (v.tolerateUnknown ? 0 : column.newerThan(u.format));
  }

  private resolve(u: ColumnUse): Column | null {
    if (u.epoch !== this.db.epoch) {
      u.column = this.db.get(u.ref);
      u.epoch = this.db.epoch;
    }
    return u.column;
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
