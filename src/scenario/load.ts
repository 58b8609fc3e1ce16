// Scenario text → a validated Scenario, or every problem as `file:line:col: path: expected …`.
// Pure: file access for `extends:` is handed in, so the browser lab validates pasted YAML
// with the same messages the CLI prints.
//
// Order: parse (YAML or JSON) → resolve `extends:` (deep merge, lists replaced) → apply
// `--set` overrides → validate against scenarioSchema → parse each `expect:` expression.
import { isScalar, Scalar } from 'yaml';
import { ExpectationSyntaxError, Expectation } from './expectations.ts';
import { formatPath, formatScenarioError, ROOT_PATH, ScenarioLoadError, type ScenarioError } from './errors.ts';
import { describeIssues, show, type Problem } from './load-issues.ts';
import { deepMerge, Provenance } from './load-merge.ts';
import { resolveRelative } from './load-paths.ts';
import { DocumentSource, findInDocument, type Source } from './load-source.ts';
import { MAX_SCENARIO_BYTES, isPlainObject, parseYaml } from './load-yaml.ts';
import { applyOverride, parseOverride } from './overrides.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export { MAX_SCENARIO_BYTES } from './load-yaml.ts';
export { formatScenarioError, ScenarioLoadError, type ScenarioError } from './errors.ts';

/** Bases a scenario may stack through `extends:` before it is surely a mistake. */
export const MAX_EXTENDS_DEPTH = 8;

