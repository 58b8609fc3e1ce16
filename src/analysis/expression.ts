// A small expression language for analysis conditions and scenario expectations, parsed by
// recursive descent and evaluated by walking the tree (never eval). Examples:
//   canary <= baseline * 1.10
//   canary < baseline + 0.001 && canary < 0.05
//   outcome == "rolled-back" || summary.blastRadius.affectedRequestsFraction < 0.01
//
//   or       := and ("||" and)*
//   and      := equality ("&&" equality)*
//   equality := relation (("==" | "!=") relation)*
//   relation := sum (("<" | "<=" | ">" | ">=") sum)?        comparisons do not chain
//   sum      := product (("+" | "-") product)*
//   product  := unary (("*" | "/") unary)*
//   unary    := ("!" | "-") unary | primary
//   primary  := number | string | true | false | null | path | "(" or ")"
//   path     := name ("." name | "[" digits "]")*
//
// The precedence is JavaScript's (and expr-lang's, which Argo Rollouts evaluates conditions
// with: utils/evaluate/evaluate.go). Numbers are IEEE doubles, so x / 0 is ±Infinity or NaN.
import { tokenize, ExpressionSyntaxError, type Token } from './expression-tokens.ts';

export { ExpressionSyntaxError } from './expression-tokens.ts';

/** What an expression computes: a JSON scalar. */
export type Value = number | string | boolean | null;

type Node =
  | { type: 'literal'; value: Value }
  | { type: 'path'; path: string[]; text: string }
  | { type: 'unary'; op: '!' | '-'; arg: Node; column: number }
  | { type: 'binary'; op: string; left: Node; right: Node; column: number };

/** The result of one evaluation: a value, or a message saying why there is none. */
export type Evaluation = { value: Value; error?: undefined } | { value: undefined; error: string };

/** Called for each path the evaluation reads, with the value found (undefined when missing). */
export type PathListener = (path: string, value: unknown) => void;

/** Thrown inside evaluation only; `evaluate` turns it into a message. */
class EvaluationError extends Error {}

const RELATIONS = new Set(['<', '<=', '>', '>=']);

/** A parsed expression, ready to evaluate against any object of named values. */
export class Expression {
  /** First segments of the paths the expression reads (`canary`, `summary`, …). */
  readonly roots: ReadonlySet<string>;

  private constructor(
    readonly text: string,
    private readonly root: Node,
    roots: Set<string>,
  ) {
    this.roots = roots;
  }

  /** Parses `text`. @throws ExpressionSyntaxError with the 1-based column of the problem. */
  static parse(text: string): Expression {
    const tokens = tokenize(text);
    const roots = new Set<string>();
    let i = 0;
    const peek = (): Token | undefined => tokens[i];
    const fail = (detail: string, column = peek()?.column ?? text.length + 1): never => {
      throw new ExpressionSyntaxError(text, column, detail);
    };
    const binaryLevel = (ops: readonly string[], next: () => Node) => (): Node => {
      let node = next();
      for (let t = peek(); t?.kind === 'op' && ops.includes(t.text); t = peek()) {
        i++;
        node = { type: 'binary', op: t.text, left: node, right: next(), column: t.column };
      }
      return node;
    };
    const primary = (): Node => {
      const t = tokens[i++];
      if (!t) return fail('expected a value at the end');
      if (t.kind === 'number') return { type: 'literal', value: Number(t.text) };
      if (t.kind === 'string') return { type: 'literal', value: t.value };
      if (t.kind === 'path') {
        if (t.path.length === 1 && (t.text === 'true' || t.text === 'false')) return { type: 'literal', value: t.text === 'true' };
        if (t.path.length === 1 && t.text === 'null') return { type: 'literal', value: null };
        roots.add(t.path[0]);
        return { type: 'path', path: t.path, text: t.text };
      }
      if (t.text === '(') {
        const inner = or();
        if (peek()?.text !== ')') fail(`expected ")" to close the "(" at column ${t.column}`);
        i++;
        return inner;
      }
      i--;
      return fail(`expected a value, found "${t.text}"`);
    };
    const unary = (): Node => {
      const t = peek();
      if (t?.kind === 'op' && (t.text === '!' || t.text === '-')) {
        i++;
        return { type: 'unary', op: t.text, arg: unary(), column: t.column };
      }
      return primary();
    };
    const product = binaryLevel(['*', '/'], unary);
    const sum = binaryLevel(['+', '-'], product);
    const relation = (): Node => {
      const left = sum();
      const t = peek();
      if (!(t?.kind === 'op' && RELATIONS.has(t.text))) return left;
      i++;
      const node: Node = { type: 'binary', op: t.text, left, right: sum(), column: t.column };
      const again = peek();
      if (again?.kind === 'op' && RELATIONS.has(again.text)) fail('comparisons do not chain: write a < b && b < c');
      return node;
    };
    const equality = binaryLevel(['==', '!='], relation);
    const and = binaryLevel(['&&'], equality);
    const or = binaryLevel(['||'], and);

    if (tokens.length === 0) fail('the expression is empty', 1);
    const root = or();
    if (i < tokens.length) fail(`unexpected "${tokens[i].text}"`);
    return new Expression(text, root, roots);
  }

