// Screenshot baselines: the home page and the player with every view, at two moments of a
// fixed run (the fixture, not the catalog, so catalog edits do not move them). Live numbers
// that vary between machines (how long the worker took) are masked. The home page shows the
// real catalog: a lesson added to the first sections changes it, so update it with the lesson.
// Update after an intended change: npx playwright test test/e2e/screens.spec.ts --update-snapshots=all
// (plain --update-snapshots rewrites only baselines that fail, so changes under the 1% tolerance stay stale).
import { expect, test, type Page } from '@playwright/test';
import { customHash, fixture, openPlayer, runInNode } from './lab.ts';

const CANARY = fixture('screenshot-canary.yaml');

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
}

test('home page', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rollout Lab');
  await settle(page);
  await expect(page).toHaveScreenshot('home.png');
});

test('player at the failed check', async ({ page }) => {
  const { result } = runInNode(CANARY);
  await openPlayer(page, customHash(CANARY));
  const check = result.events.findIndex((e) => e.kind === 'analysis');
  for (let i = 0; i <= check; i++) await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.getByTestId('event-counter')).toHaveText(`Event ${check + 1} of ${result.events.length}`);
  await page.getByRole('button', { name: 'Next event' }).blur();
  await settle(page);
  await expect(page).toHaveScreenshot('player-check.png', { mask: [page.getByTestId('elapsed')] });
});

test('player at the end of the run', async ({ page }) => {
  await openPlayer(page, customHash(CANARY));
  await page.getByRole('slider', { name: 'Simulated time' }).focus();
  await page.keyboard.press('End');
  await page.getByRole('slider', { name: 'Simulated time' }).blur();
  await expect(page.getByRole('region', { name: /^Outcome/ })).toContainText('Final numbers');
  await settle(page);
  await expect(page).toHaveScreenshot('player-end.png', { mask: [page.getByTestId('elapsed')] });
});
