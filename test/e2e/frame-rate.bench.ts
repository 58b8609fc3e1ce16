// The player's frame rate with 500 instances (issue 7: ≥ 50 frames/s in headless Chromium):
// plays a rolling update across a 500-instance fleet and counts animation frames for a few
// seconds of wall time. Run with `npm run bench:ui`; prints one line per measurement.
import { expect, test } from '@playwright/test';
import { customHash, fixture, openPlayer } from './lab.ts';

const TARGET_FPS = 50;
const MEASURE_MS = 4000;

test('player frame rate, 500 instances, playing', async ({ page }) => {
  await openPlayer(page, customHash(fixture('fleet-500.yaml')));
  await expect(page.getByTestId('fleet-summary')).toContainText('500 ready');
  // 30 simulated minutes at 300×: the deploy's whole rolling update passes in the window.
  await page.getByRole('combobox', { name: /Playback speed/ }).selectOption('300');
  await page.getByRole('button', { name: 'Play' }).click();
  const stats = await page.evaluate(async (ms) => {
    const frames: number[] = [];
    const start = performance.now();
    await new Promise<void>((done) => {
      const loop = (now: number) => {
        frames.push(now);
        if (now - start < ms) requestAnimationFrame(loop);
        else done();
      };
      requestAnimationFrame(loop);
    });
    const gaps = frames.slice(1).map((f, i) => f - frames[i]).sort((a, b) => a - b);
    const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
    return { fps: (frames.length - 1) / seconds, p95GapMs: gaps[Math.floor(gaps.length * 0.95)], worstGapMs: gaps[gaps.length - 1], frames: frames.length };
  }, MEASURE_MS);
  const clock = await page.getByTestId('clock').textContent();
  console.log(
    JSON.stringify({
      name: 'player frame rate, 500 instances',
      result: `${stats.fps.toFixed(1)} frames/s`,
      target: `≥ ${TARGET_FPS} ${stats.fps >= TARGET_FPS ? '✓' : '✗'}`,
      notes: `headless Chromium; p95 frame gap ${stats.p95GapMs.toFixed(1)} ms, worst ${stats.worstGapMs.toFixed(1)} ms, ${stats.frames} frames; clock ${clock?.replace(/\s+/g, ' ')}`,
    }),
  );
  expect(stats.fps).toBeGreaterThanOrEqual(TARGET_FPS);
});
