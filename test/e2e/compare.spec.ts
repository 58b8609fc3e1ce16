// The compare view: every strategy of a catalog scenario on one seed, and its numbers equal
// `compare()` run in Node on the same YAML and seed (what `rollout-lab compare` prints).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { compare } from '../../src/scenario/compare.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { bestCells, COMPARE_COLUMNS } from '../../src/ui/lib/compare-table.ts';
import { formatMultiplier, formatPercent } from '../../src/ui/lib/format.ts';
import { strategyWords } from '../../src/ui/lib/strategy-words.ts';
import { catalog, overflows, watchConsole } from './lab.ts';

const NAME = 'four-strategies-compared';

function compareInNode(seed?: number) {
  const entry = catalog().find((l) => l.name === NAME);
  if (!entry) throw new Error(`${NAME} is not in the catalog`);
  const loaded = loadScenario(entry.text, { file: entry.file });
  if (!loaded.ok) throw new Error(`${entry.file} does not load`);
  return { scenario: loaded.scenario, comparison: compare(loaded.scenario, seed === undefined ? {} : { seed }) };
}

test(`${NAME}: every strategy, with the numbers compare() gives in Node`, async ({ page }) => {
  const errors = watchConsole(page);
  const { scenario, comparison } = compareInNode();
  await page.goto(`./#/compare/${NAME}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Compare strategies: ${scenario.title}`);
  const table = page.getByRole('table');
  await expect(table).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('same fleet (20 instances), the same traffic, the same faults and the same seed (21)')).toBeVisible();
  await expect(table).toContainText('Lower is better in every column');

  // All four strategies, in the table and as small multiples.
  expect(comparison.runs.map((r) => r.strategy).sort()).toEqual(['blue-green', 'canary', 'recreate', 'rolling']);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(comparison.runs.length);
  for (const name of ['Recreate', 'Rolling update', 'Blue-green', 'Canary']) {
    await expect(table.getByRole('rowheader', { name })).toBeVisible();
  }
  await expect(page.locator('.multiples figure svg path').first()).toBeVisible();
  await expect(page.locator('.multiples figure')).toHaveCount(comparison.runs.length);

  // Cost against risk: one point per strategy, named with its numbers.
  const costRisk = page.getByTestId('cost-risk');
  await expect(costRisk).toContainText('Lower left is cheaper and safer');
  await expect(costRisk.getByRole('img')).toHaveCount(comparison.runs.length);
  for (const run of comparison.runs) {
    const point = costRisk.getByRole('img', { name: new RegExp(`^${strategyWords(run.strategy)}: extra infra cost`) });
    await expect(point).toBeVisible();
    const name = (await point.getAttribute('aria-label')) ?? '';
    expect(name).toContain(formatPercent(run.summary.infraCost.extraFraction));
    expect(name).toContain(formatMultiplier(run.summary.infraCost.peakMultiplier));
    expect(name).toContain(`${formatPercent(run.summary.blastRadius.affectedRequestsFraction)} of requests hurt`);
    expect(name).toContain(run.summary.downtimeS > 0 ? 'of downtime' : 'no downtime');
  }

  // Every number equals Node's, and the best of each column is marked.
  const best = bestCells(comparison.runs.map((r) => r.summary));
  for (const [r, run] of comparison.runs.entries()) {
    const row = rows.nth(r);
    await expect(row).toHaveAttribute('data-label', run.label);
    for (const [c, col] of COMPARE_COLUMNS.entries()) {
      const v = col.value(run.summary);
      const cell = row.getByTestId(`cell-${col.id}`);
      await expect(cell, `${run.label} ${col.id}`).toHaveAttribute('data-value', v === null ? '' : String(v));
      await expect(cell).toContainText(v === null ? col.missing : col.format(v));
      if (best[r][c]) await expect(cell).toContainText('(best)');
      else await expect(cell).not.toContainText('(best)');
    }
  }
  expect(best.some((row) => row.some(Boolean)), 'some column has a best value').toBe(true);
  expect(await overflows(page), 'fits 1280×720').toEqual([]);
  await page.screenshot({ path: 'test-results/compare-view.png' });

  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a seed in the address reruns every strategy on that seed', async ({ page }) => {
  const { comparison } = compareInNode(5);
  await page.goto(`./#/compare/${NAME}?seed=5`);
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(comparison.runs.length, { timeout: 20_000 });
  for (const [r, run] of comparison.runs.entries()) {
    await expect(rows.nth(r).getByTestId('cell-affected-requests')).toHaveAttribute('data-value', String(run.summary.blastRadius.affectedRequests));
  }
});

test('the home page and the player link to the compare view', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.getByRole('link', { name: 'Compare strategies side by side' }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare/${NAME}$`));
  await expect(page.getByRole('table')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Open this scenario in the player' }).click();
  await expect(page.getByTestId('event-counter')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Compare strategies on this scenario' }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare/${NAME}$`));
  await expect(page.getByRole('table')).toBeVisible({ timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('an unknown scenario has no compare view', async ({ page }) => {
  await page.goto('./#/compare/no-such-scenario');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nothing here');
});
