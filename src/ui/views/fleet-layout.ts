// Where each fleet cell goes: one block per replica set (its name on the left, cells wrapping
// to the right), with one cell size for the whole run so cells do not jump as it plays. Pure.

export interface FleetLayout {
  /** Cell edge and pitch (edge + gap), CSS pixels. */
  cell: number;
  pitch: number;
  /** Width of the replica-set name column. */
  labelWidth: number;
  columns: number;
}

const LABEL_WIDTH = 128;

/** The largest cell (3–24 px) that fits `peak` instances in `groups` replica sets in the box. */
export function fleetLayout(width: number, height: number, peak: number, groups: number): FleetLayout {
  const avail = Math.max(10, width - LABEL_WIDTH);
  for (let cell = 24; cell >= 3; cell--) {
    const gap = Math.max(1, Math.round(cell / 5));
    const pitch = cell + gap;
    const columns = Math.max(1, Math.floor((avail + gap) / pitch));
    // Worst case: the peak in one set and a row for each of the others, plus a gap between sets.
    const rows = Math.ceil(Math.max(1, peak) / columns) + Math.max(0, groups - 1);
    const needed = rows * pitch + Math.max(0, groups - 1) * 4;
    if (needed <= height) return { cell, pitch, labelWidth: LABEL_WIDTH, columns };
  }
  const gap = 1;
  return { cell: 3, pitch: 3 + gap, labelWidth: LABEL_WIDTH, columns: Math.max(1, Math.floor((avail + gap) / 4)) };
}
