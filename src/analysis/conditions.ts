// Argo Rollouts' successCondition / failureCondition: what names a condition may read, and how
// the two conditions make one measurement phase (AR utils/evaluate/evaluate.go EvaluateResult).
import { Expression, ExpressionSyntaxError } from './expression.ts';

/** Names a condition can read: the canary's value, the baseline's, and `result` (= canary, as Argo names it). */
export const CONDITION_NAMES: readonly string[] = ['canary', 'baseline', 'result'];

export interface ConditionScope {
  canary: number;
  baseline: number | null;
  result: number;
}

/** Why `text` is not a usable condition, or null when it is. */
export function conditionIssue(text: string): string | null {
  let expression: Expression;
  try {
    expression = Expression.parse(text);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return e.message;
    throw e;
  }
  for (const root of expression.roots) {
    if (!CONDITION_NAMES.includes(root)) return `"${text}" reads "${root}"; a condition can read ${CONDITION_NAMES.join(', ')}`;
  }
  return null;
}

export type ConditionPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';

/**
 * One measurement's phase from its conditions, as Argo decides it:
 * - no condition: Successful;
 * - only successCondition: Failed when it is false;
 * - only failureCondition: Successful when it is false;
 * - both: Failed when failureCondition holds, Successful when only successCondition does,
 *   Inconclusive when neither does;
 * - a condition that does not evaluate to true/false: Error, with the message.
 */
export function evaluateConditions(
  success: Expression | null,
  failure: Expression | null,
  scope: ConditionScope,
): { phase: ConditionPhase; message?: string } {
  const run = (e: Expression): boolean | string => {
    const { value, error } = e.evaluate(scope);
    if (error !== undefined) return `${e.text}: ${error}`;
    if (typeof value !== 'boolean') return `${e.text}: expected true or false, got ${JSON.stringify(value)}`;
    return value;
  };
  let succeeded = false;
  let failed = false;
  if (success) {
    const v = run(success);
    if (typeof v === 'string') return { phase: 'Error', message: v };
    succeeded = v;
  }
  if (failure) {
    const v = run(failure);
    if (typeof v === 'string') return { phase: 'Error', message: v };
    failed = v;
  }
  if (!success && !failure) return { phase: 'Successful' };
  if (success && !failure) failed = !succeeded;
  if (!success && failure) succeeded = !failed;
  if (failed) return { phase: 'Failed' };
  return succeeded ? { phase: 'Successful' } : { phase: 'Inconclusive' };
}
