// The database every version shares: tables of columns, and for each column what its rows
// hold — NULL, or a value in some data format. A write lands on a uniformly random row
// (its row becomes that format); a backfill turns NULL rows into format-1 values at a
// rate. Shares, not rows: the same arithmetic serves one request or a tick's expected count.

/** One column and the state of its rows. */
export class Column {
  /** False once dropped. */
  exists = true;
  /** Share of rows by state: [0] NULL, [f] a value written in format f. Sums to 1. */
  readonly shares: Float64Array;
  private readonly keep: number;

  constructor(
    readonly table: string,
    public name: string,
    /** Rows in the table. */
    readonly rows: number,
    /** Formats 1…formats can be written. */
    formats: number,
    /** Existing rows hold a (format-1) value; otherwise they are NULL. */
    filled: boolean,
  ) {
    this.shares = new Float64Array(formats + 1);
    this.shares[filled ? 1 : 0] = 1;
    this.keep = 1 - 1 / rows;
  }

  get ref(): string {
    return `${this.table}.${this.name}`;
  }

  /** `n` writes (may be fractional: an expected count) in `format`, each to a random row. */
  write(format: number, n: number): void {
    if (n <= 0) return;
    const keep = n === 1 ? this.keep : Math.pow(this.keep, n);
    const s = this.shares;
    for (let k = 0; k < s.length; k++) s[k] *= keep;
    s[format] += 1 - keep;
  }

  /** Fills up to `rows` NULL rows with format-1 values; false when no NULL row is left. */
  fill(rows: number): boolean {
    const s = this.shares;
    const moved = Math.min(s[0], rows / this.rows);
    s[0] -= moved;
    s[1] += moved;
    if (s[0] < 1e-12) {
      s[1] += s[0];
      s[0] = 0;
      return false;
    }
    return true;
  }

  /** Share of rows holding a value in a format newer than `format`. */
  newerThan(format: number): number {
    let n = 0;
    for (let k = format + 1; k < this.shares.length; k++) n += this.shares[k];
    return n;
  }
}

export interface TableConfig {
  rows: number;
  columns: readonly string[];
}

export class Database {
  /** Every column that ever existed, dropped ones included. */
  readonly columns: Column[] = [];
  /** Bumped by every schema change, so cached lookups know to look again. */
  epoch = 0;
  private readonly byRef = new Map<string, Column>();
  private readonly rows = new Map<string, number>();

  constructor(
    tables: Readonly<Record<string, TableConfig>>,
    /** The newest data format any version writes. */
    private readonly formats: number,
  ) {
    for (const [table, t] of Object.entries(tables)) {
      this.rows.set(table, t.rows);
      for (const name of t.columns) this.put(new Column(table, name, t.rows, formats, true));
    }
  }

  /** The column named `table.column` now, or null when there is none. */
  get(ref: string): Column | null {
    return this.byRef.get(ref) ?? null;
  }

  /** Adds a column; null when the table is unknown or the column exists already. */
  add(ref: string, filled: boolean): Column | null {
    const [table, name] = split(ref);
    const rows = this.rows.get(table);
    if (rows === undefined || this.byRef.has(ref)) return null;
    const c = new Column(table, name, rows, this.formats, filled);
    this.put(c);
    this.epoch++;
    return c;
  }

  /** Renames a column, keeping its data; false when it is missing or the new name is taken. */
  rename(ref: string, to: string): boolean {
    const c = this.byRef.get(ref);
    if (!c || this.byRef.has(`${c.table}.${to}`)) return false;
    this.byRef.delete(ref);
    c.name = to;
    this.byRef.set(c.ref, c);
    this.epoch++;
    return true;
  }

  /** Drops a column and its data; false when it is missing. */
  drop(ref: string): boolean {
    const c = this.byRef.get(ref);
    if (!c) return false;
    c.exists = false;
    this.byRef.delete(ref);
    this.epoch++;
    return true;
  }

  private put(c: Column): void {
    this.columns.push(c);
    this.byRef.set(c.ref, c);
  }
}

function split(ref: string): [string, string] {
  const dot = ref.indexOf('.');
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}
