// Where each point's label goes on a scatter chart: beside the point (right, then left), or
// above or below it (starting at the point, then ending at it, then centred) — the first place
// that overlaps no other label, no point and stays inside the plot; failing that, the place
// that overlaps least. Greedy, in the order given, which is enough for the handful of points a
// comparison has.

export interface PointLabel {
  /** The point, pixels. */
  x: number;
  y: number;
  /** The label's box, pixels. */
  width: number;
  height: number;
}

export interface PlacedLabel {
  /** The label's top-left corner, pixels. */
  left: number;
  top: number;
  side: 'right' | 'left' | 'above' | 'below';
  /** Where along that side: starting at the point, ending at it, or centred on it. */
  align: 'start' | 'end' | 'middle';
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/**
 * Labels for `points` inside `bounds`; `gap` is the space between a point and its label and
 * `radius` the space each point keeps clear (pixels).
 */
export function placeLabels(points: readonly PointLabel[], bounds: Box, gap = 9, radius = 9): PlacedLabel[] {
  const dots: Box[] = points.map((p) => ({ left: p.x - radius, top: p.y - radius, right: p.x + radius, bottom: p.y + radius }));
  const placed: Box[] = [];
  return points.map((p, i) => {
    const above = p.y - gap - p.height;
    const below = p.y + gap;
    const candidates: PlacedLabel[] = [
      { left: p.x + gap, top: p.y - p.height / 2, side: 'right', align: 'middle' },
      { left: p.x - gap - p.width, top: p.y - p.height / 2, side: 'left', align: 'middle' },
      { left: p.x, top: below, side: 'below', align: 'start' },
      { left: p.x, top: above, side: 'above', align: 'start' },
      { left: p.x - p.width, top: below, side: 'below', align: 'end' },
      { left: p.x - p.width, top: above, side: 'above', align: 'end' },
      { left: p.x - p.width / 2, top: above, side: 'above', align: 'middle' },
      { left: p.x - p.width / 2, top: below, side: 'below', align: 'middle' },
    ];
    let best = candidates[0];
    let bestCost = Infinity;
    for (const c of candidates) {
      const box = { left: c.left, top: c.top, right: c.left + p.width, bottom: c.top + p.height };
      const outside = p.width * p.height - overlap(box, bounds);
      const cost = outside * 2 + placed.reduce((s, b) => s + overlap(box, b), 0) + dots.reduce((s, d, j) => s + (j === i ? 0 : overlap(box, d)), 0);
      if (cost < bestCost) {
        best = c;
        bestCost = cost;
      }
      if (cost === 0) break;
    }
    placed.push({ left: best.left, top: best.top, right: best.left + p.width, bottom: best.top + p.height });
    return best;
  });
}
