// The `expect:` language: a thin wrapper over the analysis expression language
// (src/analysis/expression.ts) that must come out true or false. Examples:
//   outcome == "rolled-back"
//   summary.blastRadius.affectedRequestsFraction < 0.01
//   summary.downtimeS == 0 && summary.infraCost.peakMultiplier <= 1.25
//   summary.infraCost.instanceHours / summary.infraCost.baselineInstanceHours - 1 < 0.10
import { Expression, ExpressionSyntaxError } from '../analysis/expression.ts';

export type { Value } from '../analysis/expression.ts';

export class ExpectationSyntaxError extends Error {
  constructor(readonly expr: string, readonly column: number, detail: string) {
    super(`cannot parse expectation "${expr}" at column ${column}: ${detail}`);
    this.name = 'ExpectationSyntaxError';
  }
}

/** A parsed expectation, ready to evaluate against any result object. */
export class Expectation {
  private constructor(readonly text: string, private readonly expression: Expression) {}

  /** @throws ExpectationSyntaxError naming the column of the problem. */
  static parse(text: string): Expectation {
    try {
      return new Expectation(text, Expression.parse(text));
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) throw new ExpectationSyntaxError(text, e.column, e.detail);
      throw e;
    }
  }

  /**
   * Evaluates against `subject`; `actual` is the value of the first result field it reads
   * (null when none), so a failed expectation can show what the run produced.
   */
  evaluate(subject: unknown): { ok: boolean; actual: unknown; error?: string } {
    let actual: unknown = undefined;
    const { value, error } = this.expression.evaluate(subject, (_path, v) => {
      if (actual === undefined) actual = v;
    });
    const shown = actual ?? null;
    if (error !== undefined) return { ok: false, actual: shown, error: error.replace(/^no field/, 'no result field') };
    if (typeof value !== 'boolean') return { ok: false, actual: shown, error: `expected the expectation to be true or false, got ${JSON.stringify(value)}` };
    return { ok: value, actual: shown };
  }
}
