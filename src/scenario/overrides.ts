// `--set path=value` overrides: `fleet.replicas=40`, `strategy.steps[2].setWeight=50`,
// `traffic.rate={kind: constant, rps: 300}`. The value is read as a YAML scalar or flow
// collection (so `40` is a number, `true` a boolean, `"40"` a string); block YAML is taken
// as plain text. Errors point into the argument: `--set:N:col`, N counting the overrides.
import { isCollection, LineCounter, parseDocument } from 'yaml';
import { formatPath, ROOT_PATH, type ScenarioError } from './errors.ts';
import type { Provenance } from './load-merge.ts';
import { DocumentSource, type Anchor, type Position, type Segment, type Source } from './load-source.ts';
import { FORBIDDEN_KEYS, MAX_ALIAS_COUNT, forbiddenKeys, forbiddenMessage, isPlainObject } from './load-yaml.ts';

/** The name errors give the command line's overrides. */
export const SET_FILE = '--set';

/** One parsed `--set` argument. */
export interface Override {
  /** The argument as written. */
  readonly arg: string;
  /** Which override (1 = the first); shown as the error's line. */
  readonly index: number;
  readonly path: Segment[];
  readonly value: unknown;
  readonly source: Source;
}

const SEGMENT = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\])/;

/** Parses `path=value`; `index` is 1 for the first override. */
export function parseOverride(arg: string, index: number): Override | ScenarioError {
  const fail = (col: number, path: string, message: string): ScenarioError => ({ file: SET_FILE, line: index, col, path, message });
  const eq = arg.indexOf('=');
  if (eq <= 0) return fail(1, ROOT_PATH, `expected path=value such as fleet.replicas=10, got ${JSON.stringify(arg)}`);
  const pathText = arg.slice(0, eq);
  const path: Segment[] = [];
  const columns: number[] = [];
  let pos = 0;
  while (pos < pathText.length) {
    const m = SEGMENT.exec(pathText.slice(pos));
    if (!m || (pos === 0 && m[0].startsWith('.')) || (pos > 0 && m[1] !== undefined && !m[0].startsWith('.'))) {
      return fail(pos + 1, pathText, `expected a field path such as fleet.replicas or strategy.steps[2].setWeight, found ${JSON.stringify(pathText.slice(pos))}`);
    }
    const seg: Segment = m[1] ?? Number(m[2]);
    const column = pos + (m[0].startsWith('.') ? 1 : 0);
    if (typeof seg === 'string' && FORBIDDEN_KEYS.has(seg)) return fail(column + 1, formatPath([...path, seg]), forbiddenMessage(seg));
    columns.push(column);
    path.push(seg);
    pos += m[0].length;
  }
  if (typeof path[0] === 'number') return fail(1, pathText, 'expected the path to start with a field name, as in fleet.replicas');

  const text = arg.slice(eq + 1);
  const valueOffset = eq + 1;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const valueSource = new DocumentSource(SET_FILE, doc, lines);
  const source = new OverrideSource(index, path, columns, valueOffset, valueSource);
  let value: unknown;
  if (doc.errors.length === 0 && isCollection(doc.contents) && !doc.contents.flow) {
    value = text; // `a: b` or `- x` on the command line means the text, not a mapping or list
  } else {
    const first = doc.errors[0];
    if (first) return fail(valueOffset + first.pos[0] + 1, formatPath(path), `expected a YAML value (a scalar, [list] or {mapping}): ${first.message.replace(/ at line \d+[\s\S]*$/, '')}`);
    const forbidden = forbiddenKeys(doc)[0];
    if (forbidden) return fail(valueOffset + forbidden.offset + 1, formatPath([...path, ...forbidden.path]), forbiddenMessage(forbidden.name));
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      return fail(valueOffset + 1, formatPath(path), `expected at most ${MAX_ALIAS_COUNT} alias expansions: ${(e as Error).message}`);
    }
  }
  return { arg, index, path, value, source };
}

/**
 * Writes the override into `target`, creating missing mappings on the way. Mappings are
 * replaced, not merged: `--set fleet={replicas: 3}` means exactly that fleet.
 */
export function applyOverride(target: Record<string, unknown>, o: Override, prov: Provenance): ScenarioError | null {
  let container: unknown = target;
  for (let i = 0; i < o.path.length; i++) {
    const seg = o.path[i];
    const last = i === o.path.length - 1;
    const at = o.path.slice(0, i);
    const fail = (message: string): ScenarioError => ({ file: SET_FILE, ...o.source.position(o.path.slice(0, i + 1), 'key'), path: formatPath(o.path.slice(0, i + 1)), message });
    if (typeof seg === 'number') {
      if (!Array.isArray(container)) return fail(`expected ${formatPath(at)} to be a list to index into, found ${kindOf(container)}`);
      const max = last ? container.length : container.length - 1;
      if (seg > max) return fail(`expected an index from 0 to ${max} (${formatPath(at)} has ${container.length} item${container.length === 1 ? '' : 's'})`);
      if (last) container[seg] = o.value;
      else container = container[seg];
    } else {
      if (!isPlainObject(container)) return fail(`expected ${formatPath(at)} to be a mapping to set "${seg}" in, found ${kindOf(container)}`);
      if (last) container[seg] = o.value;
      else {
        if (!Object.hasOwn(container, seg) || container[seg] === null || container[seg] === undefined) container[seg] = {};
        container = container[seg];
      }
    }
  }
  prov.assign(o.path, o.source);
  return null;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Positions inside one `--set` argument: line = the override's number, col = the character. */
class OverrideSource implements Source {
  readonly file = SET_FILE;
  constructor(
    private readonly index: number,
    readonly root: readonly Segment[],
    private readonly columns: readonly number[],
    private readonly valueOffset: number,
    private readonly value: DocumentSource,
  ) {}

  position(path: readonly Segment[], anchor: Anchor): Position {
    // Paths handed in are full scenario paths inside or at this override's own path.
    const within = path.slice(0, this.root.length).every((s, i) => s === this.root[i]);
    if (!within || path.length < this.root.length) {
      const n = Math.min(path.length, this.columns.length) - 1;
      return { line: this.index, col: (this.columns[Math.max(0, n)] ?? 0) + 1 };
    }
    const rel = path.slice(this.root.length);
    if (rel.length === 0 && anchor === 'key') return { line: this.index, col: this.columns[this.columns.length - 1] + 1 };
    return { line: this.index, col: this.valueOffset + this.value.offsetOf(rel, anchor) + 1 };
  }
}