export interface LoadOptions {
  /** The name errors show and `extends:` resolves against. Default `scenario.yaml`. */
  file?: string;
  /** `path=value` overrides, applied in order after `extends:`. */
  sets?: readonly string[];
  /**
   * Reads a base scenario named by `extends:` (the path resolved against the including
   * file); when it cannot, throws an Error whose message completes "…, but ___" ("there is
   * no such file"). Without it, `extends:` is an error.
   */
  readFile?: (path: string) => string;
  /** Largest text accepted, characters. Default {@link MAX_SCENARIO_BYTES}. */
  maxBytes?: number;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Loads a scenario from its text. Never throws for bad input: problems come back as errors. */
export function loadScenario(text: string, options: LoadOptions = {}): LoadResult {
  const file = options.file ?? 'scenario.yaml';
  const assembled = assemble(text, file, options, []);
  if (!assembled.ok) return assembled;
  const { value, prov } = assembled;
  const errors: ScenarioError[] = [];
  (options.sets ?? []).forEach((arg, i) => {
    const o = parseOverride(arg, i + 1);
    const error = 'message' in o ? o : applyOverride(value, o, prov);
    if (error) errors.push(error);
  });
  if (errors.length > 0) return { ok: false, errors };
  return validate(value, prov);
}

/** As {@link loadScenario}, but throws a {@link ScenarioLoadError} listing the problems. */
export function loadScenarioOrThrow(text: string, options: LoadOptions = {}): Scenario {
  const result = loadScenario(text, options);
  if (!result.ok) throw new ScenarioLoadError(result.errors);
  return result.scenario;
}

/** Every problem as the lines the CLI prints. */
export function formatErrors(errors: readonly ScenarioError[]): string {
  return errors.map(formatScenarioError).join('\n');
}

type Assembled = { ok: true; value: Record<string, unknown>; prov: Provenance } | { ok: false; errors: ScenarioError[] };

/** One file, with its chain of `extends:` bases merged underneath it. */
function assemble(text: string, file: string, options: LoadOptions, chain: readonly string[]): Assembled {
  const parsed = parseYaml(text, file, options.maxBytes ?? MAX_SCENARIO_BYTES);
  if (!parsed.ok) return parsed;
  const { value, source } = parsed;
  if (!isPlainObject(value)) {
    const found = value === null || value === undefined ? 'an empty document' : show(value);
    return fail(source, [], 'value', `expected a mapping of scenario fields (name, title, duration, fleet, …), got ${found}`);
  }
  if (!Object.hasOwn(value, 'extends')) return { ok: true, value, prov: new Provenance(source) };

  const ext = value.extends;
  delete value.extends;
  if (typeof ext !== 'string' || ext.trim() === '') {
    return fail(source, ['extends'], 'value', `expected the path of a base scenario such as ./base.yaml, got ${show(ext)}`);
  }
  if (!options.readFile) {
    return fail(source, ['extends'], 'value', 'expected a self-contained scenario here: base files cannot be read in this context');
  }
  const target = resolveRelative(file, ext);
  const seen = [...chain, file];
  if (seen.includes(target)) {
    return fail(source, ['extends'], 'value', `expected a base scenario that does not lead back to itself: ${[...seen.slice(seen.indexOf(target)), target].join(' → ')}`);
  }
  if (seen.length > MAX_EXTENDS_DEPTH) {
    return fail(source, ['extends'], 'value', `expected at most ${MAX_EXTENDS_DEPTH} levels of extends: ${[...seen, target].join(' → ')}`);
  }
  let baseText: string;
  try {
    baseText = options.readFile(target);
  } catch (e) {
    return fail(source, ['extends'], 'value', `expected a readable base scenario at ${target}, but ${(e as Error).message}`);
  }
  const base = assemble(baseText, target, options, seen);
  if (!base.ok) return base;
  base.prov.extendWith(Object.keys(base.value), source);
  deepMerge(base.value, value, base.prov, source);
  return base;
}

function fail(source: Source, path: Problem['path'], anchor: Problem['anchor'], message: string): { ok: false; errors: ScenarioError[] } {
  const { line, col } = source.position(path, anchor);
  return { ok: false, errors: [{ file: source.file, line, col, path: path.length ? formatPath(path) : ROOT_PATH, message }] };
}

function validate(value: Record<string, unknown>, prov: Provenance): LoadResult {
  // jitless: zod's fast path generates a parser per object schema (new Function) to pay off
  // over many parses; a scenario is parsed once, and generating it cost more than the parse.
  const result = scenarioSchema.safeParse(value, { jitless: true });
  if (!result.success) {
    const problems = describeIssues(result.error.issues, value, scenarioSchema);
    return { ok: false, errors: inReadingOrder(problems.map((p) => locate(p, prov))) };
  }
  const errors: ScenarioError[] = [];
  result.data.expect.forEach((text, i) => {
    try {
      Expectation.parse(text);
    } catch (e) {
      if (!(e instanceof ExpectationSyntaxError)) throw e;
      errors.push(expectationError(e, ['expect', i], prov));
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenario: result.data };
}

function locate(p: Problem, prov: Provenance): ScenarioError {
  const source = prov.ownerOf(p.path);
  const { line, col } = source.position(p.path, p.anchor);
  return { file: source.file, line, col, path: formatPath(p.path), message: p.message };
}

/** An unparsable `expect:` entry, pointed at the character where parsing stopped. */
function expectationError(e: ExpectationSyntaxError, path: (string | number)[], prov: Provenance): ScenarioError {
  const source = prov.ownerOf(path);
  const detail = e.message.slice(e.message.indexOf(`at column ${e.column}: `) + `at column ${e.column}: `.length);
  const message = `expected an expression such as summary.downtimeS == 0 (field, comparison, value; joined by && or ||): ${detail} at column ${e.column}`;
  let { line, col } = source.position(path, 'value');
  if (source instanceof DocumentSource) {
    const node = findInDocument(source.doc, path).value;
    if (isScalar(node) && node.range && !e.expr.includes('\n')) {
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      ({ line, col } = source.at(node.range[0] + (quoted ? 1 : 0) + e.column - 1));
    }
  }
  return { file: source.file, line, col, path: formatPath(path), message };
}

/** Errors grouped by file (in order of first appearance), then by line and column. */
function inReadingOrder(errors: ScenarioError[]): ScenarioError[] {
  const files = [...new Set(errors.map((e) => e.file))];
  return [...errors].sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.col - b.col);
}
