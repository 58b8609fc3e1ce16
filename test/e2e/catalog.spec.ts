// Every catalog scenario opens in the player, renders every view without a console error, and
// at its end shows the outcome cards equal to the same run's summary in Node.
import { expect, test } from '@playwright/test';
import { catalog, openPlayer, overflows, runInNode, watchConsole } from './lab.ts';

const lessons = catalog();

test('the home page lists every catalog scenario under the concept card sections', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rollout Lab');
  for (const title of ['Why this matters', 'The four strategies', 'Blue-green in detail', 'Canary in detail', 'Automated canary analysis', 'Compatibility constraints', 'Real-world problems']) {
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  }
  for (const l of lessons) {
    const { scenario } = runInNodeCached(l.text, l.file);
    await expect(page.getByRole('link', { name: scenario.title, exact: true })).toHaveAttribute('href', `#/lesson/${l.name}`);
  }
  expect(errors).toEqual([]);
});

const cache = new Map<string, ReturnType<typeof runInNode>>();
function runInNodeCached(text: string, file: string): ReturnType<typeof runInNode> {
  let hit = cache.get(file);
  if (!hit) cache.set(file, (hit = runInNode(text, file)));
  return hit;
}

for (const lesson of lessons) {
  test(`${lesson.name}: opens, renders every view, and ends on its summary`, async ({ page }) => {
    const errors = watchConsole(page);
    const { scenario, result } = runInNodeCached(lesson.text, lesson.file);
    await openPlayer(page, `#/lesson/${lesson.name}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario.title);
    await expect(page.getByTestId('event-counter')).toHaveText(`Event 0 of ${result.events.length}`);

    // Every view is there and drew something.
    const traffic = page.getByRole('region', { name: 'Traffic mix over time' });
    await expect(traffic.locator('svg path').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Router' }).getByRole('table').first()).toBeVisible();
    await expect(page.getByRole('region', { name: /^Metrics/ }).locator('figure svg:not(.icon)')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Fleet' }).locator('canvas')).toBeVisible();
    await expect(page.getByTestId('fleet-summary')).toContainText(`${Object.keys(result.timeline.versions)[0]}:`);
    await expect(page.getByTestId('narration')).toContainText('Steady state');
    expect(await overflows(page), 'fits 1280×720 at the start').toEqual([]);

    // Scrub to the end with the keyboard on the slider.
    await page.getByRole('slider', { name: 'Simulated time' }).focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('event-counter')).toHaveText(`Event ${result.events.length} of ${result.events.length}`);
    const s = result.summary;
    const outcome = page.getByRole('region', { name: /^Outcome/ });
    await expect(outcome.getByTestId('outcome-blast-radius')).toHaveAttribute('data-value', String(s.blastRadius.affectedRequests));
    await expect(outcome.getByTestId('outcome-infra-cost')).toHaveAttribute('data-value', String(s.infraCost.instanceHours));
    await expect(outcome.getByTestId('outcome-downtime')).toHaveAttribute('data-value', String(s.downtimeS));
    await expect(outcome.getByTestId('outcome-error-budget')).toHaveAttribute('data-value', String(s.errorBudgetSpent));
    await expect(outcome.getByTestId('outcome-rollback')).toHaveAttribute('data-value', s.rollback.timeToRestoreS === null ? '' : String(s.rollback.timeToRestoreS));
    if (s.compatibility.failures > 0) await expect(outcome.getByTestId('outcome-compatibility')).toHaveAttribute('data-value', String(s.compatibility.failures));
    await expect(outcome).toContainText('Final numbers');
    expect(await overflows(page), 'fits 1280×720 at the end').toEqual([]);
    expect(errors).toEqual([]);
  });
}
