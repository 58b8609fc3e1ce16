// Where a field lives in the text it came from. Each part of a loaded scenario has a source
// (a file, a base file it extends, a `--set` argument); a source turns a field path into
// a line and column so that every error names the spot to fix.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** One step of a field path: a mapping key or a list index. */
export type Segment = string | number;

/**
 * What an error points at: the value at the path, the key that names it (unknown fields), or
 * the mapping that should hold it (missing fields).
 */
export type Anchor = 'value' | 'key' | 'parent';

export interface Position {
  line: number;
  col: number;
}

/** Text that part of the scenario came from. */
export interface Source {
  /** Name shown in errors: the file as the user named it, or `--set`. */
  readonly file: string;
  /** Where this source's root sits in the scenario: [] for files, the override's path for `--set`. */
  readonly root: readonly Segment[];
  /** Line and column of the field at `path` (a whole scenario path, at or under `root`). */
  position(path: readonly Segment[], anchor: Anchor): Position;
}

interface Found {
  /** How many leading segments of the path exist in the document. */
  depth: number;
  /** Key of the deepest pair matched (null when the deepest match is a list item or the root). */
  key: Node | null;
  /** Node at the deepest match (null for `key:` with nothing after it). */
  value: Node | null;
}

/** Walks a YAML document along `path` as far as it exists, resolving aliases. */
export function findInDocument(doc: Document, path: readonly Segment[]): Found {
  let node = (doc.contents as Node | null) ?? null;
  let key: Node | null = null;
  let depth = 0;
  for (const seg of path) {
    if (node && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    if (node && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? null;
    } else if (node && isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      key = null;
      node = (node.items[seg] as Node | null) ?? null;
    } else break;
    depth++;
  }
  return { depth, key, value: node };
}

/** The field path of the innermost node whose text spans `offset` (for syntax errors). */
export function pathAtOffset(doc: Document, offset: number): Segment[] {
  const path: Segment[] = [];
  let node = doc.contents as Node | null;
  while (node && isCollection(node)) {
    let next: Node | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as Node | null;
        const v = pair.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0] ?? Infinity;
        const end = v?.range?.[2] ?? k?.range?.[2] ?? -1;
        if (offset >= start && offset <= end && isScalar(k)) {
          path.push(String(k.value));
          next = v;
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const r = (item as Node | null)?.range;
        if (!next && r && offset >= r[0] && offset <= r[2]) {
          path.push(i);
          next = item as Node;
        }
      });
    }
    node = next;
  }
  return path;
}

/** A YAML (or JSON) file, with positions from its LineCounter. */
export class DocumentSource implements Source {
  readonly root: readonly Segment[] = [];
  constructor(
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  position(path: readonly Segment[], anchor: Anchor): Position {
    return this.at(this.offsetOf(path, anchor));
  }

  /** 1-based line and column of a character offset. */
  at(offset: number): Position {
    const { line, col } = this.lines.linePos(Math.max(0, offset));
    return { line, col };
  }

  /** Character offset of `path` in the text (see {@link Anchor}). */
  offsetOf(path: readonly Segment[], anchor: Anchor): number {
    const found = findInDocument(this.doc, path);
    const keyStart = found.key?.range?.[0];
    const valueStart = found.value?.range?.[0];
    const rootStart = (this.doc.contents as Node | null)?.range?.[0] ?? 0;
    if (found.depth === path.length) {
      // `key:` with nothing after it has no text of its own, and a block mapping or list
      // reads best pointed at by the key that opens it.
      const v = found.value;
      const empty = v === null || (v.range !== undefined && v.range !== null && v.range[0] === v.range[1]);
      const block = v !== null && isCollection(v) && !v.flow;
      if (anchor === 'key' || empty || block) return keyStart ?? valueStart ?? rootStart;
      return valueStart ?? keyStart ?? rootStart;
    }
    // The path goes beyond what is written (a missing field): point at its nearest written parent.
    return keyStart ?? valueStart ?? rootStart;
  }
}
