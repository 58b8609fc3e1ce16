// Shared by the browser tests: console-error capture, opening lessons, and the numbers a run
// gives in Node (the same `simulate` the worker runs), to compare with what the page shows.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { loadScenario } from '../../src/scenario/load.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/scenario/simulate.ts';
import type { RunResult } from '../../src/scenario/run-result.ts';

/** Every scenario of the catalog: its name (from the file) and text. */
export function catalog(): { name: string; file: string; text: string }[] {
  return readdirSync('scenarios')
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(`scenarios/${file}`, 'utf8');
      const loaded = loadScenario(text, { file });
      return { name: loaded.ok ? loaded.scenario.name : file.replace(/\.\w+$/, ''), file, text };
    });
}

/** The scenario and its run in Node, as `rollout-lab run --format json` would give. */
export function runInNode(text: string, file = 'scenario.yaml', seed?: number): { scenario: Scenario; result: RunResult } {
  const loaded = loadScenario(text, { file });
  if (!loaded.ok) throw new Error(`${file} does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return { scenario: loaded.scenario, result: simulate(loaded.scenario, seed === undefined ? {} : { seed }) };
}

/** The fixture's text. */
export function fixture(name: string): string {
  return readFileSync(`test/e2e/fixtures/${name}`, 'utf8');
}

/** The address that opens `text` in the player, as "open your own scenario" does. */
export function customHash(text: string): string {
  return `#/custom/${LZString.compressToEncodedURIComponent(text)}`;
}

/** Collects console errors and uncaught exceptions for the test to assert on. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Opens a page of the lab and waits for the player to have its run. */
export async function openPlayer(page: Page, hash: string): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByTestId('event-counter')).toBeVisible({ timeout: 20_000 });
}

/** The "event k of N" counter as numbers. */
export async function counter(page: Page): Promise<{ k: number; n: number }> {
  const text = (await page.getByTestId('event-counter').textContent()) ?? '';
  const m = /Event\s+(\d+)\s+of\s+(\d+)/.exec(text.replace(/\s+/g, ' '));
  if (!m) throw new Error(`no counter in "${text}"`);
  return { k: Number(m[1]), n: Number(m[2]) };
}

/**
 * Whatever does not fit at 1280×720: the page scrolling, or a panel whose content is clipped
 * (taller or wider than the panel). Empty when everything fits.
 */
export async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollHeight > window.innerHeight + 1) out.push(`page scrolls: ${doc.scrollHeight} px tall`);
    if (doc.scrollWidth > window.innerWidth + 1) out.push(`page scrolls sideways: ${doc.scrollWidth} px wide`);
    const h1 = document.querySelector('h1');
    if (h1 && h1.scrollWidth > h1.clientWidth + 1) out.push(`title cut: "${h1.textContent}"`);
    for (const panel of document.querySelectorAll<HTMLElement>('.panel')) {
      const name = panel.querySelector('h2')?.textContent ?? panel.className;
      // The panel and anything inside it that clips (overflow other than visible), except
      // the regions meant to scroll (marked data-scrolls).
      for (const el of [panel, ...panel.querySelectorAll<HTMLElement>('*')]) {
        if (el.closest('[data-scrolls], .visually-hidden') || el instanceof SVGElement) continue;
        const style = getComputedStyle(el);
        const clips = el === panel || style.overflowX !== 'visible' || style.overflowY !== 'visible';
        if (!clips) continue;
        const what = el === panel ? name : `${name} › ${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
        if (el.scrollHeight > el.clientHeight + 1) out.push(`${what}: content ${el.scrollHeight} px tall in ${el.clientHeight} px`);
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${what}: content ${el.scrollWidth} px wide in ${el.clientWidth} px`);
      }
    }
    return out;
  });
}
