// JUnit XML: counts, failure vs error, escaping of anything an expression or name may hold.
import { describe, expect, it } from 'vitest';
import { attr, formatJunit } from '../../../src/cli/format/junit.ts';
import { parseXml } from '../xml.ts';
import { fakeResult } from './fake-result.ts';

describe('formatJunit', () => {
  it('counts tests, failures (false) and errors (cannot evaluate) in both the suites and the suite', () => {
    const root = parseXml(formatJunit(fakeResult()));
    const counts = { tests: '3', failures: '1', errors: '1', skipped: '0' };
    expect(root.attrs).toMatchObject(counts);
    expect(root.children[0].attrs).toMatchObject({ name: 'demo', ...counts });
    const [, ok, failed, broken] = root.children[0].children;
    expect(ok.children).toEqual([]);
    expect(failed.children[0]).toMatchObject({ name: 'failure', attrs: { type: 'expectation' } });
    expect(failed.attrs.name).toBe('summary.downtimeS < 1 && summary.blastRadius.affectedRequestsFraction < 0.0001');
    expect(broken.children[0]).toMatchObject({ name: 'error', attrs: { type: 'expectation-error', message: 'summary.nope > 0: no result field "summary.nope"' } });
  });

  it('escapes markup, quotes, newlines and characters XML cannot hold', () => {
    const nasty = `a<b>&"c"\n'd'\u0001`;
    const root = parseXml(formatJunit(fakeResult({ scenario: nasty, expectations: [{ expr: nasty, ok: false, actual: nasty }] })));
    expect(root.children[0].attrs.name).toBe(nasty.replace('\u0001', '\uFFFD'));
    expect(attr('x\ty')).toBe('x&#9;y');
  });

  it('has one empty suite for a scenario without expectations', () => {
    const root = parseXml(formatJunit(fakeResult({ expectations: [] })));
    expect(root.attrs).toMatchObject({ tests: '0', failures: '0' });
  });
});
