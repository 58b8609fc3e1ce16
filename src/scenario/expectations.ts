// The `expect:` language: comparisons over result fields joined by && and ||, parsed by a
// small recursive-descent grammar (never eval). Examples:
//   outcome == "rolled-back"
//   summary.blastRadius.affectedRequestsFraction < 0.01
//   summary.downtimeS == 0 && summary.infraCost.peakMultiplier <= 1.25
//
//   expr   := and ("||" and)*
//   and    := cmp ("&&" cmp)*
//   cmp    := "(" expr ")" | value op value
//   value  := path | number | string | true | false | null
//   op     := == | != | < | <= | > | >=

export type Value = number | string | boolean | null;

type Node =
  | { type: 'or' | 'and'; left: Node; right: Node }
  | { type: 'cmp'; op: string; left: Operand; right: Operand };
type Operand = { type: 'path'; path: string[]; text: string } | { type: 'literal'; value: Value };

export class ExpectationSyntaxError extends Error {
  constructor(readonly expr: string, readonly column: number, detail: string) {
    super(`cannot parse expectation "${expr}" at column ${column}: ${detail}`);
    this.name = 'ExpectationSyntaxError';
  }
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(==|!=|<=|>=|<|>|&&|\|\||\(|\))|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*))/y;

interface Token {
  kind: 'number' | 'string' | 'op' | 'ident';
  text: string;
  column: number;
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(expr);
    if (!m) throw new ExpectationSyntaxError(expr, pos + 1 + (expr.slice(pos).length - expr.slice(pos).trimStart().length), `unexpected "${expr.slice(pos).trim()[0]}"`);
    const column = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4]).length + 1;
    if (m[1] !== undefined) tokens.push({ kind: 'number', text: m[1], column });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', text: m[2], column });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3], column });
    else tokens.push({ kind: 'ident', text: m[4], column });
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

/** A parsed expectation, ready to evaluate against any result object. */
export class Expectation {
  private constructor(readonly text: string, private readonly root: Node) {}

  static parse(text: string): Expectation {
    const tokens = tokenize(text);
    let i = 0;
    const peek = () => tokens[i];
    const fail = (detail: string): never => {
      throw new ExpectationSyntaxError(text, peek()?.column ?? text.length + 1, detail);
    };
    const operand = (): Operand => {
      const t = tokens[i++];
      if (!t) return fail('expected a value at the end');
      if (t.kind === 'number') return { type: 'literal', value: Number(t.text) };
      if (t.kind === 'string') return { type: 'literal', value: t.text.slice(1, -1).replace(/\\(.)/g, '$1') };
      if (t.kind === 'ident') {
        if (t.text === 'true' || t.text === 'false') return { type: 'literal', value: t.text === 'true' };
        if (t.text === 'null') return { type: 'literal', value: null };
        const path = t.text.replace(/\[(\d+)\]/g, '.$1').split('.');
        if (path.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) fail(`"${t.text}" is not a result field`);
        return { type: 'path', path, text: t.text };
      }
      i--;
      return fail(`expected a value, found "${t.text}"`);
    };
    const comparison = (): Node => {
      if (peek()?.text === '(') {
        i++;
        const inner = or();
        if (peek()?.text !== ')') fail('expected ")"');
        i++;
        return inner;
      }
      const left = operand();
      const op = peek();
      if (!op || !['==', '!=', '<', '<=', '>', '>='].includes(op.text)) fail('expected a comparison (==, !=, <, <=, >, >=)');
      i++;
      return { type: 'cmp', op: op.text, left, right: operand() };
    };
    const and = (): Node => {
      let node = comparison();
      while (peek()?.text === '&&') {
        i++;
        node = { type: 'and', left: node, right: comparison() };
      }
      return node;
    };
    const or = (): Node => {
      let node = and();
      while (peek()?.text === '||') {
        i++;
        node = { type: 'or', left: node, right: and() };
      }
      return node;
    };
    if (tokens.length === 0) fail('the expression is empty');
    const root = or();
    if (i < tokens.length) fail(`unexpected "${tokens[i].text}"`);
    return new Expectation(text, root);
  }

  /** Evaluates against `subject`; `actual` is the value of the first path it reads. */
  evaluate(subject: unknown): { ok: boolean; actual: unknown; error?: string } {
    let actual: unknown = undefined;
    let error: string | undefined;
    const read = (o: Operand): unknown => {
      if (o.type === 'literal') return o.value;
      let v: unknown = subject;
      for (const key of o.path) {
        if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) {
          error ??= `no result field "${o.text}"`;
          v = undefined;
          break;
        }
        v = (v as Record<string, unknown>)[key];
      }
      if (actual === undefined) actual = v;
      return v;
    };
    const run = (n: Node): boolean => {
      if (n.type !== 'cmp') return n.type === 'and' ? run(n.left) && run(n.right) : run(n.left) || run(n.right);
      const a = read(n.left);
      const b = read(n.right);
      if (a === undefined || b === undefined) return false;
      switch (n.op) {
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        default:
          if (typeof a !== 'number' || typeof b !== 'number') {
            error ??= `"${n.op}" compares numbers, got ${JSON.stringify(a)} and ${JSON.stringify(b)}`;
            return false;
          }
          return n.op === '<' ? a < b : n.op === '<=' ? a <= b : n.op === '>' ? a > b : a >= b;
      }
    };
    const ok = run(this.root);
    return error ? { ok: false, actual: actual ?? null, error } : { ok, actual: actual ?? null };
  }
}
