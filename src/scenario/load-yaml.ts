// Scenario text (YAML 1.2, or JSON, which YAML reads too) to plain data, with the guards a
// file from anywhere needs: a size limit, a cap on alias expansion ("billion laughs"), and
// no `__proto__`/`constructor`/`prototype` keys that could reach object prototypes.
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ROOT_PATH, formatPath, type ScenarioError } from './errors.ts';
import { DocumentSource, findInDocument, pathAtOffset, type Segment } from './load-source.ts';

/** Largest scenario text accepted, bytes (characters for text handed in directly). */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** Aliases (`*name`) one document may expand; a few suffice for any real scenario. */
export const MAX_ALIAS_COUNT = 100;

/** Keys that would reach an object's prototype if copied naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type Parsed = { ok: true; value: unknown; source: DocumentSource } | { ok: false; errors: ScenarioError[] };

export function tooLarge(file: string, bytes: number, limit = MAX_SCENARIO_BYTES): ScenarioError {
  return { file, line: 1, col: 1, path: ROOT_PATH, message: `expected a scenario of at most ${megabytes(limit)}, got ${megabytes(bytes)}` };
}

export function megabytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1))} MB`;
}

/** Parses one YAML or JSON text; `file` is the name errors show. */
export function parseYaml(text: string, file: string, limit = MAX_SCENARIO_BYTES): Parsed {
  if (text.length > limit) return { ok: false, errors: [tooLarge(file, text.length, limit)] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source = new DocumentSource(file, doc, lines);
  const first = doc.errors[0];
  if (first) {
    // Later syntax errors are nearly always echoes of the first; one fix at a time reads best.
    const path = pathAtOffset(doc, first.pos[0]);
    const { line, col } = source.at(unclosedStart(doc, path, first.message) ?? first.pos[0]);
    return { ok: false, errors: [{ file, line, col, path: formatPath(path), message: `expected valid YAML: ${yamlMessage(first.message)}` }] };
  }
  const forbidden = forbiddenKeys(doc).map((k) => ({ file, ...source.at(k.offset), path: formatPath(k.path), message: forbiddenMessage(k.name) }));
  if (forbidden.length > 0) return { ok: false, errors: forbidden };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { ok: false, errors: [{ file, line: 1, col: 1, path: ROOT_PATH, message: `expected at most ${MAX_ALIAS_COUNT} alias expansions (*name): ${(e as Error).message}` }] };
  }
  return { ok: true, value, source };
}

/**
 * yaml notices an unclosed `[`, `{` or quote only where it runs out of text; the author
 * needs the bracket or quote that was left open, so point there.
 */
function unclosedStart(doc: Document, path: Segment[], message: string): number | undefined {
  if (/^Missing closing .?quote/.test(message)) {
    const found = findInDocument(doc, path);
    return found.depth === path.length && isScalar(found.value) ? found.value.range?.[0] : undefined;
  }
  if (!/^Flow (sequence|mapping)/.test(message)) return undefined;
  let start: number | undefined;
  for (let n = 0; n <= path.length; n++) {
    const node = findInDocument(doc, path.slice(0, n));
    if (node.depth === n && isCollection(node.value) && node.value.flow) start = node.value.range?.[0];
  }
  return start;
}

function yamlMessage(message: string): string {
  // yaml appends " at line L, column C" and a code frame; the error line already says where.
  return message.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim();
}

export interface ForbiddenKey {
  name: string;
  path: Segment[];
  /** Character offset of the key in the text. */
  offset: number;
}

/** Every forbidden key in the document. */
export function forbiddenKeys(doc: Document): ForbiddenKey[] {
  const found: ForbiddenKey[] = [];
  const walk = (node: unknown, path: Segment[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = isScalar(key) ? String(key.value) : null;
        if (name !== null && FORBIDDEN_KEYS.has(name)) found.push({ name, path: [...path, name], offset: key?.range?.[0] ?? 0 });
        walk(pair.value, name === null ? path : [...path, name]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(doc.contents, []);
  return found;
}

export function forbiddenMessage(name: string): string {
  return `expected an ordinary field name; "${name}" is not allowed in a scenario`;
}

/** A plain object (mapping), not a list, null or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The value at `path` in plain data, or undefined where the path does not exist. */
export function valueAt(input: unknown, path: readonly Segment[]): unknown {
  let v = input;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isPlainObject(v) && Object.hasOwn(v, seg)) v = v[seg as string];
    else return undefined;
  }
  return v;
}
