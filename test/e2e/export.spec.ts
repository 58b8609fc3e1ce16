// Downloads, as a person saves them: each chart as PNG and SVG, a run's timeline as CSV and its
// results as JSON, and a comparison as JSON. Every file must open: the PNG is a PNG, the SVG
// parses as XML with an <svg> root, the CSV has one row per sample, and the JSON is what
// simulate() and compare() give in Node for the same scenario and seed.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { compare } from '../../src/scenario/compare.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { comparisonJson, resultsJson, TIMELINE_SERIES } from '../../src/ui/lib/export.ts';
import { parseCsv } from '../ui/lib/csv-parse.ts';
import { catalog, customHash, fixture, openPlayer, overflows, runInNode, watchConsole } from './lab.ts';

const CANARY = fixture('screenshot-canary.yaml');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Clicks `button` and returns the file it downloads. */
async function save(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** Opens the download list behind `trigger` and saves the file named `item`. */
async function saveFromMenu(page: Page, trigger: string, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: trigger, exact: true }).click();
  const button = page.getByRole('button', { name: item, exact: true });
  await expect(button).toBeVisible();
  return save(page, button);
}

function expectPng(file: { name: string; bytes: Buffer }): void {
  expect(file.name).toMatch(/\.png$/);
  expect([...file.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(file.bytes.length, 'a chart, not an empty image').toBeGreaterThan(4000);
  // IHDR: width and height at 2 pixels per CSS pixel, so never a 0×0 or 1×1 image.
  expect(file.bytes.readUInt32BE(16)).toBeGreaterThan(200);
  expect(file.bytes.readUInt32BE(20)).toBeGreaterThan(100);
}

/** Parses the SVG file with the browser's XML parser; what a viewer would see of it. */
async function expectSvg(page: Page, file: { name: string; bytes: Buffer }): Promise<void> {
  expect(file.name).toMatch(/\.svg$/);
  const text = file.bytes.toString('utf8');
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      shapes: root.querySelectorAll('path, circle, rect, line').length,
      texts: root.querySelectorAll('text').length,
      title: root.querySelector('title')?.textContent ?? '',
    };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
  expect(parsed.width).toBeGreaterThan(100);
  expect(parsed.shapes).toBeGreaterThan(3);
  expect(parsed.texts).toBeGreaterThan(3);
  expect(parsed.title).not.toBe('');
  expect(text, 'styles resolved, not left to the page').not.toContain('var(--');
}

test('the player saves its charts as PNG and SVG, and the run as CSV and JSON', async ({ page }) => {
  const errors = watchConsole(page);
  const { result } = runInNode(CANARY, 'your-scenario.yaml');
  await openPlayer(page, customHash(CANARY));

  for (const chart of ['the traffic mix chart', 'the error rate chart', 'the p99 latency chart']) {
    expectPng(await saveFromMenu(page, `Download ${chart}`, `Download ${chart} as PNG`));
    await expectSvg(page, await saveFromMenu(page, `Download ${chart}`, `Download ${chart} as SVG`));
  }

  const csv = await saveFromMenu(page, "Download this run's data", 'Download the CSV of the timeline');
  expect(csv.name).toBe(`${result.scenario}-${result.strategy}-seed-${result.seed}-timeline.csv`);
  const rows = parseCsv(csv.bytes.toString('utf8'));
  const versions = Object.keys(result.timeline.versions);
  expect(rows[0]).toEqual(['t', ...versions.flatMap((v) => TIMELINE_SERIES.map((s) => `${v}.${s}`))]);
  expect(rows.length - 1).toBe(result.timeline.t.length);
  expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(result.timeline.t);

  const json = await saveFromMenu(page, "Download this run's data", 'Download the JSON of the results');
  expect(json.name).toBe(`${result.scenario}-${result.strategy}-seed-${result.seed}-results.json`);
  expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(result);
  expect(json.bytes.toString('utf8'), 'the bytes rollout-lab run --format json prints').toBe(resultsJson(result));
  expect(errors).toEqual([]);
});

test('the download lists work from the keyboard and move nothing on the page', async ({ page }) => {
  await openPlayer(page, customHash(CANARY));
  const traffic = page.getByRole('region', { name: 'Traffic mix over time' });
  const before = await traffic.boundingBox();
  const trigger = page.getByRole('button', { name: 'Download the traffic mix chart', exact: true });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const png = page.getByRole('button', { name: 'Download the traffic mix chart as PNG', exact: true });
  await expect(png).toBeFocused();
  expect(await traffic.boundingBox(), 'opening the list moves nothing').toEqual(before);
  await page.screenshot({ path: 'test-results/export-player-menu.png' });

  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(png).toBeHidden();
  await expect(trigger).toBeFocused();

  // Enter opens, Tab reaches SVG, Enter saves it.
  await page.keyboard.press('Enter');
  await expect(png).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Download the traffic mix chart as SVG', exact: true })).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/traffic-mix\.svg$/);
  await expect(png).toBeHidden();
  await expect(trigger).toBeFocused();
  expect(await traffic.boundingBox()).toEqual(before);
});

test('the compare view saves the comparison as JSON and its charts as PNG and SVG', async ({ page }) => {
  const errors = watchConsole(page);
  const NAME = 'four-strategies-compared';
  const entry = catalog().find((l) => l.name === NAME);
  if (!entry) throw new Error(`${NAME} is not in the catalog`);
  const loaded = loadScenario(entry.text, { file: entry.file });
  if (!loaded.ok) throw new Error(`${entry.file} does not load`);
  const comparison = compare(loaded.scenario);

  await page.goto(`./#/compare/${NAME}`);
  const chart = page.getByTestId('cost-risk');
  await expect(chart.getByRole('img')).toHaveCount(comparison.runs.length, { timeout: 20_000 });

  const json = await save(page, page.getByRole('button', { name: 'Download the JSON of the comparison', exact: true }));
  expect(json.name).toBe(`${NAME}-seed-${comparison.seed}-comparison.json`);
  const parsed = JSON.parse(json.bytes.toString('utf8'));
  expect(parsed).toEqual({ schemaVersion: comparison.schemaVersion, scenario: comparison.scenario, seed: comparison.seed, checked: 'canary', runs: comparison.runs });
  expect(json.bytes.toString('utf8'), 'the bytes rollout-lab compare --format json prints').toBe(comparisonJson(comparison, loaded.scenario));

  expectPng(await saveFromMenu(page, 'Download the cost against risk chart', 'Download the cost against risk chart as PNG'));
  const svg = await saveFromMenu(page, 'Download the cost against risk chart', 'Download the cost against risk chart as SVG');
  await expectSvg(page, svg);
  expect(svg.bytes.toString('utf8').match(/class="point/g)).toHaveLength(comparison.runs.length);

  expectPng(await saveFromMenu(page, 'Download the Canary traffic mix chart', 'Download the Canary traffic mix chart as PNG'));
  await expectSvg(page, await saveFromMenu(page, 'Download the Blue-green traffic mix chart', 'Download the Blue-green traffic mix chart as SVG'));

  await page.getByRole('button', { name: 'Download the cost against risk chart', exact: true }).click();
  await page.screenshot({ path: 'test-results/export-compare-view.png' });
  await page.keyboard.press('Escape');
  expect(await overflows(page), 'fits 1280×720').toEqual([]);
  expect(errors).toEqual([]);
});
