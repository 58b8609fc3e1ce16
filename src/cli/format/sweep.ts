// A sweep's answer for people and CI: the table (one block without a grid, one row per cell
// with one), Markdown for $GITHUB_STEP_SUMMARY, and JUnit XML with a test case per sweep
// expectation (per cell). JSON is the SweepResult itself.
import type { ExpectationResult } from '../../scenario/run-result.ts';
import { QUANTILE_MEASURES, OUTCOMES, type SweepSummary } from '../../scenario/sweep-summary.ts';
import type { SweepCellResult, SweepResult } from '../../scenario/sweep.ts';
import { plain, type Paint } from '../color.ts';
import { columns, markdownTable, type Align } from './columns.ts';
import { attr, text } from './junit.ts';
import { code, escapeMarkdown, fit, MARKDOWN_LIMIT_BYTES } from './markdown.ts';
import { actualText, count, expectationTally, percent } from './measures.ts';
import { RATE_LABELS, quantileRow, quantileText, rateText, seedRange } from './sweep-text.ts';

const RATES = ['promotionRate', 'rollbackRate', 'detectionRate', 'falseRollbackRate'] as const;

function heading(r: SweepResult): string {
  const cells = r.cells ? ` × ${r.cells.length} grid cells` : '';
  return `${r.seeds} ${r.seeds === 1 ? 'seed' : 'seeds'} (${seedRange(r.firstSeed, r.seeds).replace(/^seeds? /, '')})${cells} · ${count(r.runs)} runs · ${r.fidelity} fidelity`;
}

function outcomesText(s: SweepSummary): string {
  return OUTCOMES.filter((o) => s.outcomes[o] > 0)
    .map((o) => `${o} ${count(s.outcomes[o])}`)
    .join(', ');
}

