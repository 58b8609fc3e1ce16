// The remainder of Stirling's formula for ln k!, which Hörmann's Poisson (PTRS) and
// binomial (BTRD) samplers need in their exact acceptance tests.

// fc(k) for k = 0…9, from ln k! directly (the series below is not accurate enough there).
// Values as tabulated by W. Hörmann, "The generation of binomial random variates",
// J. Statist. Comput. Simul. 46 (1993), 101–110.
const SMALL = [
  0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
  0.01664469118982119, 0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
  0.009255462182712733, 0.008330563433362871,
];

/**
 * fc(k) = ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π], for integers k ≥ 0.
 *
 * For k ≥ 10 the asymptotic series 1/12x − 1/360x³ + 1/1260x⁵ in x = k + 1, whose
 * first omitted term, 1/1680x⁷, is below 4e-11 at k = 10 and falls as k⁻⁷.
 */
export function stirlingCorrection(k: number): number {
  if (k < 10) return SMALL[k];
  const x = 1 / (k + 1);
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - x2 / 1260) * x2) * x;
}
