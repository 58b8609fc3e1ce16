// Markdown for $GITHUB_STEP_SUMMARY: the verdict, the table, and never over the 1 MiB cap.
import { describe, expect, it } from 'vitest';
import { formatMarkdown, MARKDOWN_LIMIT_BYTES } from '../../../src/cli/format/markdown.ts';
import { fakeResult } from './fake-result.ts';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('formatMarkdown', () => {
  it('leads with the verdict and folds the events into <details>', () => {
    const md = formatMarkdown(fakeResult({ events: [{ t: 60, kind: 'weight-change', weights: { stable: 95, canary: 5 }, effectiveInS: 2 }] }));
    expect(md).toMatch(/^## ❌ demo: 1 of 3 expectations hold\n/);
    expect(md).toContain('| rollback | analysis, decided at 00:16:05.5, detection delay 5m 05s, restored in 8 s |');
    expect(md).toContain('- ❌ `summary.nope > 0` — no result field "summary.nope"');
    expect(md).toContain('<details><summary>Events (1)</summary>');
    expect(md).toContain('| 00:01:00 | Traffic weights set to stable 95%, canary 5%; the router applies them after 2 s |');
  });

  it('stays under 1 MiB however many events there are, and says what it left out', () => {
    const events = Array.from({ length: 50_000 }, (_, i) => ({ t: i, kind: 'instance-ready', instance: i, version: i % 2 ? 'v1' : 'v2' }));
    const md = formatMarkdown(fakeResult({ events }));
    expect(bytes(md)).toBeLessThanOrEqual(MARKDOWN_LIMIT_BYTES);
    expect(md).toMatch(/_\d+ more events not shown, to stay under GitHub's 1 MiB step-summary limit; `--format json` has them all\._/);
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('cuts even a pathological expectation list to the limit', () => {
    const expectations = Array.from({ length: 20_000 }, (_, i) => ({ expr: `summary.downtimeS == ${i} ${'x'.repeat(60)}`, ok: false, actual: 0 }));
    const md = formatMarkdown(fakeResult({ expectations }), undefined, 100_000);
    expect(bytes(md)).toBeLessThanOrEqual(100_000);
    expect(md.endsWith('_Output cut to stay under the 1 MiB step-summary limit._\n')).toBe(true);
  });
});
