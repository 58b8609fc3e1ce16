// The expression language: precedence, arithmetic, comparisons, logic, paths, runtime errors
// as messages, syntax errors with columns, and no way to reach an object's prototype.
import { describe, expect, it } from 'vitest';
import { Expression, ExpressionSyntaxError } from '../../src/analysis/expression.ts';
import { Expectation, ExpectationSyntaxError } from '../../src/scenario/expectations.ts';

const value = (text: string, scope: unknown = {}) => Expression.parse(text).evaluate(scope).value;
const error = (text: string, scope: unknown = {}) => Expression.parse(text).evaluate(scope).error;

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    Expression.parse(text);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return e;
    throw e;
  }
  throw new Error(`"${text}" parsed`);
}

describe('the expression language', () => {
  it('reads literals: numbers, strings with escapes, booleans and null', () => {
    expect(value('42')).toBe(42);
    expect(value('1.5e-3')).toBe(0.0015);
    expect(value('.25')).toBe(0.25);
    expect(value('"rolled-back"')).toBe('rolled-back');
    expect(value("'it\\'s'")).toBe("it's");
    expect(value('true')).toBe(true);
    expect(value('false')).toBe(false);
    expect(value('null')).toBe(null);
  });

  it('does arithmetic with the usual precedence and left associativity', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('12 / 3 / 2')).toBe(2);
    expect(value('-2 * -3')).toBe(6);
    expect(value('- (1 + 2)')).toBe(-3);
    expect(value('2 - -1')).toBe(3);
  });

  it('binds arithmetic tighter than comparison, comparison than equality, && than ||', () => {
    expect(value('1 + 1 < 3')).toBe(true);
    expect(value('1 < 2 == true')).toBe(true);
    expect(value('true || false && false')).toBe(true);
    expect(value('(true || false) && false')).toBe(false);
    expect(value('!false && true')).toBe(true);
    expect(value('!(1 < 2)')).toBe(false);
  });

  it('compares numbers and tests equality of any scalars without coercion', () => {
    expect(value('3 <= 3')).toBe(true);
    expect(value('3 >= 4')).toBe(false);
    expect(value('"a" == "a"')).toBe(true);
    expect(value('1 == "1"')).toBe(false);
    expect(value('null != 0')).toBe(true);
  });

  it('evaluates the concept card’s relative checks over canary and baseline', () => {
    const p99 = Expression.parse('canary <= baseline * 1.10');
    expect(p99.evaluate({ canary: 190, baseline: 180 }).value).toBe(true);
    expect(p99.evaluate({ canary: 288, baseline: 180 }).value).toBe(false);
    const errors = Expression.parse('canary < baseline + 0.001');
    expect(errors.evaluate({ canary: 0.0015, baseline: 0.001 }).value).toBe(true);
    expect(errors.evaluate({ canary: 0.0021, baseline: 0.001 }).value).toBe(false);
    expect([...errors.roots].sort()).toEqual(['baseline', 'canary']);
  });

  it('reads dotted paths and list indices from own properties only', () => {
    const result = { summary: { blastRadius: { affectedRequests: 12 } }, runs: [{ outcome: 'promoted' }] };
    expect(value('summary.blastRadius.affectedRequests > 10', result)).toBe(true);
    expect(value('runs[0].outcome == "promoted"', result)).toBe(true);
    expect(error('toString == null', {})).toBe('no field "toString"');
    expect(error('summary.missing < 1', result)).toBe('no field "summary.missing"');
  });

  it('short-circuits && and ||, so the right side is not read when it cannot matter', () => {
    expect(value('x == null || x.y > 0', { x: null })).toBe(true);
    expect(value('false && missing > 1')).toBe(false);
  });

  it('reports runtime type errors as messages, not exceptions', () => {
    expect(error('"a" < 1')).toBe('"<" needs numbers, got "a"');
    expect(error('1 + true')).toBe('"+" needs numbers, got true');
    expect(error('!1')).toBe('"!" needs true or false, got 1');
    expect(error('1 && true')).toBe('"&&" needs true or false, got 1');
    expect(error('-"x"')).toBe('"-" needs numbers, got "x"');
    expect(error('summary < 1', { summary: { a: 1 } })).toBe('"summary" is an object, not a value');
  });

  it('follows IEEE arithmetic for division by zero', () => {
    expect(value('1 / 0')).toBe(Infinity);
    expect(value('0 / 0 == 0 / 0')).toBe(false);
  });

  it('rejects __proto__, constructor and prototype path segments at parse time, pointing at them', () => {
    for (const [text, column] of [
      ['__proto__.polluted == 1', 1],
      ['summary.constructor == 1', 9],
      ['a.b.prototype < 2', 5],
    ] as const) {
      const e = syntaxError(text);
      expect(e.column).toBe(column);
      expect(e.detail).toMatch(/is not allowed in a path/);
    }
  });

  it('throws syntax errors that carry the column of the problem', () => {
    const cases: [string, number, RegExp][] = [
      ['', 1, /empty/],
      ['canary <', 9, /expected a value at the end/],
      ['canary <= baseline *', 21, /expected a value/],
      ['(canary < 1', 12, /expected "\)" to close the "\(" at column 1/],
      ['canary # 1', 8, /unexpected "#"/],
      ['canary = 1', 8, /compare with "=="/],
      ['a & b', 3, /use "&&"/],
      ['"open', 1, /not closed/],
      ['1 < 2 < 3', 7, /do not chain/],
      ['canary 1', 8, /unexpected "1"/],
      ['a. b', 3, /field name after "."/],
      ['2x > 1', 2, /after a number/],
      [') + 1', 1, /expected a value, found "\)"/],
    ];
    for (const [text, column, detail] of cases) {
      const e = syntaxError(text);
      expect({ text, column: e.column }).toEqual({ text, column });
      expect(e.detail).toMatch(detail);
      expect(e.message).toContain(`column ${column}`);
    }
  });
});

describe('the expect: wrapper', () => {
  const result = { outcome: 'rolled-back', summary: { downtimeS: 0, infraCost: { peakMultiplier: 1.1 }, rollback: { triggered: true } } };

  it('keeps Expectation.parse(text).evaluate(subject) with ok, actual and error', () => {
    expect(Expectation.parse('outcome == "rolled-back"').evaluate(result)).toEqual({ ok: true, actual: 'rolled-back' });
    expect(Expectation.parse('summary.infraCost.peakMultiplier <= 1.05').evaluate(result)).toEqual({ ok: false, actual: 1.1 });
    expect(Expectation.parse('summary.rollback.triggered').evaluate(result)).toEqual({ ok: true, actual: true });
    expect(Expectation.parse('summary.nope < 1').evaluate(result)).toEqual({ ok: false, actual: null, error: 'no result field "summary.nope"' });
    expect(Expectation.parse('summary.downtimeS + 1').evaluate(result).error).toMatch(/true or false/);
  });

  it('gains arithmetic from the shared language', () => {
    expect(Expectation.parse('summary.infraCost.peakMultiplier - 1 < 0.2').evaluate(result).ok).toBe(true);
  });

  it('still throws ExpectationSyntaxError with the column', () => {
    expect(() => Expectation.parse('outcome ==')).toThrow(ExpectationSyntaxError);
    try {
      Expectation.parse('summary.constructor == 1');
    } catch (e) {
      expect((e as ExpectationSyntaxError).column).toBe(9);
      expect((e as Error).message).toMatch(/^cannot parse expectation "summary.constructor == 1" at column 9/);
    }
  });
});
