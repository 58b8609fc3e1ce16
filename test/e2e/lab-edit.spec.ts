// The architects' lab: a control moved with the keyboard reruns the scenario; the numbers are
// those of `simulate()` on the YAML the lab shows; the YAML downloads and the CLI runs it to
// the same numbers; the address reproduces the run in a fresh page; a damaged link and bad
// YAML each say what is wrong.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare } from '../../src/scenario/compare.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import type { RunResult } from '../../src/scenario/run-result.ts';
import { bestCells, COMPARE_COLUMNS } from '../../src/ui/lib/compare-table.ts';
import { encodeLabState } from '../../src/ui/lab/lab-link.ts';
import { resultsJson } from '../../src/ui/lib/export.ts';
import { overflows, runInNode, watchConsole } from './lab.ts';

const NAME = 'canary-in-detail';

test.beforeAll(() => {
  // The CLI the user would run; `npm ci` builds it, this keeps the test independent of that.
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
});

/** The card values the lab shows, keyed by card. */
async function cards(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ['outcome-blast-radius', 'outcome-infra-cost', 'outcome-rollback', 'outcome-downtime', 'outcome-error-budget']) {
    out[id] = (await page.getByTestId(id).getAttribute('data-value')) ?? '';
  }
  return out;
}

/** The same card values from a run's results. */
function cardsOf(result: RunResult): Record<string, string> {
  const s = result.summary;
  return {
    'outcome-blast-radius': String(s.blastRadius.affectedRequests),
    'outcome-infra-cost': String(s.infraCost.instanceHours),
    'outcome-rollback': s.rollback.timeToRestoreS === null ? '' : String(s.rollback.timeToRestoreS),
    'outcome-downtime': String(s.downtimeS),
    'outcome-error-budget': String(s.errorBudgetSpent),
  };
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('lab-outcome')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('lab-status')).toHaveAttribute('data-stale', 'false', { timeout: 20_000 });
  await expect(page.getByTestId('lab-status')).toContainText('Ran in');
}

async function yamlText(page: Page): Promise<string> {
  return page.getByTestId('yaml').inputValue();
}

