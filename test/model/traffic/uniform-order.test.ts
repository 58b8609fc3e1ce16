// Tests for the linear-time ordering of uniform values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uniformOrder } from '../../../src/model/traffic/uniform-order.ts';

/** The same order by a comparison sort, ties by index. */
const reference = (values: ArrayLike<number>) =>
  Array.from(values, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);

describe('uniformOrder', () => {
  it('orders indices by value, ties in index order', () => {
    const values = Float64Array.from([0.5, 0.1, 0.5, 0, 0.9999999999, 0.1, 0.25]);
    expect(Array.from(uniformOrder(values))).toEqual([3, 1, 5, 6, 0, 2, 4]);
  });

  it('agrees with a comparison sort on any values in [0, 1), crowded or spread', () => {
    const value = fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(0, 0.5, 0.25));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (list) => {
        expect(Array.from(uniformOrder(Float64Array.from(list)))).toEqual(reference(list));
      }),
    );
  });

  it('still sorts values outside [0, 1), only more slowly', () => {
    const values = Float64Array.from([1.5, -2, 0.3, 1, -0.1]);
    expect(Array.from(uniformOrder(values))).toEqual(reference(values));
  });

  it('handles no values', () => {
    expect(uniformOrder(new Float64Array(0)).length).toBe(0);
  });
});
