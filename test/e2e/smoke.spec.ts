import { expect, test } from '@playwright/test';

test('the built lab loads and shows the project name without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rollout Lab');
  await expect(page.getByRole('heading', { name: 'The four strategies' })).toBeVisible();
  expect(errors).toEqual([]);
});
