import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/cli.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { compare } from '../../../src/scenario/compare.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { simulate } from '../../../src/scenario/simulate.ts';
import { comparisonJson, fileName, resultsJson, TIMELINE_SERIES, timelineCsv } from '../../../src/ui/lib/export.ts';
import type { RunResult } from '../../../src/ui/lib/run-types.ts';
import { catalogRun } from '../run-fixture.ts';
import { parseCsv } from './csv-parse.ts';

/** What `rollout-lab <args>` prints on stdout, run in this process. */
async function cliOut(args: string[]): Promise<string> {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: () => {}, stdoutIsTTY: false, env: {} };
  await runCli(args, io);
  return out;
}

function scenarioOf(name: string) {
  const loaded = loadScenario(readFileSync(`scenarios/${name}.yaml`, 'utf8'), { file: `${name}.yaml` });
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return loaded.scenario;
}

describe('timelineCsv', () => {
  const { result } = catalogRun('automated-canary-analysis');
  const versions = Object.keys(result.timeline.versions);

  it('has a header of t and five columns per version, then one row per timeline sample', () => {
    const rows = parseCsv(timelineCsv(result));
    expect(rows[0]).toEqual(['t', ...versions.flatMap((v) => TIMELINE_SERIES.map((s) => `${v}.${s}`))]);
    expect(rows.length - 1).toBe(result.timeline.t.length);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
  });

  it('parses back to the same numbers', () => {
    const rows = parseCsv(timelineCsv(result)).slice(1);
    rows.forEach((row, i) => {
      expect(Number(row[0])).toBe(result.timeline.t[i]);
      versions.forEach((v, j) =>
        TIMELINE_SERIES.forEach((s, k) => {
          const want = result.timeline.versions[v][s][i];
          expect(row[1 + j * TIMELINE_SERIES.length + k]).toBe(Number.isFinite(want) ? String(want) : '');
        }),
      );
    });
  });

  it('quotes a header with a comma or a quote in it, and it parses back whole', () => {
    const { v1, v2 } = result.timeline.versions as Record<string, RunResult['timeline']['versions'][string]>;
    const odd = { ...result, timeline: { ...result.timeline, versions: { 'v1, stable': v1, 'v2 "canary"': v2 } } };
    const text = timelineCsv(odd);
    expect(text.split('\r\n')[0]).toContain('"v1, stable.trafficShare"');
    expect(text.split('\r\n')[0]).toContain('"v2 ""canary"".p99Ms"');
    const [header] = parseCsv(text);
    expect(header[1]).toBe('v1, stable.trafficShare');
    expect(header[1 + TIMELINE_SERIES.length * 2 - 1]).toBe('v2 "canary".p99Ms');
  });
});

describe('resultsJson', () => {
  it('is byte for byte what rollout-lab run --format json prints', async () => {
    const { result } = catalogRun('automated-canary-analysis');
    expect(resultsJson(result)).toBe(await cliOut(['run', 'scenarios/automated-canary-analysis.yaml', '--format', 'json']));
  });

  it('is the same bytes on another seed', async () => {
    const result = simulate(scenarioOf('four-strategies-compared'), { seed: 7 });
    expect(resultsJson(result)).toBe(await cliOut(['run', 'scenarios/four-strategies-compared.yaml', '--seed', '7', '--format', 'json']));
  });
});

describe('comparisonJson', () => {
  it('is byte for byte what rollout-lab compare --format json prints, with the run that was checked', async () => {
    const scenario = scenarioOf('four-strategies-compared');
    const text = comparisonJson(compare(scenario), scenario);
    expect(text).toBe(await cliOut(['compare', 'scenarios/four-strategies-compared.yaml', '--format', 'json']));
    expect(JSON.parse(text).checked).toBe('canary');
  });

  it('matches for a scenario whose compare: list names its variants', async () => {
    const scenario = scenarioOf('automated-analysis-warm-baseline');
    const text = comparisonJson(compare(scenario, { seed: 3 }), scenario);
    expect(text).toBe(await cliOut(['compare', 'scenarios/automated-analysis-warm-baseline.yaml', '--seed', '3', '--format', 'json']));
  });
});

describe('fileName', () => {
  it('joins its parts with dashes and keeps only characters every file system takes', () => {
    expect(fileName('four-strategies-compared', 'seed-21', 'cost-risk')).toBe('four-strategies-compared-seed-21-cost-risk');
    expect(fileName('a/b c', 'Blue: green', '', 3)).toBe('a-b-c-Blue-green-3');
  });
});