test('controls rerun the scenario; the numbers, the link and the downloaded YAML all agree', async ({ page, browser }) => {
  const errors = watchConsole(page);
  await page.goto(`./#/lab/${NAME}`);
  await settled(page);
  const original = await yamlText(page);
  expect(await cards(page)).toEqual(cardsOf(runInNode(original).result));

  // Keyboard only: Tab to the "Instances" box, type, Enter; then pick a regression from the keyboard.
  const instances = page.getByRole('spinbutton', { name: 'Instances' });
  await page.getByRole('spinbutton', { name: 'Seed' }).focus();
  await page.keyboard.press('Tab');
  await expect(instances).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('yaml')).toHaveValue(/replicas: 40\n/);
  await settled(page);
  await expect(page.getByTestId('outcome-infra-cost')).not.toHaveAttribute('data-value', cardsOf(runInNode(original).result)['outcome-infra-cost']);

  const regression = page.getByRole('combobox', { name: 'Injected regression' });
  await regression.focus();
  await regression.selectOption('error-rate');
  await settled(page);
  await expect(page.getByTestId('lab-outcome')).toHaveAttribute('data-outcome', 'rolled-back');
  const edited = await yamlText(page);
  const inNode = runInNode(edited, `${NAME}.yaml`);
  expect(inNode.scenario.fleet.replicas).toBe(40);
  expect(await cards(page)).toEqual(cardsOf(inNode.result));

  // The downloaded YAML is the text on screen, and the CLI runs it to the same numbers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download YAML' }).click()]);
  expect(download.suggestedFilename()).toBe(`${NAME}.yaml`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-yaml-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, ['bin/rollout-lab.js', 'run', file, '--format', 'json'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      // Exit 1: the catalog's expectations (a healthy promotion) no longer hold — expected here.
      stdout = (e as { stdout: string }).stdout;
    }
    const fromCli = JSON.parse(stdout) as RunResult;
    expect(cardsOf(fromCli)).toEqual(await cards(page));
    expect(fromCli.summary).toEqual(inNode.result.summary);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The address holds the whole state: a fresh page (no shared storage) shows the same run.
  await page.waitForFunction(() => location.hash.startsWith('#/lab/s/'));
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Link copied|Copy the address/ })).toBeVisible();
  const link = page.url();
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto(link);
  await settled(fresh);
  expect(await yamlText(fresh)).toBe(edited);
  expect(await cards(fresh)).toEqual(await cards(page));
  await context.close();

  // The lab's own downloads: the JSON is the run of the text on screen, byte for byte the CLI's.
  await page.getByRole('button', { name: "Download this run's data", exact: true }).click();
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the JSON of the results', exact: true }).click()]);
  expect(readFileSync(await json.path(), 'utf8')).toBe(resultsJson(inNode.result));
  await page.getByRole('button', { name: 'Download the traffic mix chart', exact: true }).click();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the traffic mix chart as PNG', exact: true }).click()]);
  expect([...readFileSync(await png.path()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(await overflows(page).then((o) => o.filter((x) => x.includes('sideways')))).toEqual([]);
  expect(errors).toEqual([]);
});

test('the compare tab runs every strategy on the edited scenario, as compare() does', async ({ page }) => {
  await page.goto(`./#/lab/four-strategies-compared`);
  await settled(page);
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  await seed.fill('7');
  await seed.press('Enter');
  await settled(page);
  await page.getByRole('tab', { name: 'All strategies' }).click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('lab-status')).toHaveAttribute('data-stale', 'false');
  const loaded = loadScenario(await yamlText(page), { file: 'four-strategies-compared.yaml' });
  if (!loaded.ok) throw new Error('the lab’s YAML does not load');
  expect(loaded.scenario.seed).toBe(7);
  const comparison = compare(loaded.scenario);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(comparison.runs.length);
  const best = bestCells(comparison.runs.map((r) => r.summary));
  for (const [r, run] of comparison.runs.entries()) {
    for (const [c, col] of COMPARE_COLUMNS.entries()) {
      const v = col.value(run.summary);
      await expect(rows.nth(r).getByTestId(`cell-${col.id}`)).toHaveAttribute('data-value', v === null ? '' : String(v));
      if (best[r][c]) await expect(rows.nth(r).getByTestId(`cell-${col.id}`)).toContainText('(best)');
    }
  }
  // The variants go into the YAML's compare: list, and the table follows compare() on it.
  await page.getByRole('button', { name: /Add the variants/ }).click();
  await expect(rows).toHaveCount(6, { timeout: 20_000 });
  await expect(page.getByTestId('lab-status')).toHaveAttribute('data-stale', 'false', { timeout: 20_000 });
  for (const name of ['Blue-green through a mesh', 'Blue-green through DNS', 'Canary with a traffic router', 'Canary without a traffic router']) {
    await expect(table.getByRole('rowheader', { name })).toBeVisible();
  }
  const withVariants = loadScenario(await yamlText(page), { file: 'four-strategies-compared.yaml' });
  if (!withVariants.ok) throw new Error('the YAML with variants does not load');
  const six = compare(withVariants.scenario);
  for (const [r, run] of six.runs.entries()) {
    await expect(rows.nth(r)).toHaveAttribute('data-label', run.label);
    await expect(rows.nth(r).getByTestId('cell-affected-requests')).toHaveAttribute('data-value', String(run.summary.blastRadius.affectedRequests));
  }

  // The view is part of the link.
  await page.waitForFunction(() => location.hash.startsWith('#/lab/s/'));
  const again = await page.context().newPage();
  await again.goto(page.url());
  await expect(again.getByRole('tab', { name: 'All strategies' })).toHaveAttribute('aria-selected', 'true');
  await expect(again.getByTestId('compare-table')).toBeVisible({ timeout: 20_000 });
});

