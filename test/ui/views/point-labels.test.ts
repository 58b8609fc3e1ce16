import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../src/ui/views/point-labels.ts';

const bounds = { left: 0, top: 0, right: 300, bottom: 200 };

describe('placeLabels', () => {
  it('puts a lone label to the right of its point', () => {
    expect(placeLabels([{ x: 50, y: 100, width: 60, height: 20 }], bounds)).toEqual([{ left: 59, top: 90, side: 'right', align: 'middle' }]);
  });

  it('puts a label on the left when the right would leave the plot', () => {
    expect(placeLabels([{ x: 290, y: 100, width: 60, height: 20 }], bounds)[0].side).toBe('left');
  });

  it('puts a label under its point, starting at it, when neither side has room (a point on the y axis)', () => {
    const [, b] = placeLabels(
      [
        { x: 0, y: 20, width: 110, height: 26 },
        { x: 15, y: 38, width: 96, height: 26 },
      ],
      bounds,
    );
    expect(b).toEqual({ left: 15, top: 47, side: 'below', align: 'start' });
  });

  it('moves a label off one already placed', () => {
    const [a, b] = placeLabels(
      [
        { x: 50, y: 100, width: 60, height: 20 },
        { x: 52, y: 104, width: 60, height: 20 },
      ],
      bounds,
    );
    const boxA = { l: a.left, r: a.left + 60, t: a.top, b: a.top + 20 };
    const boxB = { l: b.left, r: b.left + 60, t: b.top, b: b.top + 20 };
    const overlaps = boxA.l < boxB.r && boxB.l < boxA.r && boxA.t < boxB.b && boxB.t < boxA.b;
    expect(overlaps).toBe(false);
  });
});
