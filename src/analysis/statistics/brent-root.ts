// Brent's bracketing root finder (Brent 1973 "zeroin"), step for step as R's uniroot and Kayenta's KayentaBrentSolver run it.

/** Absolute tolerance R's wilcox.test and Kayenta pass to the root finder. */
export const WILCOX_ROOT_TOLERANCE = 1e-4;
/** Iteration cap Kayenta uses (1000 + 1 passes of the loop). */
export const WILCOX_ROOT_MAX_ITERATIONS = 1001;

/**
 * A zero of `f` in [a, b] given f(a) and f(b) of opposite signs (or one of them 0).
 *
 * This is the classic zeroin: keep a bracket [b, c] with the best guess b, try inverse
 * quadratic (or secant) interpolation, fall back to bisection when the step is poor, and
 * never step less than the tolerance. It follows kayenta-mannwhitney KayentaBrentSolver.java
 * (itself a transcription of R's zeroin.c) operation by operation, so that on the rank
 * statistic, a step function, it stops at the same point as Kayenta, within
 * `2·ε·|b| + tolerance/2` of the jump and on whichever side the iterations happen to end.
 *
 * Returns the last iterate if the cap is reached, as Kayenta does.
 */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  fa: number,
  fb: number,
  tolerance = WILCOX_ROOT_TOLERANCE,
  maxIterations = WILCOX_ROOT_MAX_ITERATIONS,
): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      // Make b the best approximation; a and c both take the old b.
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    let newStep = (c - b) / 2;
    // commons-math Precision.equals(fb, 0) allows one ulp, i.e. ±Number.MIN_VALUE.
    if (Math.abs(newStep) <= tolAct || Math.abs(fb) <= Number.MIN_VALUE) return b;

    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        // Only two distinct points: secant step.
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        // Inverse quadratic interpolation through a, b and c.
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Accept the interpolated step only if it lands well inside the bracket and shrinks.
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;

    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
