// Putting a scenario together from parts — a base it `extends`, the file itself, `--set`
// overrides — while remembering which part wrote each field, so an error in the result can
// still name the file, line and column it came from.
import type { Segment, Source } from './load-source.ts';
import { FORBIDDEN_KEYS, isPlainObject } from './load-yaml.ts';

/** Which source wrote each part of the merged value. */
export class Provenance {
  private readonly owners = new Map<string, Source>();

  constructor(root: Source) {
    this.owners.set(key([]), root);
  }

  /** `source` wrote the whole value at `path`: anything recorded beneath it is replaced. */
  assign(path: readonly Segment[], source: Source): void {
    const k = key(path);
    for (const other of [...this.owners.keys()]) if (other.startsWith(`${k}\u0000`) || (k === '' && other !== '')) this.owners.delete(other);
    this.owners.set(k, source);
  }

  /** The source that wrote `path` (the nearest recorded ancestor). */
  ownerOf(path: readonly Segment[]): Source {
    for (let n = path.length; n >= 0; n--) {
      const owner = this.owners.get(key(path.slice(0, n)));
      if (owner) return owner;
    }
    throw new Error('provenance has no root');
  }

  /**
   * A file that extends a base becomes the owner of the scenario as a whole (so a field
   * missing everywhere is reported in it), while the base keeps the fields it wrote.
   */
  extendWith(baseKeys: readonly string[], file: Source): void {
    const base = this.ownerOf([]);
    for (const k of baseKeys) if (!this.owners.has(key([k]))) this.owners.set(key([k]), base);
    this.owners.set(key([]), file);
  }
}

function key(path: readonly Segment[]): string {
  return path.map((s) => (typeof s === 'number' ? `#${s}` : s)).join('\u0000');
}

/**
 * Deep-merges `over` into `base` (mutating it): mappings merge key by key, anything else
 * (lists included) is replaced whole, as Helm values and Kustomize patches behave.
 */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>, prov: Provenance, source: Source, path: Segment[] = []): void {
  for (const k of Object.keys(over)) {
    if (FORBIDDEN_KEYS.has(k)) continue; // rejected when parsed; never copied
    const p = [...path, k];
    const b = Object.hasOwn(base, k) ? base[k] : undefined;
    const v = over[k];
    if (isPlainObject(b) && isPlainObject(v)) deepMerge(b, v, prov, source, p);
    else {
      base[k] = clone(v);
      prov.assign(p, source);
    }
  }
}

/** A deep copy of plain data, dropping forbidden keys. */
export function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) if (!FORBIDDEN_KEYS.has(k)) out[k] = clone(value[k]);
    return out;
  }
  return value;
}
