// `compare` for people and CI: one row per strategy with the outcome measures, the best in
// each column marked (lower is better in every one), the expectations of the scenario's own
// strategy, as a table, Markdown or JUnit XML. JSON is the CompareReport itself.
import type { CompareReport, LabelledRun } from '../../scenario/compare-report.ts';
import { plain, type Paint } from '../color.ts';
import { columns, markdownTable, type Align } from './columns.ts';
import { attr, text } from './junit.ts';
import { code, escapeMarkdown, fit, MARKDOWN_LIMIT_BYTES } from './markdown.ts';
import { actualText, count, duration, expectationTally, number, percent } from './measures.ts';

export type { CompareReport, LabelledRun } from '../../scenario/compare-report.ts';

interface Column {
  header: string;
  /** The number compared (lower is better); null when the run has none (no rollback, say). */
  value(r: LabelledRun): number | null;
  text(r: LabelledRun): string;
}

const signed = (f: number) => `${f > 0 ? '+' : ''}${percent(f)}`;

export const COMPARE_COLUMNS: readonly Column[] = [
  { header: 'downtime', value: (r) => r.summary.downtimeS, text: (r) => duration(r.summary.downtimeS) },
  {
    header: 'affected requests',
    value: (r) => r.summary.blastRadius.affectedRequestsFraction,
    text: (r) => `${count(r.summary.blastRadius.affectedRequests)} (${percent(r.summary.blastRadius.affectedRequestsFraction)})`,
  },
  {
    header: 'affected users',
    value: (r) => r.summary.blastRadius.affectedUsers,
    text: (r) => `${count(r.summary.blastRadius.affectedUsers)} (${percent(r.summary.blastRadius.affectedUsersFraction)})`,
  },
  { header: 'extra infra', value: (r) => r.summary.infraCost.extraFraction, text: (r) => signed(r.summary.infraCost.extraFraction) },
  { header: 'peak', value: (r) => r.summary.infraCost.peakMultiplier, text: (r) => `×${number(r.summary.infraCost.peakMultiplier)}` },
  { header: 'rollback time', value: (r) => (r.summary.rollback.triggered ? r.summary.rollback.timeToRestoreS : null), text: (r) => seconds(r.summary.rollback.triggered ? r.summary.rollback.timeToRestoreS : null) },
  { header: 'rollout', value: (r) => r.summary.rolloutDurationS, text: (r) => seconds(r.summary.rolloutDurationS) },
  { header: 'error budget', value: (r) => r.summary.errorBudgetSpent, text: (r) => percent(r.summary.errorBudgetSpent) },
];

function seconds(s: number | null): string {
  return s === null ? '—' : duration(s);
}

/** What "best" means, for the footer. */
export const BEST_FOOTNOTE =
  '✓ best in its column. Lower is better in every column: downtime; requests and users affected by the release; ' +
  'instance-hours above the fleet’s own (extra infra) and the peak fleet size as a multiple of it; rollback time ' +
  '(decision to all traffic back on the old version at full capacity, runs that rolled back); rollout (deploy start ' +
  'to all traffic on the new version, or to the end of the rollback); share of the error budget spent. No mark ' +
  'where every run is equal.';

/**
 * Per column, which runs hold its best (lowest) value. None when fewer than two runs have a
 * value or all of them are equal: a mark there would say nothing.
 */
export function bestMarks(runs: readonly LabelledRun[]): boolean[][] {
  return COMPARE_COLUMNS.map((c) => {
    const values = runs.map((r) => c.value(r));
    const present = values.filter((v): v is number => v !== null);
    if (present.length < 2) return values.map(() => false);
    const min = Math.min(...present);
    if (present.every((v) => v === min)) return values.map(() => false);
    return values.map((v) => v === min);
  });
}

/** The table's cells: `esc` applied to every text, `mark` around the best ones; `*` after the checked run's name. */
function rows(report: CompareReport, mark: (text: string) => string, esc: (text: string) => string = (t) => t): string[][] {
  const best = bestMarks(report.runs);
  return report.runs.map((r, i) => [
    esc(r.label === report.checked ? `${r.label} *` : r.label),
    esc(r.outcome),
    ...COMPARE_COLUMNS.map((c, j) => (best[j][i] ? mark(esc(c.text(r))) : esc(c.text(r)))),
  ]);
}

const HEADER = ['strategy', 'outcome', ...COMPARE_COLUMNS.map((c) => c.header)];
const ALIGN: Align[] = ['left', 'left', ...COMPARE_COLUMNS.map(() => 'right' as const)];

function checkedRun(report: CompareReport): LabelledRun | undefined {
  return report.runs.find((r) => r.label === report.checked);
}

export function formatCompareTable(report: CompareReport, p: Paint = plain): string {
  const first = report.runs[0];
  const lines = [p.bold(report.scenario) + p.dim(`  seed ${report.seed} · ${first ? `${first.fidelity} fidelity · ` : ''}${report.runs.length} strategies`)];
  const table = columns(HEADER, rows(report, (t) => p.bold(`${t} ✓`)), ALIGN);
  lines.push(p.dim(table[0]), ...table.slice(1), '');
  lines.push(p.dim(BEST_FOOTNOTE));
  lines.push(...expectationLines(report, p));
  return `${lines.join('\n')}\n`;
}

