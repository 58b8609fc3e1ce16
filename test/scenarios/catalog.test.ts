// The catalog is its own regression test: every scenario validates, its expectations hold,
// and its outcome measures equal the committed golden file. A mismatch writes
// `<name>-changed.json` beside the golden one to diff; `UPDATE_GOLDEN=1 npx vitest run
// test/scenarios` accepts the new numbers.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/scenario/simulate.ts';

const CATALOG = 'scenarios';
const GOLDEN = join('test', 'scenarios', 'golden');
const files = readdirSync(CATALOG).filter((f) => f.endsWith('.yaml')).sort();

function goldenView(result: ReturnType<typeof simulate>) {
  const eventCounts: Record<string, number> = {};
  for (const e of result.events) eventCounts[e.kind] = (eventCounts[e.kind] ?? 0) + 1;
  return { outcome: result.outcome, fidelity: result.fidelity, strategy: result.strategy, summary: result.summary, eventCounts };
}

describe('the scenario catalog', () => {
  it('has scenarios', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files)('%s validates, meets its expectations and matches its golden numbers', (file) => {
    const scenario = scenarioSchema.parse(parse(readFileSync(join(CATALOG, file), 'utf8')));
    expect(file).toBe(`${scenario.name}.yaml`);
    expect(scenario.expect.length, 'a catalog scenario states what it shows').toBeGreaterThan(0);
    const result = simulate(scenario);
    const failed = result.expectations.filter((e) => !e.ok);
    expect(failed, 'expectations that do not hold').toEqual([]);

    const actual = `${JSON.stringify(goldenView(result), null, 2)}\n`;
    const goldenPath = join(GOLDEN, `${scenario.name}.json`);
    const changedPath = join(GOLDEN, `${scenario.name}-changed.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, actual);
    expect(existsSync(goldenPath), `no golden file ${goldenPath}: run UPDATE_GOLDEN=1 npx vitest run test/scenarios`).toBe(true);
    const golden = readFileSync(goldenPath, 'utf8');
    if (golden !== actual) writeFileSync(changedPath, actual);
    else if (existsSync(changedPath)) rmSync(changedPath);
    expect(actual, `${scenario.name} changed: diff ${goldenPath} ${changedPath}`).toBe(golden);
  });

  it('gives byte-identical results for the same scenario and seed', () => {
    const scenario = scenarioSchema.parse(parse(readFileSync(join(CATALOG, 'automated-canary-analysis.yaml'), 'utf8')));
    expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(simulate(scenario)));
    expect(JSON.stringify(simulate(scenario, { seed: 43 }))).not.toBe(JSON.stringify(simulate(scenario)));
  });
});