  /**
   * Evaluates against `scope`: paths read its own properties (never inherited ones). Type
   * errors and missing fields come back as `error`, never as exceptions.
   */
  evaluate(scope: unknown, onPath?: PathListener): Evaluation {
    try {
      return { value: evaluateNode(this.root, scope, onPath) };
    } catch (e) {
      if (e instanceof EvaluationError) return { value: undefined, error: e.message };
      throw e;
    }
  }
}

function show(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'a list' : 'an object';
  return JSON.stringify(v);
}

function read(node: { path: string[]; text: string }, scope: unknown, onPath?: PathListener): Value {
  let v: unknown = scope;
  for (const key of node.path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) {
      onPath?.(node.text, undefined);
      throw new EvaluationError(`no field "${node.text}"`);
    }
    v = (v as Record<string, unknown>)[key];
  }
  onPath?.(node.text, v);
  if (v === undefined) throw new EvaluationError(`no field "${node.text}"`);
  if (v !== null && typeof v === 'object') throw new EvaluationError(`"${node.text}" is ${show(v)}, not a value`);
  return v as Value;
}

function number(v: Value, op: string): number {
  if (typeof v !== 'number') throw new EvaluationError(`"${op}" needs numbers, got ${show(v)}`);
  return v;
}

function boolean(v: Value, op: string): boolean {
  if (typeof v !== 'boolean') throw new EvaluationError(`"${op}" needs true or false, got ${show(v)}`);
  return v;
}

function evaluateNode(node: Node, scope: unknown, onPath?: PathListener): Value {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'path':
      return read(node, scope, onPath);
    case 'unary': {
      const v = evaluateNode(node.arg, scope, onPath);
      return node.op === '!' ? !boolean(v, '!') : -number(v, '-');
    }
    case 'binary': {
      const { op } = node;
      const a = evaluateNode(node.left, scope, onPath);
      // Short-circuit, so `x == null || x.y > 0` style guards work.
      if (op === '&&') return boolean(a, op) ? boolean(evaluateNode(node.right, scope, onPath), op) : false;
      if (op === '||') return boolean(a, op) ? true : boolean(evaluateNode(node.right, scope, onPath), op);
      const b = evaluateNode(node.right, scope, onPath);
      if (op === '==') return a === b;
      if (op === '!=') return a !== b;
      const x = number(a, op);
      const y = number(b, op);
      switch (op) {
        case '+': return x + y;
        case '-': return x - y;
        case '*': return x * y;
        case '/': return x / y;
        case '<': return x < y;
        case '<=': return x <= y;
        case '>': return x > y;
        default: return x >= y;
      }
    }
  }
}