function cellName(set: Record<string, string>): string {
  return Object.entries(set)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** Expectation label: the expression, with the cell it was checked on when there is a grid. */
function caseName(e: ExpectationResult & { cell?: number }, r: SweepResult): string {
  return e.cell === undefined || !r.cells ? e.expr : `${e.expr} [${cellName(r.cells[e.cell].set)}]`;
}

export function formatSweepTable(r: SweepResult, p: Paint = plain): string {
  const lines: string[] = [p.bold(r.scenario) + p.dim(`  ${heading(r)}`)];
  if (!r.cells) {
    lines.push(...summaryBlock(r));
  } else {
    lines.push(...gridRows(r, (c) => c).map((l, i) => (i === 0 ? p.dim(l) : l)));
    lines.push('', p.dim('each rate with its 95% Wilson interval; delay and blast radius are medians and 95th percentiles over the runs'));
  }
  lines.push(...expectationLines(r, p));
  return `${lines.join('\n')}\n`;
}

function summaryBlock(s: SweepSummary): string[] {
  const width = 20;
  const lines = [`${'runs'.padEnd(width)}${count(s.runs)}: ${outcomesText(s)}`];
  for (const name of RATES) {
    const rate = s.rates[name];
    if (rate) lines.push(`${RATE_LABELS[name].label.padEnd(width)}${rateText(rate)}  ${RATE_LABELS[name].meaning}`);
  }
  lines.push('');
  const rows = QUANTILE_MEASURES.map((m) => quantileRow(m, s.quantiles[m]));
  lines.push(...columns(['measure', 'runs', 'p5', 'p50', 'p95'], rows, ['left', 'right', 'right', 'right', 'right']));
  return lines;
}

const GRID_HEADER = ['runs', 'promoted', 'rolled back', 'caught / false rollbacks', 'detection delay p50', 'affected p95'];

/** One row per cell: its settings, then the headline numbers. */
function gridRows(r: SweepResult, wrap: (cell: string) => string, markdown = false): string[] {
  const axes = r.grid ?? [];
  const rows = (r.cells ?? []).map((c: SweepCellResult) => [
    ...axes.map((a) => wrap(c.set[a.path] ?? '')),
    count(c.runs),
    rateText(c.rates.promotionRate, false),
    rateText(c.rates.rollbackRate, false),
    c.rates.detectionRate ? `caught ${rateText(c.rates.detectionRate, false)}` : `false ${rateText(c.rates.falseRollbackRate, false)}`,
    quantileText('detectionDelayS', c.quantiles.detectionDelayS.p50),
    quantileText('affectedRequestsFraction', c.quantiles.affectedRequestsFraction.p95),
  ]);
  const header = [...axes.map((a) => a.path), ...GRID_HEADER];
  const align: Align[] = [...axes.map(() => 'left' as const), ...GRID_HEADER.map(() => 'right' as const)];
  return markdown ? markdownTable(header, rows, align) : columns(header, rows, align);
}

function expectationLines(r: SweepResult, p: Paint): string[] {
  const lines: string[] = [''];
  const failed = r.expectations.some((e) => !e.ok);
  const tally = expectationTally(r.expectations, true);
  lines.push(`${'expectations'.padEnd(20)}${r.expectations.length === 0 ? p.dim(`${tally} about the sweep`) : failed ? p.red(tally) : p.green(tally)}`);
  for (const e of r.expectations) lines.push(`  ${e.ok ? p.green('✓') : p.red('✗')} ${caseName(e, r)}  ${p.dim(`(${actualText(e)})`)}`);
  if (r.runExpectations.length > 0) {
    lines.push(p.dim(`run expectations (information: in how many of the ${count(r.runs)} runs each held)`));
    for (const e of r.runExpectations) lines.push(`  ${count(e.held)}/${count(e.runs)} (${percent(e.runs ? e.held / e.runs : 0)})  ${e.expr}`);
  }
  return lines;
}

export function formatSweepMarkdown(r: SweepResult, limit = MARKDOWN_LIMIT_BYTES): string {
  const failed = r.expectations.some((e) => !e.ok);
  const out: string[] = [`## ${failed ? '❌' : '✅'} ${escapeMarkdown(r.scenario)} sweep: ${expectationTally(r.expectations)}`, ''];
  if (r.title) out.push(escapeMarkdown(r.title), '');
  out.push(escapeMarkdown(heading(r)), '');
  if (!r.cells) {
    out.push(`Outcomes: ${escapeMarkdown(outcomesText(r))}`, '');
    const rateRows = RATES.flatMap((name) => (r.rates[name] ? [[RATE_LABELS[name].label, rateText(r.rates[name]), RATE_LABELS[name].meaning]] : []));
    out.push(...markdownTable(['rate', 'value', 'meaning'], rateRows), '');
    out.push(...markdownTable(['measure', 'runs', 'p5', 'p50', 'p95'], QUANTILE_MEASURES.map((m) => quantileRow(m, r.quantiles[m])), ['left', 'right', 'right', 'right', 'right']), '');
  } else {
    out.push(...gridRows(r, (c) => c, true), '', '_Rates with their 95% Wilson intervals; detection delay is the median, affected requests the 95th percentile over the runs._', '');
  }
  if (r.expectations.length > 0) {
    out.push('### Expectations', '');
    for (const e of r.expectations) out.push(`- ${e.ok ? '✅' : '❌'} ${code(caseName(e, r))} — ${escapeMarkdown(actualText(e))}`);
    out.push('');
  }
  if (r.runExpectations.length > 0) {
    out.push('<details><summary>Run expectations (information)</summary>', '');
    for (const e of r.runExpectations) out.push(`- ${count(e.held)}/${count(e.runs)} runs: ${code(e.expr)}`);
    out.push('', '</details>', '');
  }
  return fit(`${out.join('\n')}`, limit);
}

export function formatSweepJunit(r: SweepResult): string {
  const cases = r.expectations;
  const failures = cases.filter((e) => !e.ok && !e.error).length;
  const errors = cases.filter((e) => e.error).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="0"`;
  const props: [string, string | number][] = [
    ['seeds', r.seeds],
    ['firstSeed', r.firstSeed],
    ['runs', r.runs],
    ['fidelity', r.fidelity],
    ['schemaVersion', r.schemaVersion],
    ...(r.grid ?? []).map((a): [string, string] => [`grid ${a.path}`, a.values.join(',')]),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rollout-lab sweep" ${counts}>`,
    `  <testsuite name="${attr(r.scenario)}" ${counts}>`,
    '    <properties>',
    ...props.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(String(value))}"/>`),
    '    </properties>',
    ...cases.map((e) => {
      const open = `    <testcase name="${attr(caseName(e, r))}" classname="${attr(r.scenario)}" time="0"`;
      if (e.ok) return `${open}/>`;
      const tag = e.error ? 'error' : 'failure';
      const message = `${caseName(e, r)}: ${actualText(e)}`;
      return `${open}>\n      <${tag} message="${attr(message)}" type="${e.error ? 'expectation-error' : 'expectation'}">${text(message)}</${tag}>\n    </testcase>`;
    }),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

/** Failed sweep expectations, one line each, for stderr. */
export function sweepFailures(r: SweepResult, file: string): string[] {
  return r.expectations.filter((e) => !e.ok).map((e) => `${file}: expectation failed: ${caseName(e, r)} (${actualText(e)})`);
}