function expectationLines(report: CompareReport, p: Paint): string[] {
  const run = checkedRun(report);
  const lines = [''];
  if (!run) {
    lines.push(p.dim('expectations not checked: no compared strategy is the scenario’s own (its expect: block is written for that one)'));
  } else {
    const failed = run.expectations.some((e) => !e.ok);
    const tally = expectationTally(run.expectations, true);
    lines.push(`expectations on ${run.label} * (the scenario’s own strategy): ${run.expectations.length === 0 ? p.dim(tally) : failed ? p.red(tally) : p.green(tally)}`);
    for (const e of run.expectations) lines.push(`  ${e.ok ? p.green('✓') : p.red('✗')} ${e.expr}  ${p.dim(`(${actualText(e)})`)}`);
  }
  const others = report.runs.filter((r) => r !== run && r.expectations.length > 0);
  if (others.length > 0) lines.push(p.dim(`the same expectations on the others (information): ${others.map((r) => `${r.label} ${expectationTally(r.expectations, true)}`).join(', ')}`));
  return lines;
}

export function formatCompareMarkdown(report: CompareReport, title?: string, limit = MARKDOWN_LIMIT_BYTES): string {
  const run = checkedRun(report);
  const failed = run?.expectations.some((e) => !e.ok) ?? false;
  const verdict = run ? expectationTally(run.expectations) : 'expectations not checked';
  const out = [`## ${failed ? '❌' : '✅'} ${escapeMarkdown(report.scenario)} compared: ${verdict}`, ''];
  if (title) out.push(escapeMarkdown(title), '');
  out.push(`seed ${report.seed} · ${report.runs[0]?.fidelity ?? ''} fidelity · ${report.runs.length} strategies`, '');
  out.push(...markdownTable(HEADER, rows(report, (t) => `**${t} ✓**`, escapeMarkdown), ALIGN, true), '');
  out.push(`_${escapeMarkdown(BEST_FOOTNOTE)} \\* marks the scenario’s own strategy, whose expectations decide the result._`, '');
  if (run && run.expectations.length > 0) {
    out.push(`### Expectations on ${escapeMarkdown(run.label)}`, '');
    for (const e of run.expectations) out.push(`- ${e.ok ? '✅' : '❌'} ${code(e.expr)} — ${escapeMarkdown(actualText(e))}`);
    out.push('');
  }
  return fit(out.join('\n'), limit);
}

/**
 * JUnit: a suite per strategy, a test case per expectation. The scenario's own strategy's
 * cases pass or fail; the others' are <skipped> with what they found (information only).
 */
export function formatCompareJunit(report: CompareReport): string {
  const suites = report.runs.map((r) => {
    const checked = r.label === report.checked;
    const failures = checked ? r.expectations.filter((e) => !e.ok && !e.error).length : 0;
    const errors = checked ? r.expectations.filter((e) => e.error).length : 0;
    const skipped = checked ? 0 : r.expectations.length;
    const counts = { tests: r.expectations.length, failures, errors, skipped };
    const props: [string, string | number][] = [
      ['seed', r.seed],
      ['strategy', r.strategy],
      ['label', r.label],
      ['fidelity', r.fidelity],
      ['outcome', r.outcome],
      ['checked', String(checked)],
    ];
    const cases = r.expectations.map((e) => {
      const open = `    <testcase name="${attr(e.expr)}" classname="${attr(`${report.scenario}.${r.label}`)}" time="0"`;
      const message = `${e.expr}: ${actualText(e)}`;
      if (!checked) return `${open}>\n      <skipped message="${attr(`not the scenario’s own strategy (information): ${e.ok ? 'holds' : 'does not hold'}, ${actualText(e)}`)}"/>\n    </testcase>`;
      if (e.ok) return `${open}/>`;
      const tag = e.error ? 'error' : 'failure';
      return `${open}>\n      <${tag} message="${attr(message)}" type="${e.error ? 'expectation-error' : 'expectation'}">${text(message)}</${tag}>\n    </testcase>`;
    });
    return { counts, xml: [`  <testsuite name="${attr(`${report.scenario} [${r.label}]`)}" ${attrs(counts)}>`, '    <properties>', ...props.map(([n, v]) => `      <property name="${attr(n)}" value="${attr(String(v))}"/>`), '    </properties>', ...cases, '  </testsuite>'] };
  });
  const total = suites.reduce((t, s) => ({ tests: t.tests + s.counts.tests, failures: t.failures + s.counts.failures, errors: t.errors + s.counts.errors, skipped: t.skipped + s.counts.skipped }), { tests: 0, failures: 0, errors: 0, skipped: 0 });
  return `${['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="rollout-lab compare" ${attrs(total)}>`, ...suites.flatMap((s) => s.xml), '</testsuites>'].join('\n')}\n`;
}

function attrs(c: { tests: number; failures: number; errors: number; skipped: number }): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="0"`;
}
