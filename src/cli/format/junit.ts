// `--format junit`: JUnit XML for CI test reporters. The suite is the scenario, each
// expectation a test case; seed, strategy and fidelity are properties. An expectation that
// could not be evaluated (no such result field) is an <error>, one that was false a
// <failure type="expectation">. No timestamps or host names, so the same run gives the same file.
import type { ExpectationResult, RunResult } from '../../scenario/run-result.ts';
import { actualText } from './measures.ts';

export function formatJunit(result: RunResult): string {
  const cases = result.expectations;
  const failures = cases.filter((e) => !e.ok && !e.error).length;
  const errors = cases.filter((e) => e.error).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="0"`;
  const props: Array<[string, string | number]> = [
    ['seed', result.seed],
    ['strategy', result.strategy],
    ['fidelity', result.fidelity],
    ['outcome', result.outcome],
    ['schemaVersion', result.schemaVersion],
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rollout-lab" ${counts}>`,
    `  <testsuite name="${attr(result.scenario)}" ${counts}>`,
    '    <properties>',
    ...props.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(String(value))}"/>`),
    '    </properties>',
    ...cases.map((e) => testcase(e, result.scenario)),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function testcase(e: ExpectationResult, scenario: string): string {
  const open = `    <testcase name="${attr(e.expr)}" classname="${attr(scenario)}" time="0"`;
  if (e.ok) return `${open}/>`;
  const tag = e.error ? 'error' : 'failure';
  const type = e.error ? 'expectation-error' : 'expectation';
  const message = `${e.expr}: ${actualText(e)}`;
  return `${open}>\n      <${tag} message="${attr(message)}" type="${type}">${text(message)}</${tag}>\n    </testcase>`;
}

// Characters XML 1.0 does not allow at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content, escaped. */
export function text(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value (double-quoted), escaped; newlines and tabs kept as references. */
export function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