test('YAML with a mistake shows the loader’s message on its line, and the views wait for a fix', async ({ page }) => {
  await page.goto(`./#/lab/${NAME}`);
  await settled(page);
  const yaml = page.getByTestId('yaml');
  const text = await yaml.inputValue();
  await yaml.fill(text.replace('replicas: 100', 'replicas: -3'));
  const problems = page.getByTestId('yaml-problems');
  await expect(problems).toContainText(`${NAME}.yaml:14:13: fleet.replicas:`, { timeout: 5_000 });
  await expect(yaml).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('spinbutton', { name: 'Instances' })).toBeDisabled();
  // The message is a button that puts the cursor on the line.
  await problems.getByRole('button').first().click();
  await expect(yaml).toBeFocused();
  const caret = await yaml.evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length);
  expect(caret).toBe(14);
  await yaml.fill(text.replace('replicas: 100', 'replicas: 30'));
  await expect(problems).toContainText('The scenario loads');
  await settled(page);
  expect(await cards(page)).toEqual(cardsOf(runInNode(await yamlText(page)).result));
});

test('a damaged link says so instead of opening a broken page', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(`./#/lab/${NAME}`);
  await settled(page);
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('9');
  await page.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/lab/s/'));
  const link = page.url();
  const cut = link.slice(0, link.length - 12);
  const fresh = await page.context().newPage();
  await fresh.goto(cut);
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText('This link does not open');
  await expect(fresh.getByTestId('link-error')).toContainText('This link is damaged');
  await fresh.goto(link.replace(/#\/lab\/s\/.*/, '#/lab/s/%%%not-a-link'));
  await expect(fresh.getByTestId('link-error')).toContainText('This link is damaged');
  // A link that decodes but whose YAML does not validate opens the lab on the loader's messages.
  const broken = encodeLabState({ text: 'name: x\nfleet: { replicas: -1 }\n', view: 'run' });
  await fresh.goto(link.replace(/#\/lab\/.*/, `#/lab/s/${broken}`));
  await expect(fresh.getByTestId('lab-unloadable')).toContainText('This scenario does not load');
  await expect(fresh.getByTestId('lab-unloadable')).toContainText('scenario.yaml:2:20: fleet.replicas: expected a whole number ≥ 1, got -1');
  await expect(fresh.getByTestId('yaml-problems')).toContainText('fleet.replicas');
  await fresh.goto(link.replace(/#\/lab\/.*/, '#/lab/no-such-scenario'));
  await expect(fresh.getByTestId('link-error')).toContainText('no scenario called');
  expect(errors).toEqual([]);
});

test('the detection power tab computes over the edited scenario', async ({ page }) => {
  await page.goto('./#/lab/automated-canary-analysis');
  await settled(page);
  // Edit first: the power panel starts from the scenario as it now stands.
  const weight = page.getByRole('spinbutton', { name: /Step 1: canary weight/ });
  await weight.fill('10');
  await weight.press('Enter');
  await settled(page);
  await page.getByRole('tab', { name: 'Detection power' }).click();
  await expect(page.getByRole('tab', { name: 'Detection power' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Canary weights (%)')).toHaveValue(/\b10\b/);
  await page.getByLabel('Canary weights (%)').fill('5, 10');
  await page.getByLabel('Hold times').fill('2m, 5m');
  await page.getByLabel('Runs per cell').fill('6');
  await page.getByLabel('Runs per cell').press('Enter');
  await expect(page.getByRole('table').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table')).toHaveCount(2);
  // The view is in the link.
  await page.waitForFunction(() => location.hash.startsWith('#/lab/s/'));
  const again = await page.context().newPage();
  await again.goto(page.url());
  await expect(again.getByRole('tab', { name: 'Detection power' })).toHaveAttribute('aria-selected', 'true');
  await expect(again.getByLabel('Canary weights (%)')).toHaveValue(/\b10\b/);
});
