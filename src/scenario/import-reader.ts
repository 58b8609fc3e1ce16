// Reading a Kubernetes manifest field by field for the importers. Every field an importer
// reads (or deliberately passes over) is marked; whatever is left is a field the lab cannot
// simulate, and gets a warning at its line and column — so a new Argo or Flagger field is
// reported, not silently lost.
import type { Document, LineCounter } from 'yaml';
import { formatPath } from './errors.ts';
import { DocumentSource, type Segment } from './load-source.ts';
import { parseDurationSeconds } from '../model/config/units.ts';

/** A located note about the manifest: `file:line:col: path: message`. */
export interface ImportNote {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

/** Where a document's notes go, and where positions in its text come from. */
export class ManifestContext {
  private readonly source: DocumentSource;
  constructor(
    file: string,
    doc: Document,
    lines: LineCounter,
    readonly warnings: ImportNote[] = [],
    readonly errors: ImportNote[] = [],
  ) {
    this.source = new DocumentSource(file, doc, lines);
  }

  note(path: readonly Segment[], message: string, kind: 'warning' | 'error' = 'warning'): void {
    const { line, col } = this.source.position(path, 'key');
    (kind === 'warning' ? this.warnings : this.errors).push({ file: this.source.file, line, col, path: formatPath(path), message });
  }
}

type Plain = Record<string, unknown>;

export function isObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One mapping of the manifest, at `path`. */
export class Fields {
  private readonly used = new Set<string>();
  constructor(
    readonly ctx: ManifestContext,
    readonly value: Plain,
    readonly path: Segment[],
  ) {}

  has(key: string): boolean {
    return Object.hasOwn(this.value, key) && this.value[key] !== null && this.value[key] !== undefined;
  }

  /** The raw value, marked as used. */
  take(key: string): unknown {
    this.used.add(key);
    return this.has(key) ? this.value[key] : undefined;
  }

  /** Marks fields as read without using them (plumbing the lab has no use for). */
  pass(...keys: string[]): void {
    for (const k of keys) this.used.add(k);
  }

  at(key: string | number): Segment[] {
    return [...this.path, key];
  }

  warn(key: string | number | null, message: string): void {
    this.ctx.note(key === null ? this.path : this.at(key), message);
  }

  /** A nested mapping (marked used), or undefined; anything else is warned about. */
  child(key: string): Fields | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      this.warn(key, `expected a mapping; ignored`);
      return undefined;
    }
    return new Fields(this.ctx, v, this.at(key));
  }

  /** A list of mappings (marked used); items that are not mappings are warned about. */
  children(key: string): Fields[] {
    const v = this.take(key);
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.warn(key, 'expected a list; ignored');
      return [];
    }
    return v.flatMap((item, i) => {
      if (isObject(item)) return [new Fields(this.ctx, item, [...this.at(key), i])];
      this.ctx.note([...this.at(key), i], 'expected a mapping; ignored');
      return [];
    });
  }

  number(key: string): number | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
    this.warn(key, `expected a number, got ${JSON.stringify(v)}; ignored`);
    return undefined;
  }

  string(key: string): string | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.warn(key, `expected text, got ${JSON.stringify(v)}; ignored`);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.warn(key, `expected true or false, got ${JSON.stringify(v)}; ignored`);
    return undefined;
  }

  /** Kubernetes IntOrString: an integer or "25%". */
  intOrPercent(key: string): number | string | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?%$/.test(v.trim())) return v.trim();
    if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
    this.warn(key, `expected a count such as 2 or a percentage such as "25%", got ${JSON.stringify(v)}; ignored`);
    return undefined;
  }

  /** A Go duration ("1m30s", "10m", "1h") or a number of seconds, in seconds. */
  duration(key: string): number | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    const s = goDurationSeconds(v);
    if (s === null) this.warn(key, `expected a duration such as 30s, 5m or 1h, got ${JSON.stringify(v)}; ignored`);
    return s ?? undefined;
  }

  /**
   * Warns about every field not read: `reasons` says why for the ones known not to be
   * simulated; the rest are "not simulated". Fields of nested mappings in `deep` are warned
   * about one by one (the brief's `trafficRouting.nginx.annotationPrefix`), not as a block.
   */
  rest(reasons: Readonly<Record<string, string>> = {}, deep: ReadonlySet<string> = new Set()): void {
    for (const key of Object.keys(this.value)) {
      if (this.used.has(key) || this.value[key] === null || this.value[key] === undefined) continue;
      const why = reasons[key] ?? 'not simulated';
      if (deep.has(key) && isObject(this.value[key])) warnLeaves(this.ctx, this.value[key], this.at(key), why);
      else this.warn(key, why);
    }
  }
}

/** One warning per leaf field under `value` (lists count as leaves). */
export function warnLeaves(ctx: ManifestContext, value: Plain, path: Segment[], why: string): void {
  const keys = Object.keys(value);
  if (keys.length === 0) ctx.note(path, why);
  for (const k of keys) {
    const v = value[k];
    if (isObject(v) && Object.keys(v).length > 0) warnLeaves(ctx, v, [...path, k], why);
    else ctx.note([...path, k], why);
  }
}

const GO_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds from a Go duration (`1h30m`, `90s`, `250ms`), a lab duration, or a bare number of seconds. */
export function goDurationSeconds(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const text = v.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const simple = parseDurationSeconds(text);
  if (simple !== null) return simple;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * GO_UNITS[m[2]];
    at = re.lastIndex;
  }
  return at === text.length && at > 0 ? total : null;
}

/** Seconds as the scenario writes them: `90s`, `10m`, `1h`, or a number when not whole. */
export function durationText(seconds: number): string | number {
  if (!Number.isInteger(seconds)) return seconds;
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
