// `rollout-lab power` through the built binary: the weight × hold tables, the JSON, that a
// real effect is caught more often with more traffic and a longer hold, and bad flags.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, FIXTURES } from './cli-process.ts';

const small = `${FIXTURES}/canary-small.yaml`;

beforeAll(() => buildCli());

describe.concurrent('rollout-lab power', () => {
  it('catches a real effect more often with a higher weight and a longer hold', { timeout: 60_000 }, async () => {
    const r = await cli(['power', small, '--effect', 'error-rate=0.02', '--weights', '1,30', '--holds', '30s,3m', '--seeds', '20', '--format', 'json', '--workers', '1']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ schemaVersion: 1, scenario: 'canary-small', template: 'errors', effect: { spec: 'error-rate=0.02', kind: 'error-rate', value: 0.02 }, seeds: 20, weights: [1, 30], holdsS: [30, 180] });
    const at = (weight: number, holdS: number) => p.cells.find((c: { weight: number; holdS: number }) => c.weight === weight && c.holdS === holdS);
    expect(p.cells).toHaveLength(4);
    expect(at(30, 30).detection.value).toBeGreaterThan(at(1, 30).detection.value);
    expect(at(1, 180).detection.value).toBeGreaterThan(at(1, 30).detection.value);
    for (const c of p.cells) {
      expect(c.detection).toMatchObject({ n: 20 });
      expect(c.falseRollback).toMatchObject({ n: 20 });
      expect(c.detection.low).toBeLessThanOrEqual(c.detection.value);
      expect(c.detection.high).toBeGreaterThanOrEqual(c.detection.value);
    }
  });

  it('prints two weight × hold tables: detection, and false rollbacks without the effect', async () => {
    const r = await cli(['power', small, '--effect', 'latency=1.5', '--weights', '5,20', '--holds', '1m,2m', '--seeds', '4']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('canary-small  power against latency=1.5');
    const detect = lines.indexOf('chance the analysis catches latency=1.5 (95% CI)');
    const falseRb = lines.indexOf('chance it rolls back the same release without the effect (95% CI)');
    expect(detect).toBeGreaterThan(0);
    expect(falseRb).toBeGreaterThan(detect);
    for (const at of [detect, falseRb]) {
      expect(lines[at + 1]).toMatch(/^weight \\ hold +1m +2m$/);
      expect(lines[at + 2]).toMatch(/^5% +\d+(\.\d+)?% \([\d.]+–[\d.]+%\) +\d+(\.\d+)?% \(/);
      expect(lines[at + 3]).toMatch(/^20% /);
    }
  });

  it.each([
    [[], /^rollout-lab: power: --effect: expected the regression to detect/],
    [['--effect', 'cpu=2'], /^rollout-lab: power: --effect: expected kind=value with kind one of error-rate, latency, latency-tail/],
    [['--effect', 'error-rate=2'], /^rollout-lab: power: --effect: error-rate: expected an added error probability above 0 and at most 1, got 2$/],
    [['--effect', 'latency=1.2', '--weights', '5,150'], /^rollout-lab: power: --weights: expected canary weights above 0 and at most 100 \(percent\), got "150"$/],
    [['--effect', 'latency=1.2', '--holds', '5m,soon'], /^rollout-lab: power: --holds: expected a hold time such as 5m, 90s or 1h, got "soon"$/],
    [['--effect', 'latency=1.2', '--format', 'junit'], /^rollout-lab: power: --format: expected one of table, json, markdown, got "junit"$/],
  ])('rejects %j with one line and exit 2', async (args, line) => {
    const r = await cli(['power', small, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(line);
  });
});
