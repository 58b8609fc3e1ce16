// The power panel's words: the effect, so a caption reads "v2 fails an extra 0.5% of its
// requests" rather than `error-rate=0.005`, and a cell's rate with its interval. Pure.
import type { Effect } from '../../scenario/power.ts';
import type { Rate } from '../../scenario/sweep-stats.ts';
import { formatNumber, formatPercent } from './format.ts';

/** What the candidate does wrong, after its name: "fails an extra 0.5% of its requests". */
export function effectWords(effect: Effect): string {
  if (effect.kind === 'error-rate') return `fails an extra ${formatNumber(effect.value * 100, 3)}% of its requests`;
  const slower = `${formatNumber((effect.value - 1) * 100, 3)}%`;
  if (effect.value < 1) return effect.kind === 'latency' ? `is ${formatNumber((1 - effect.value) * 100, 3)}% faster on every request` : `is ${formatNumber((1 - effect.value) * 100, 3)}% faster in its slowest requests`;
  return effect.kind === 'latency' ? `is ${slower} slower on every request` : `is ${slower} slower in its slowest requests (the median unchanged)`;
}

/** The effect as a short label: "+0.5 points of errors", "+20% latency", "+50% tail latency". */
export function effectLabel(effect: Effect): string {
  if (effect.kind === 'error-rate') return `+${formatNumber(effect.value * 100, 3)} ${effect.value === 0.01 ? 'point' : 'points'} of errors`;
  const pct = formatNumber((effect.value - 1) * 100, 3);
  const signed = effect.value >= 1 ? `+${pct}` : pct;
  return effect.kind === 'latency' ? `${signed}% latency` : `${signed}% tail latency`;
}

/** A rate's 95% interval, short for a table cell: "84–99%". */
export function intervalText(r: Rate): string {
  return `${formatPercent(r.low, 2).replace('%', '')}–${formatPercent(r.high, 2)}`;
}

/** The cell's tooltip: the counts, the interval in full, and what the interval means. */
export function rateTitle(r: Rate, what: string): string {
  return `${what} in ${r.count} of ${r.n} runs (${formatPercent(r.value)}). 95% confidence interval ${formatPercent(r.low, 4)}–${formatPercent(r.high, 4)} (Wilson): with this many runs, the true chance is very likely in that range.`;
}
