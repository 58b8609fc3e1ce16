// zod's validation issues, rewritten as what a scenario author needs: the field, what was
// expected there, and what was found ("expected a whole number ≥ 1, got "many""). Unions
// report the branch the author evidently meant, unknown fields suggest the near miss.
import type * as z from 'zod';
import type { Anchor, Segment } from './load-source.ts';
import { knownKeys } from './load-known-keys.ts';
import { valueAt } from './load-yaml.ts';

export interface Problem {
  path: Segment[];
  anchor: Anchor;
  message: string;
  /** For an unknown field: the path of the known field it is probably a misspelling of. */
  meant?: Segment[];
}

type Issue = z.core.$ZodIssue;

/** Problems for zod's issues over `input` (the value that was validated against `schema`). */
export function describeIssues(issues: readonly Issue[], input: unknown, schema: z.ZodType): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const p of describe(issue, [], input, schema)) {
      const k = `${p.path.join('\u0000')}\u0001${p.message}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(p);
      }
    }
  }
  // `replicaz: 4` is one mistake, not two: drop "replicas is missing" when a near miss explains it.
  const meant = new Set(out.filter((p) => p.meant).map((p) => (p.meant as Segment[]).join('\u0000')));
  return out.filter((p) => !(p.anchor === 'parent' && meant.has(p.path.join('\u0000'))));
}

function describe(issue: Issue, base: Segment[], input: unknown, schema: z.ZodType): Problem[] {
  const path = [...base, ...(issue.path as Segment[])];
  const value = valueAt(input, path);
  const missing = value === undefined;
  const custom = !/^(Invalid|Too (small|big)|Unrecognized key)/.test(issue.message);
  const got = (message: string) => (missing ? `${message}, but it is missing` : /, got /.test(message) ? message : `${message}, got ${show(value)}`);
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return [{ path, anchor: 'parent', message: `expected ${typeName(issue.expected)}, but it is missing` }];
      return [{ path, anchor: 'value', message: got(custom ? issue.message : `expected ${typeName(issue.expected)}`) }];
    case 'too_small':
    case 'too_big':
      return [{ path, anchor: 'value', message: got(custom ? issue.message : bound(issue)) }];
    case 'invalid_value':
      return [{ path, anchor: missing ? 'parent' : 'value', message: got(custom ? issue.message : `expected ${oneOf(issue.values)}`) }];
    case 'invalid_format':
      return [{ path, anchor: 'value', message: got(custom ? issue.message : `expected ${issue.format === 'regex' ? `text matching ${(issue as { pattern?: string }).pattern}` : `a valid ${issue.format}`}`) }];
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path, input);
      return issue.keys.map((k) => {
        const near = closest(k, known);
        return { path: [...path, k], anchor: 'key' as const, message: unknownField(k, near, known), ...(near ? { meant: [...path, near] } : {}) };
      });
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc !== undefined || issue.errors.length === 0) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return [{ path, anchor: missing ? 'parent' : 'value', message: got(`expected ${oneOf(options)}`) }];
      }
      return union(issue, path, input, schema);
    }
    default:
      return [{ path, anchor: 'value', message: custom ? issue.message : got(issue.message.replace(/^Invalid input: /, '')) }];
  }
}

/**
 * A union's issues: when every branch failed on the value's type ("expected a number or a
 * string"), say so; otherwise report the branch that got furthest, as the author meant it.
 */
function union(issue: Extract<Issue, { code: 'invalid_union' }>, path: Segment[], input: unknown, schema: z.ZodType): Problem[] {
  const branches = issue.errors.filter((errs) => !errs.every(isTypeMismatch));
  if (branches.length === 0) {
    const types = [...new Set(issue.errors.flatMap((errs) => errs.flatMap(expectedTypes)))].map(typeName);
    const expected = types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}` : types[0];
    const value = valueAt(input, path);
    if (value === undefined) return [{ path, anchor: 'parent', message: `expected ${expected}, but it is missing` }];
    return [{ path, anchor: 'value', message: `expected ${expected}, got ${show(value)}` }];
  }
  const depth = (errs: readonly Issue[]) => Math.max(...errs.map((e) => e.path.length));
  const best = branches.reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a));
  return best.flatMap((e) => describe(e, path, input, schema));
}

function isTypeMismatch(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  return issue.code === 'invalid_union' && issue.errors.length > 0 && issue.errors.every((errs) => errs.every(isTypeMismatch));
}

function expectedTypes(issue: Issue): string[] {
  if (issue.code === 'invalid_type') return [issue.expected];
  if (issue.code === 'invalid_union') return issue.errors.flatMap((errs) => errs.flatMap(expectedTypes));
  return [];
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    number: 'a number',
    int: 'a whole number',
    string: 'a string',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    null: 'null',
  };
  return names[t] ?? t;
}

function bound(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
  const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small ? `expected a list of at least ${limit} item${limit === 1 ? '' : 's'}` : `expected a list of at most ${limit} item${limit === 1 ? '' : 's'}`;
    case 'string':
      return small ? (limit === 1 ? 'expected a non-empty string' : `expected at least ${limit} characters`) : `expected at most ${limit} characters`;
    default:
      return `expected a number ${op} ${limit}`;
  }
}

function oneOf(values: readonly unknown[]): string {
  if (values.length === 1) return JSON.stringify(values[0]);
  return `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

/** How a found value reads in a message: strings quoted (and cut short), collections by kind. */
export function show(value: unknown): string {
  if (value === null) return 'null (nothing)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}


function unknownField(name: string, near: string | null, known: string[]): string {
  if (known.length === 0) return `unknown field "${name}"`;
  const list = `expected one of ${known.join(', ')}`;
  return near ? `unknown field "${name}"; did you mean "${near}"? (${list})` : `unknown field "${name}": ${list}`;
}

/** The nearest known name within an edit distance of 2 (or differing only in case). */
function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const d = k.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
