// `--format table` (the default): a compact summary for a person at a terminal — the outcome
// measures, then each expectation ✓/✗ with the value it found.
import { plain, type Paint } from '../color.ts';
import type { RunResult } from '../../scenario/run-result.ts';
import { actualText, expectationTally, summaryRows } from './measures.ts';

export function formatTable(result: RunResult, p: Paint = plain): string {
  const rows = summaryRows(result);
  const width = Math.max(...rows.map((r) => r.label.length), 'expectations'.length) + 2;
  const lines: string[] = [];
  lines.push(p.bold(`${result.scenario}`) + p.dim(`  seed ${result.seed} · strategy ${result.strategy} · fidelity ${result.fidelity}`));
  for (const r of rows) {
    const value = r.label === 'outcome' ? outcomeColour(r.value, p) : r.value;
    lines.push(`${r.label.padEnd(width)}${value}`);
  }
  const failed = result.expectations.some((e) => !e.ok);
  const tally = expectationTally(result.expectations, true);
  lines.push(`${'expectations'.padEnd(width)}${result.expectations.length === 0 ? p.dim(tally) : failed ? p.red(tally) : p.green(tally)}`);
  for (const e of result.expectations) {
    const mark = e.ok ? p.green('✓') : p.red('✗');
    lines.push(`  ${mark} ${e.expr}  ${p.dim(`(${actualText(e)})`)}`);
  }
  return `${lines.join('\n')}\n`;
}

function outcomeColour(outcome: string, p: Paint): string {
  if (outcome === 'promoted' || outcome === 'completed') return p.green(outcome);
  if (outcome === 'rolled-back') return p.yellow(outcome);
  return p.red(outcome);
}
