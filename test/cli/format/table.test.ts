// The human table: every outcome measure on its own line, ✓/✗ per expectation, colour only when painted.
import { describe, expect, it } from 'vitest';
import { ansi } from '../../../src/cli/color.ts';
import { formatTable } from '../../../src/cli/format/table.ts';
import { fakeResult } from './fake-result.ts';

describe('formatTable', () => {
  it('summarises the run and marks each expectation', () => {
    expect(formatTable(fakeResult())).toBe(
      [
        'demo  seed 42 · strategy canary · fidelity aggregate',
        'outcome       rolled-back',
        'rollout       30m',
        'downtime      0 s',
        'blast radius  25 requests (0.025%), 10 users (0.01%), peak exposure 5%',
        'infra cost    10.5 instance-hours (+5% vs baseline), peak 21 instances (×1.05), cost 2.1',
        'rollback      analysis, decided at 00:16:05.5, detection delay 5m 05s, restored in 8 s',
        'requests      1,000,000 total: 999,000 ok, 900 errors, 100 dropped',
        'latency       p50 40.2 ms, p95 120.5 ms, p99 181.3 ms',
        'error budget  1.23% spent',
        'expectations  1 of 3 hold',
        '  ✓ outcome == "rolled-back"  (actual "rolled-back")',
        '  ✗ summary.downtimeS < 1 && summary.blastRadius.affectedRequestsFraction < 0.0001  (actual 0)',
        '  ✗ summary.nope > 0  (no result field "summary.nope")',
        '',
      ].join('\n'),
    );
  });

  it('paints with ANSI only when handed the ANSI palette', () => {
    expect(formatTable(fakeResult())).not.toContain('\x1b[');
    expect(formatTable(fakeResult(), ansi)).toContain('\x1b[31m✗\x1b[39m');
  });
});
