// The player, acting as a student would: stepping through events with buttons and keys,
// playing, scrubbing, a keyboard-only walk through one lesson, and an accessibility check.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { counter, customHash, fixture, openPlayer, runInNode, watchConsole } from './lab.ts';
import { narrate } from '../../src/ui/narrate.ts';

const CANARY = fixture('screenshot-canary.yaml');

/** What the views show, to tell that they changed. */
async function views(page: Page): Promise<Record<string, string>> {
  return {
    narration: (await page.getByTestId('narration').textContent()) ?? '',
    router: (await page.getByRole('region', { name: 'Router' }).textContent()) ?? '',
    fleet: (await page.getByTestId('fleet-summary').textContent()) ?? '',
    outcome: (await page.getByRole('region', { name: /^Outcome/ }).textContent()) ?? '',
    traffic: (await page.getByRole('region', { name: 'Traffic mix over time' }).locator('svg[role=img]').getAttribute('aria-label')) ?? '',
  };
}

test('next and previous step through the events, and every view follows', async ({ page }) => {
  const errors = watchConsole(page);
  const { scenario, result } = runInNode(CANARY, 'your-scenario.yaml');
  await openPlayer(page, customHash(CANARY));
  const n = result.events.length;
  await expect(page.getByTestId('event-counter')).toHaveText(`Event 0 of ${n}`);
  const before = await views(page);

  // Step to the weight change that gives v2 its 5%: the router, fleet and narration move.
  const weight = result.events.findIndex((e) => e.kind === 'weight-change');
  for (let i = 0; i <= weight; i++) await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.getByTestId('event-counter')).toHaveText(`Event ${weight + 1} of ${n}`);
  await expect(page.getByTestId('narration')).toContainText(narrate(result.events[weight], { narration: scenario.narration }).text);
  await expect(page.getByRole('region', { name: 'Router' })).toContainText('v2-canary');
  const after = await views(page);
  expect(after.narration).not.toBe(before.narration);
  expect(after.router).not.toBe(before.router);
  expect(after.fleet).not.toBe(before.fleet);
  expect(after.traffic).not.toBe(before.traffic);

  // The arrow keys do the same as the buttons.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('event-counter')).toHaveText(`Event ${weight + 2} of ${n}`);
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('button', { name: 'Previous event' }).click();
  await expect(page.getByTestId('event-counter')).toHaveText(`Event ${weight} of ${n}`);
  await expect(page.getByTestId('narration')).toContainText(narrate(result.events[weight - 1]).text);

  // The rollback's lesson text comes from the scenario's narration.
  const rollback = result.events.findIndex((e) => e.kind === 'rollback');
  await page.getByRole('slider', { name: 'Simulated time' }).fill(String(result.events[rollback].t));
  // Scrubbing reaches every event at that instant; stepping back lands on the rollback itself.
  const lastAtThatTime = result.events.filter((e) => e.t <= result.events[rollback].t).length;
  await expect(page.getByTestId('event-counter')).toHaveText(`Event ${lastAtThatTime} of ${n}`);
  while ((await counter(page)).k > rollback + 1) await page.getByRole('button', { name: 'Previous event' }).click();
  await expect(page.getByTestId('narration')).toContainText('Why it matters: A check failed');
  expect(errors).toEqual([]);
});

test('play advances the playhead and pause stops it; the controls do not move', async ({ page }) => {
  const errors = watchConsole(page);
  await openPlayer(page, customHash(CANARY));
  const next = page.getByRole('button', { name: 'Next event' });
  const box = await next.boundingBox();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(async () => (await counter(page)).k, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('clock')).not.toContainText('0:00 /');
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await page.getByTestId('clock').textContent();
  await page.waitForTimeout(300);
  expect(await page.getByTestId('clock').textContent()).toBe(paused);
  expect(await next.boundingBox()).toEqual(box);
  // Speed is a choice of simulated seconds per second.
  await page.getByRole('combobox', { name: /Playback speed/ }).selectOption('3600');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('clock')).toHaveText(/20:00\s*\/\s*20:00/, { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(await next.boundingBox()).toEqual(box);
  expect(errors).toEqual([]);
});

test('a keyboard-only walk through one lesson', async ({ page }) => {
  const errors = watchConsole(page);
  const lesson = 'why-it-matters-recreate-outage';
  const { result } = runInNode(readFileSync(`scenarios/${lesson}.yaml`, 'utf8'), `${lesson}.yaml`);
  await page.goto('./');
  // Tab from the top of the page to the first lesson and open it.
  const link = page.locator(`a[href="#/lesson/${lesson}"]`);
  for (let i = 0; i < 20 && !(await link.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('event-counter')).toHaveText(`Event 0 of ${result.events.length}`, { timeout: 20_000 });

  // Step with the arrow keys, play and pause with Space.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('event-counter')).toHaveText(`Event 2 of ${result.events.length}`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('event-counter')).toHaveText(`Event 1 of ${result.events.length}`);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // Tab to the scrubber; End jumps to the end of the run.
  const slider = page.getByRole('slider', { name: 'Simulated time' });
  for (let i = 0; i < 12 && !(await slider.evaluate((s) => s === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(slider).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('event-counter')).toHaveText(`Event ${result.events.length} of ${result.events.length}`);
  await expect(page.getByRole('region', { name: /^Outcome/ })).toContainText('Final numbers');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('event-counter')).toHaveText(`Event 0 of ${result.events.length}`);

  // Back to the lessons with Shift+Tab to the link.
  const back = page.getByRole('link', { name: '← All lessons' });
  for (let i = 0; i < 12 && !(await back.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await expect(back).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rollout Lab');
  expect(errors).toEqual([]);
});

test('pasting a broken scenario shows the loader messages inline', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.getByLabel('…or paste YAML').fill('name: mine\ntitle: Mine\nduration: soon\n');
  await page.getByRole('button', { name: 'Open in the player' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('pasted.yaml:3:11: duration:');
  // A valid one opens in the player.
  await page.getByLabel('…or paste YAML').fill(CANARY);
  await page.getByRole('button', { name: 'Open in the player' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A canary with a bug, caught by automated analysis at 5%', { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('axe finds no serious or critical accessibility violation', async ({ page }) => {
  const serious = async (where: string) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await serious('home');
  await openPlayer(page, customHash(CANARY));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await serious('player');
  await page.getByRole('slider', { name: 'Simulated time' }).focus();
  await page.keyboard.press('End');
  await serious('player at the end');
});
