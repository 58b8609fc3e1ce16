// Cell colours of the power tables: white at 0, a light tint at full, light enough at every
// step that the cell's dark text keeps a contrast above 7:1 (WCAG AAA). Detection is blue
// (more is better), false rollbacks vermillion (more is worse), both from Okabe–Ito.
import { interpolateLab } from 'd3';

/** The tint at full strength for each table; at 0 the cell is white. */
export const HEAT_TINTS = { detection: '#8fc1e3', falseRollback: '#f2b38c' } as const;

/**
 * The rate that gets the full tint: detection spans 0–100%, but a release thrown away one
 * time in four is already as bad as it gets, so false rollbacks saturate at 25%.
 */
export const HEAT_FULL = { detection: 1, falseRollback: 0.25 } as const;

export type HeatKind = keyof typeof HEAT_TINTS;

/** The cell colour for a rate 0–1. */
export function heatColour(rate: number, kind: HeatKind): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(rate) ? rate / HEAT_FULL[kind] : 0));
  return interpolateLab('#ffffff', HEAT_TINTS[kind])(t);
}
