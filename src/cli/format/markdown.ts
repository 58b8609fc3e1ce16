// `--format markdown`: for $GITHUB_STEP_SUMMARY — a heading with the verdict, the summary
// table, the expectations, and the event log folded in <details>. GitHub rejects a step
// summary over 1 MiB, so the output is cut to fit with a note saying what was left out.
import type { RunResult } from '../../scenario/run-result.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { explainEvents } from '../explain.ts';
import { actualText, clock, expectationTally, summaryRows } from './measures.ts';

/** GitHub's limit is 1 MiB per step; leave room for what other steps append. */
export const MARKDOWN_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

export function formatMarkdown(result: RunResult, scenario?: Scenario, limit = MARKDOWN_LIMIT_BYTES): string {
  const failed = result.expectations.some((e) => !e.ok);
  const head: string[] = [];
  head.push(`## ${failed ? '❌' : '✅'} ${escapeMarkdown(result.scenario)}: ${expectationTally(result.expectations)}`);
  head.push('');
  if (scenario?.title) head.push(`${escapeMarkdown(scenario.title)}`, '');
  head.push(`seed ${result.seed} · strategy \`${result.strategy}\` · ${result.fidelity} fidelity · outcome **${result.outcome}**`);
  head.push('');
  head.push('| measure | value |', '| --- | --- |');
  for (const r of summaryRows(result)) head.push(`| ${r.label} | ${cell(r.value)} |`);
  head.push('');
  if (result.expectations.length > 0) {
    head.push('### Expectations', '');
    for (const e of result.expectations) head.push(`- ${e.ok ? '✅' : '❌'} ${code(e.expr)} — ${escapeMarkdown(actualText(e))}`);
    head.push('');
  }
  const top = `${head.join('\n')}\n`;

  const rows = explainEvents(result.events, scenario).map((s) => `| ${clock(s.t)} | ${cell(s.text)} |`);
  if (rows.length === 0) return fit(top, limit);
  const open = `<details><summary>Events (${rows.length})</summary>\n\n| time | event |\n| --- | --- |\n`;
  const close = '\n\n</details>\n';
  let budget = limit - bytes(top) - bytes(open) - bytes(close) - 200;
  const kept: string[] = [];
  for (const row of rows) {
    const size = bytes(row) + 1;
    if (size > budget) break;
    kept.push(row);
    budget -= size;
  }
  const note = kept.length < rows.length ? `\n\n_${rows.length - kept.length} more events not shown, to stay under GitHub's 1 MiB step-summary limit; \`--format json\` has them all._` : '';
  return fit(`${top}\n${open}${kept.join('\n')}${note}${close}`, limit);
}

/** The last guard: whatever happens above, never more than `limit` bytes. */
export function fit(text: string, limit: number): string {
  if (bytes(text) <= limit) return text;
  const note = '\n\n_Output cut to stay under the 1 MiB step-summary limit._\n';
  const encoded = new TextEncoder().encode(text).slice(0, limit - bytes(note));
  const cut = new TextDecoder().decode(encoded).replace(/\uFFFD?$/, '');
  return cut.slice(0, Math.max(0, cut.lastIndexOf('\n'))) + note;
}

function bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Text that Markdown and GitHub's HTML would otherwise interpret. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function cell(s: string): string {
  return escapeMarkdown(s).replace(/\r?\n/g, ' ');
}

/** Inline code, fenced so that backticks inside survive. */
export function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
