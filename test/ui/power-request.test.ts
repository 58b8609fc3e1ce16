// The worker's power handler in Node: the same numbers as `rollout-lab power` for the same
// plan, progress after every run, the lab's defaults, and plain messages for bad input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { NO_TEMPLATE, powerRequest } from '../../src/ui/worker/power-request.ts';

const FILE = 'test/cli/fixtures/canary-small.yaml';
const text = readFileSync(FILE, 'utf8');
const source = { text, file: 'canary-small.yaml' };

async function cliPower(args: string[]): Promise<unknown> {
  const io: CliIo & { out: string } = { out: '', stdout: (t) => void (io.out += t), stderr: () => {}, stdoutIsTTY: false, env: {} };
  expect(await runCli(['power', FILE, ...args, '--format', 'json'], io)).toBe(0);
  return JSON.parse(io.out);
}

describe('powerRequest (the worker body)', () => {
  it('gives exactly the table rollout-lab power prints for the same plan', async () => {
    const r = powerRequest({ id: 3, kind: 'power', source, effect: 'error-rate=0.02', weights: [1, 30], holds: ['30s', '3m'], seeds: 6, seed: 11 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r).toMatchObject({ id: 3, kind: 'power' });
    const cli = await cliPower(['--effect', 'error-rate=0.02', '--weights', '1,30', '--holds', '30s,3m', '--seeds', '6', '--seed', '11', '--workers', '1']);
    expect(r.result).toEqual(cli);
  });

  it('reports progress after every run, with and without the effect', () => {
    const seen: [number, number][] = [];
    const r = powerRequest({ id: 1, kind: 'power', source, weights: [10], holds: [60, 120], seeds: 3 }, (done, total) => seen.push([done, total]));
    expect(r.ok).toBe(true);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, 12]));
  });

  it('measures the candidate’s own regression, from the scenario’s seed, when not told otherwise', () => {
    const r = powerRequest({ id: 1, kind: 'power', source, weights: [10], holds: ['1m'], seeds: 2 });
    expect(r.ok && r.result).toMatchObject({ effect: { spec: 'error-rate=0.01' }, firstSeed: 7, seeds: 2, template: 'errors', fidelity: 'aggregate' });
  });

  it('says which input does not read', () => {
    const r = powerRequest({ id: 2, kind: 'power', source, effect: 'cpu=2', weights: [0], holds: ['soon'] });
    expect(r).toEqual({
      id: 2,
      ok: false,
      errors: [
        expect.stringMatching(/^effect: expected kind=value with kind one of error-rate, latency, latency-tail/),
        'weights: expected canary weights above 0 and at most 100 (percent), got "0"',
        'holds: expected a hold time such as 5m, 90s or 1h, got "soon"',
      ],
    });
  });

  it('says so when the scenario has no analysis template to judge with', () => {
    const bare = text.replace(/\nanalysis:[\s\S]*?\nexpect:/, '\nexpect:').replace(/\n {4}- analysis: .*/g, '');
    const r = powerRequest({ id: 4, kind: 'power', source: { text: bare }, weights: [10], holds: [60], seeds: 1 });
    expect(r).toEqual({ id: 4, ok: false, errors: [NO_TEMPLATE] });
  });

  it('passes the loader’s messages on for a scenario that does not load', () => {
    const r = powerRequest({ id: 5, kind: 'power', source: { text: 'name: x\ntitle: y\nduration: soon\n', file: 'mine.yaml' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^mine\.yaml:\d+:\d+: /);
  });
});
