// Issue 8: the median time from a control's input to updated outcome cards in the lab, for
// every catalog scenario (target < 300 ms). Changes the seed five times per scenario (every
// scenario has one, and a new seed reruns everything) and reads the page's own input-to-update
// log. Run by `npm run bench` (bench/run.mjs parses the JSON lines) or `npm run bench:ui`.
import { expect, test } from '@playwright/test';
import { catalog } from './lab.ts';

const TARGET_MS = 300;
const CHANGES = 5;

for (const { name } of catalog()) {
  test(`lab input to update: ${name}`, async ({ page }) => {
    await page.goto(`./#/lab/${name}`);
    const status = page.getByTestId('lab-status');
    await expect(page.getByTestId('lab-outcome')).toBeVisible({ timeout: 30_000 });
    await expect(status).toHaveAttribute('data-stale', 'false');
    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    const first = Number(await seed.inputValue());
    for (let k = 1; k <= CHANGES; k++) {
      await seed.fill(String(first + k));
      await seed.press('Enter');
      await page.waitForFunction((n) => ((window as unknown as { __labUpdates?: number[] }).__labUpdates ?? []).length >= n, k, { timeout: 30_000 });
    }
    const times = await page.evaluate(() => (window as unknown as { __labUpdates: number[] }).__labUpdates.slice());
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      JSON.stringify({
        name: `lab input→update: ${name}`,
        result: `${median.toFixed(0)} ms`,
        target: `< ${TARGET_MS} ms ${median < TARGET_MS ? '✓' : '✗'}`,
        notes: `median of ${times.length} seed changes in Chromium (${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
      }),
    );
  });
}
