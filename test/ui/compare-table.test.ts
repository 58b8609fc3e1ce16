import { describe, expect, it } from 'vitest';
import { bestCells, type CompareColumn } from '../../src/ui/lib/compare-table.ts';
import type { Summary } from '../../src/ui/lib/run-types.ts';

const col = (id: string): CompareColumn => ({ id, label: id, note: '', value: (s) => (s as unknown as Record<string, number | null>)[id], format: (v) => v.toFixed(1), missing: '—' });
const rows = (...xs: Record<string, number | null>[]) => xs as unknown as Summary[];

describe('bestCells', () => {
  it('marks the lowest value of each column, ties included', () => {
    expect(bestCells(rows({ a: 3, b: 1 }, { a: 1, b: 1 }, { a: 1, b: 2 }), [col('a'), col('b')])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });
  it('never marks missing values, and marks nothing when every row reads the same', () => {
    expect(bestCells(rows({ a: null, b: 0.01 }, { a: 4, b: 0.04 }), [col('a'), col('b')])).toEqual([
      [false, false],
      [true, false],
    ]);
  });
});
