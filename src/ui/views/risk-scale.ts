// The cost-versus-risk chart's y axis. Blast radius often spans orders of magnitude across
// strategies (a canary's 0.003% beside recreate's 3%): then a linear axis flattens the small
// ones onto zero, so the axis turns logarithmic — d3's symlog, linear through zero and
// logarithmic above its constant (Webber, "A bi-symmetric log transformation for wide-range
// data", the transform d3 cites) — and zero keeps a place at the bottom.
import { scaleLinear, scaleSymlog, type ScaleContinuousNumeric } from 'd3';

export interface RiskAxis {
  scale: ScaleContinuousNumeric<number, number>;
  ticks: number[];
  /** Whether the axis is logarithmic above its smallest tick. */
  log: boolean;
}

/** Largest over smallest non-zero value from which the axis turns logarithmic. */
export const LOG_SPAN = 30;

/**
 * An axis for fractions 0–1 drawn over `heightPx` (bottom to top). Logarithmic: ticks at 0
 * and each power of ten from the decade of the smallest non-zero value up to the one above
 * the largest (at most 100%) (every other decade when they would sit closer than `minGapPx`).
 */
export function riskAxis(values: readonly number[], heightPx: number, minGapPx = 18): RiskAxis {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const max = Math.max(0, ...positive);
  const min = Math.min(...positive);
  if (positive.length < 2 || max / min < LOG_SPAN) {
    const scale = scaleLinear()
      .domain([0, max > 0 ? max * 1.15 : 0.01])
      .range([heightPx, 0])
      .nice(4);
    return { scale, ticks: scale.ticks(4), log: false };
  }
  const low = Math.floor(Math.log10(min));
  const high = Math.min(0, Math.floor(Math.log10(max)) + 1);
  // 1e-5 read from text, not 10 ** -5 (which is 0.000009999…), so tick labels come out round.
  const decade = (k: number): number => Number(`1e${k}`);
  // The constant a decade below the smallest: zero then sits about one decade's height under it.
  const constant = decade(low - 1);
  const scale = scaleSymlog()
    .constant(constant)
    .domain([0, decade(high)])
    .range([heightPx, 0]);
  let decades: number[] = [];
  for (let k = low; k <= high; k++) decades.push(decade(k));
  const gap = (heightPx - scale(decades[decades.length - 1])) / decades.length;
  if (gap < minGapPx) decades = decades.filter((_, i) => (decades.length - 1 - i) % 2 === 0);
  return { scale, ticks: [0, ...decades], log: true };
}
