// The compare view's table: one row per run, one column per outcome measure, and which cells
// hold the best (lowest) value of their column. Pure, so the tests read the same columns.
import type { Summary } from './run-types.ts';
import { formatCount, formatDuration, formatMultiplier, formatPercent } from './format.ts';

export interface CompareColumn {
  id: string;
  /** The column header. */
  label: string;
  /** What the header's abbreviation stands for, or a note on the measure. */
  note: string;
  value(s: Summary): number | null;
  format(v: number): string;
  /** What a missing value means ("no rollback"). */
  missing: string;
}

export const COMPARE_COLUMNS: readonly CompareColumn[] = [
  { id: 'downtime', label: 'Downtime', note: 'time with the service down', value: (s) => s.downtimeS, format: formatDuration, missing: '—' },
  { id: 'affected-requests', label: 'Affected requests', note: 'blast radius: requests that failed because of the release', value: (s) => s.blastRadius.affectedRequests, format: formatCount, missing: '—' },
  { id: 'affected-fraction', label: 'Share of requests', note: 'blast radius: affected requests as a share of all requests', value: (s) => s.blastRadius.affectedRequestsFraction, format: (v) => formatPercent(v), missing: '—' },
  { id: 'affected-users', label: 'Affected users', note: 'blast radius: users who saw at least one failure', value: (s) => s.blastRadius.affectedUsers, format: formatCount, missing: '—' },
  { id: 'extra-cost', label: 'Extra infra cost', note: 'instance-hours beyond the steady fleet, as a share of it', value: (s) => s.infraCost.extraFraction, format: (v) => `+${formatPercent(v)}`, missing: '—' },
  { id: 'peak-multiplier', label: 'Peak fleet', note: 'most instances at once, as a multiple of the steady fleet', value: (s) => s.infraCost.peakMultiplier, format: formatMultiplier, missing: '—' },
  { id: 'rollback', label: 'Rollback time', note: 'from the rollback decision to every request on the old version', value: (s) => s.rollback.timeToRestoreS, format: formatDuration, missing: 'no rollback' },
  { id: 'rollout', label: 'Rollout duration', note: 'from the deploy to the new version taking all traffic', value: (s) => s.rolloutDurationS, format: formatDuration, missing: 'not finished' },
  { id: 'error-budget', label: 'Error budget spent', note: "share of the SLO window's error budget", value: (s) => s.errorBudgetSpent, format: (v) => formatPercent(v), missing: '—' },
];

/**
 * For each column, whether each row holds its best (lowest) value. Missing values are never
 * best. Ties are judged on the value as the table writes it (two cells that read "0.104%" tie),
 * and a column where every row reads the same marks nothing (there is no best to point at).
 */
export function bestCells(summaries: readonly Summary[], columns: readonly CompareColumn[] = COMPARE_COLUMNS): boolean[][] {
  const marks = summaries.map(() => columns.map(() => false));
  columns.forEach((col, c) => {
    const values = summaries.map((s) => col.value(s));
    const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (present.length === 0) return;
    const shown = col.format(Math.min(...present));
    const isBest = values.map((v) => v !== null && Number.isFinite(v) && col.format(v) === shown);
    if (isBest.every(Boolean)) return;
    isBest.forEach((b, r) => {
      marks[r][c] = b;
    });
  });
  return marks;
}
