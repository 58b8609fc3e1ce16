// The detection power page: set a small grid with the keyboard alone, watch the progress, and
// read tables whose every count equals the same computation in Node (what `rollout-lab power`
// prints for that plan).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { loadScenario } from '../../src/scenario/load.ts';
import { parseEffect } from '../../src/scenario/power.ts';
import { powerPlan } from '../../src/scenario/power-plan.ts';
import { runPower } from '../../src/scenario/power-run.ts';
import { formatDuration, formatPercent } from '../../src/ui/lib/format.ts';
import { intervalText, rateTitle } from '../../src/ui/lib/power-words.ts';
import { catalog, overflows, watchConsole } from './lab.ts';

const NAME = 'automated-canary-analysis';
/** Small enough to finish in seconds: 2 weights × 2 holds × 10 seeds × with/without = 80 runs. */
const SMALL = { size: '0.1', weights: '1, 5', holds: '2m, 10m', seeds: '10' };

function powerInNode() {
  const entry = catalog().find((l) => l.name === NAME);
  if (!entry) throw new Error(`${NAME} is not in the catalog`);
  const loaded = loadScenario(entry.text, { file: entry.file });
  if (!loaded.ok) throw new Error(`${entry.file} does not load`);
  const plan = powerPlan(loaded.scenario, { effect: parseEffect('error-rate=0.001'), weights: [1, 5], holdsS: [120, 600], seeds: 10 });
  if (!plan) throw new Error(`${NAME} has no analysis template`);
  return { scenario: loaded.scenario, result: runPower(loaded.scenario, plan) };
}

/** Tabs (or Shift+Tabs) until the control labelled `label` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, label: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : (el?.textContent ?? '');
    });
    if (focused.trim().startsWith(label)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached "${label}"`);
}

/** Replaces a text field's value by keyboard. */
async function typeInto(page: Page, label: string, value: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  await tabTo(page, label, key);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
}


test(`${NAME}: detection power by keyboard, with the numbers Node computes`, async ({ page }) => {
  const errors = watchConsole(page);
  const { scenario, result } = powerInNode();
  await page.goto(`./#/power/${NAME}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Detection power: ${scenario.title}`);

  // The form starts from the scenario: its own regression (+1 point of errors) and canary step (5%, 10 min).
  await expect(page.getByLabel('Regression')).toHaveValue('error-rate');
  await expect(page.getByLabel(/^Size/)).toHaveValue('1');
  await expect(page.getByLabel('Canary weights (%)')).toHaveValue('1, 5, 10, 25');
  await expect(page.getByLabel('Hold times')).toHaveValue('5m, 10m, 30m, 1h');
  await expect(page.getByLabel('Runs per cell')).toHaveValue('40');

  // A bad value is named at its field, and focus goes there.
  await typeInto(page, 'Hold times', '2m, soon');
  await page.keyboard.press('Enter');
  await expect(page.getByText('“soon” is not a hold time.')).toBeVisible();
  await expect(page.getByLabel('Hold times')).toBeFocused();
  await expect(page.getByLabel('Hold times')).toHaveAttribute('aria-invalid', 'true');

  // A small grid, started and cancelled with the keyboard.
  await typeInto(page, 'Hold times', SMALL.holds);
  await typeInto(page, 'Size', SMALL.size, 'Shift+Tab');
  await typeInto(page, 'Canary weights', SMALL.weights);
  await typeInto(page, 'Runs per cell', SMALL.seeds);
  await expect(page.getByText('“soon” is not a hold time.')).toHaveCount(0);
  await expect(page.getByText('80 runs', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  const progress = page.getByRole('progressbar', { name: 'Computing' });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('power-progress')).toHaveText(/^\d+ of 80 runs/);
  await tabTo(page, 'Cancel');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Cancelled. Press Compute to start again.');
  await expect(progress).toBeHidden();

  // Again, to the end.
  await tabTo(page, 'Compute');
  await page.keyboard.press('Enter');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('power-progress')).toHaveText(/^\d+ of 80 runs/);
  const detection = page.getByTestId('power-detection');
  await expect(detection).toBeVisible({ timeout: 30_000 });
  await expect(progress).toBeHidden();
  await expect(detection.locator('caption')).toContainText('out of 10 runs where v2 fails an extra 0.1% of its requests (+0.1 points of errors), how many the analysis rolled back');

  // Every cell's counts equal Node's; its percentage, interval and median delay are the text, and the tooltip says them in full.
  expect(result.cells).toHaveLength(4);
  for (const cell of result.cells) {
    for (const [measure, rate] of [
      ['detection', cell.detection],
      ['falseRollback', cell.falseRollback],
    ] as const) {
      const td = page.getByTestId(`power-${measure}`).locator(`td[data-weight="${cell.weight}"][data-hold="${cell.holdS}"]`);
      await expect(td, `${measure} at ${cell.weight}% for ${cell.holdS} s`).toHaveAttribute('data-count', String(rate.count));
      await expect(td).toHaveAttribute('data-n', '10');
      await expect(td.locator('.value')).toHaveText(formatPercent(rate.value));
      await expect(td).toContainText(intervalText(rate));
      await expect(td).toHaveAttribute('title', rateTitle(rate, measure === 'detection' ? 'Caught' : 'Rolled back without the regression'));
      if (measure === 'detection') {
        const p50 = cell.detectionDelayS.p50;
        await expect(td).toContainText(p50 === null ? 'never caught' : `after ${formatDuration(p50)}`);
      }
    }
  }
  // The scenario's own step (5%, 10 min) is in the grid and outlined.
  await expect(detection.locator('td.own')).toHaveAttribute('data-weight', '5');
  await expect(detection.locator('td.own')).toHaveAttribute('data-hold', '600');
  expect(await overflows(page), 'fits 1280×720').toEqual([]);
  await page.screenshot({ path: 'test-results/power-panel.png' });

  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the compare page links to detection power, and back', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./#/compare/four-strategies-compared');
  await page.getByRole('link', { name: 'Detection power' }).click();
  await expect(page).toHaveURL(/#\/power\/four-strategies-compared$/);
  await expect(page.getByRole('button', { name: 'Compute' })).toBeVisible();
  await page.getByRole('link', { name: 'Compare strategies' }).click();
  await expect(page).toHaveURL(/#\/compare\/four-strategies-compared$/);
  expect(errors).toEqual([]);
});

test('a scenario without an analysis template says there is nothing to judge with', async ({ page }) => {
  await page.goto('./#/power/blue-green-in-detail');
  await expect(page.getByRole('note')).toContainText('This scenario has no analysis template');
  await expect(page.getByRole('button', { name: 'Compute' })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
