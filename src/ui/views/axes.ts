// Time-axis ticks for the charts: round steps of simulated time, in seconds for short runs
// and minutes for longer ones (a plain unit reads better on an axis than a clock).
import { formatNumber } from '../lib/format.ts';

const STEPS_S = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300];
const STEPS_MIN = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720, 1440];

export interface TimeAxis {
  ticks: { t: number; label: string }[];
  /** The labels' unit: "s" or "min". */
  unit: 's' | 'min';
}

/** About one tick per `spacing` pixels over 0…end seconds. */
export function timeTicks(end: number, widthPx: number, spacing = 60): TimeAxis {
  const want = Math.max(2, Math.floor(widthPx / spacing));
  const unit = end < 600 ? 's' : 'min';
  const scale = unit === 's' ? 1 : 60;
  const steps = unit === 's' ? STEPS_S : STEPS_MIN;
  const step = (steps.find((s) => end / scale / s <= want) ?? steps[steps.length - 1]) * scale;
  const ticks: TimeAxis['ticks'] = [];
  for (let t = 0; t <= end + 1e-9; t += step) ticks.push({ t, label: formatNumber(t / scale, 4) });
  return { ticks, unit };
}
