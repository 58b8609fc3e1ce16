// The tokenizer of the expression language: numbers, quoted strings, dotted paths and
// operators, each with its 1-based column so a syntax error can point at the problem.

/** A syntax error in an expression; `column` is 1-based. */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly expr: string,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`cannot parse "${expr}" at column ${column}: ${detail}`);
    this.name = 'ExpressionSyntaxError';
  }
}

export type Token =
  | { kind: 'number'; text: string; column: number }
  | { kind: 'string'; text: string; value: string; column: number }
  | { kind: 'path'; text: string; path: string[]; column: number }
  | { kind: 'op'; text: string; column: number };

/**
 * Path segments that would reach an object's prototype machinery. Lookups only read own
 * properties anyway; rejecting these at parse time makes the intent plain in the message.
 */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '!', '(', ')'];
const NUMBER = /\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?/y;
const NAME = /[A-Za-z_$][\w$]*/y;
const INDEX = /\[(\d+)\]/y;

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const fail = (pos: number, detail: string): never => {
    throw new ExpressionSyntaxError(expr, pos + 1, detail);
  };
  let pos = 0;
  while (pos < expr.length) {
    const c = expr[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++;
      continue;
    }
    const column = pos + 1;
    if (c === '"' || c === "'") {
      let value = '';
      let end = pos + 1;
      for (; end < expr.length && expr[end] !== c; end++) {
        if (expr[end] === '\\') end++;
        if (end < expr.length) value += expr[end];
      }
      if (end >= expr.length) fail(pos, 'the string is not closed');
      tokens.push({ kind: 'string', text: expr.slice(pos, end + 1), value, column });
      pos = end + 1;
      continue;
    }
    const num = matchAt(NUMBER, expr, pos);
    if (num) {
      if (matchAt(NAME, expr, pos + num[0].length)) fail(pos + num[0].length, `unexpected "${expr[pos + num[0].length]}" after a number`);
      tokens.push({ kind: 'number', text: num[0], column });
      pos += num[0].length;
      continue;
    }
    const name = matchAt(NAME, expr, pos);
    if (name) {
      const path = [name[0]];
      let end = pos + name[0].length;
      for (;;) {
        if (expr[end] === '.') {
          const next = matchAt(NAME, expr, end + 1);
          if (!next) fail(end + 1, 'expected a field name after "."');
          path.push(next![0]);
          end += 1 + next![0].length;
        } else if (expr[end] === '[') {
          const index = matchAt(INDEX, expr, end);
          if (!index) fail(end, 'expected a list index such as [0]');
          path.push(index![1]);
          end += index![0].length;
        } else break;
      }
      // Point at the offending segment, not at the start of the path.
      let segmentStart = pos;
      for (const segment of path) {
        const at = expr.indexOf(segment, segmentStart);
        if (FORBIDDEN_SEGMENTS.has(segment)) fail(at, `"${segment}" is not allowed in a path`);
        segmentStart = at + segment.length;
      }
      tokens.push({ kind: 'path', text: expr.slice(pos, end), path, column });
      pos = end;
      continue;
    }
    const op = OPERATORS.find((o) => expr.startsWith(o, pos));
    if (op) {
      tokens.push({ kind: 'op', text: op, column });
      pos += op.length;
      continue;
    }
    if (c === '=') fail(pos, 'unexpected "=": compare with "=="');
    if (c === '&' || c === '|') fail(pos, `unexpected "${c}": use "${c}${c}"`);
    fail(pos, `unexpected "${c}"`);
  }
  return tokens;
}
