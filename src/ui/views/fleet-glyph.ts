// How an instance's state looks: fill for ready, an outline while starting, half-filled while
// warming, faded when unready, a slash while terminating, a vermillion cross when crashed.
// The shape carries the state; the colour carries the version.
import type { InstanceState } from '../lib/fleet-replay.ts';
import { ERROR_COLOUR } from '../lib/palette.ts';

/** Short names for the legend and the counts. */
export const STATE_LABELS: Record<InstanceState, string> = {
  pending: 'pending',
  starting: 'starting',
  warming: 'warming up',
  ready: 'ready',
  unready: 'not serving',
  crashed: 'crashed',
  terminating: 'terminating',
};

/** What each state means, for the legend's tooltips. */
export const STATE_WORDS: Record<InstanceState, string> = {
  pending: 'waiting to be scheduled',
  starting: 'booting; gets no requests',
  warming: 'serving, still slower than usual',
  ready: 'in the load balancer, serving',
  unready: 'up, but out of the load balancer (readiness failing or endpoint not yet updated)',
  crashed: 'crashed; waiting out its restart back-off',
  terminating: 'draining its requests before it stops',
};

/** Draws one cell with its top-left corner at (x, y). */
export function drawCell(ctx: CanvasRenderingContext2D, x: number, y: number, size: number, state: InstanceState, colour: string): void {
  const line = size >= 8 ? 1.5 : 1;
  const inset = line / 2;
  ctx.save();
  ctx.lineWidth = line;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  switch (state) {
    case 'ready':
      ctx.fillRect(x, y, size, size);
      break;
    case 'warming':
      ctx.fillRect(x, y + size / 2, size, size / 2);
      ctx.strokeRect(x + inset, y + inset, size - line, size - line);
      break;
    case 'starting':
      ctx.strokeRect(x + inset, y + inset, size - line, size - line);
      break;
    case 'pending':
      ctx.strokeStyle = '#8c959f';
      ctx.setLineDash([2, 2]);
      ctx.strokeRect(x + inset, y + inset, size - line, size - line);
      break;
    case 'unready':
      ctx.globalAlpha = 0.35;
      ctx.fillRect(x, y, size, size);
      ctx.globalAlpha = 1;
      ctx.strokeRect(x + inset, y + inset, size - line, size - line);
      break;
    case 'terminating':
      ctx.globalAlpha = 0.55;
      ctx.strokeRect(x + inset, y + inset, size - line, size - line);
      ctx.beginPath();
      ctx.moveTo(x + inset, y + size - inset);
      ctx.lineTo(x + size - inset, y + inset);
      ctx.stroke();
      break;
    case 'crashed':
      ctx.fillStyle = ERROR_COLOUR;
      ctx.fillRect(x, y, size, size);
      if (size >= 6) {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = Math.max(1, size / 7);
        ctx.beginPath();
        const p = size * 0.25;
        ctx.moveTo(x + p, y + p);
        ctx.lineTo(x + size - p, y + size - p);
        ctx.moveTo(x + p, y + size - p);
        ctx.lineTo(x + size - p, y + p);
        ctx.stroke();
      }
      break;
  }
  ctx.restore();
}
