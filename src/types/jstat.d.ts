// Ambient types for jstat 1.9.6, which ships no declarations; only the members Rollout Lab calls are typed.
declare module 'jstat' {
  /** The normal distribution helpers on `jStat.normal`. */
  export interface JStatNormal {
    /** Probability density at `x`. */
    pdf(x: number, mean: number, std: number): number;
    /** Cumulative probability P(X ≤ x). */
    cdf(x: number, mean: number, std: number): number;
    /** Quantile: the `x` with P(X ≤ x) = p, for p in (0, 1). */
    inv(p: number, mean: number, std: number): number;
  }

  /** The static `jStat` namespace (the library's main export). */
  export interface JStatStatic {
    normal: JStatNormal;
    /** Error function. */
    erf(x: number): number;
    /** Complementary error function, computed as 1 − erf(x). */
    erfc(x: number): number;
  }

  /** The CommonJS export is an object whose `jStat` property is the namespace. */
  export const jStat: JStatStatic;

  const jstat: { jStat: JStatStatic };
  export default jstat;
}
