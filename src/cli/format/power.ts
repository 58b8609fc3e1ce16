// `power` for people: two matrices over canary weight × hold time — the chance that the
// analysis catches the effect, and the chance it rolls back a healthy release — each with its
// 95% Wilson interval. JSON is the PowerResult itself.
import type { PowerCellResult, PowerResult } from '../../scenario/power.ts';
import type { Rate } from '../../scenario/sweep-stats.ts';
import { plain, type Paint } from '../color.ts';
import { columns, markdownTable, type Align } from './columns.ts';
import { escapeMarkdown, fit, MARKDOWN_LIMIT_BYTES } from './markdown.ts';
import { duration, number } from './measures.ts';
import { rateText, seedRange } from './sweep-text.ts';

function matrix(r: PowerResult, rate: (c: PowerCellResult) => Rate): { header: string[]; rows: string[][]; align: Align[] } {
  const header = ['weight \\ hold', ...r.holdsS.map((h) => duration(h))];
  const rows = r.weights.map((w, i) => [`${number(w)}%`, ...r.holdsS.map((_, j) => rateText(rate(r.cells[i * r.holdsS.length + j]), false))]);
  return { header, rows, align: ['left', ...r.holdsS.map(() => 'right' as const)] };
}

function about(r: PowerResult): string {
  return `${r.seeds} ${r.seeds === 1 ? 'seed' : 'seeds'} (${seedRange(r.firstSeed, r.seeds).replace(/^seeds? /, '')}) per cell, the same with and without the effect · ${r.fidelity} fidelity · analysis template ${r.template}`;
}

const NOTE =
  'Each cell runs the canary as two steps — setWeight, then the analysis for the hold time — with the candidate’s own regressions removed, no operator and no drills, so only the analysis can roll it back.';

export function formatPowerTable(r: PowerResult, p: Paint = plain): string {
  const lines = [p.bold(`${r.scenario}`) + p.dim(`  power against ${r.effect.spec}`), p.dim(about(r)), ''];
  const detect = matrix(r, (c) => c.detection);
  lines.push(`chance the analysis catches ${r.effect.spec} (95% CI)`);
  const dt = columns(detect.header, detect.rows, detect.align);
  lines.push(p.dim(dt[0]), ...dt.slice(1), '');
  const falseRb = matrix(r, (c) => c.falseRollback);
  lines.push('chance it rolls back the same release without the effect (95% CI)');
  const ft = columns(falseRb.header, falseRb.rows, falseRb.align);
  lines.push(p.dim(ft[0]), ...ft.slice(1), '', p.dim(NOTE));
  return `${lines.join('\n')}\n`;
}

export function formatPowerMarkdown(r: PowerResult, limit = MARKDOWN_LIMIT_BYTES): string {
  const out = [`## ${escapeMarkdown(r.scenario)}: power against ${escapeMarkdown(r.effect.spec)}`, ''];
  if (r.title) out.push(escapeMarkdown(r.title), '');
  out.push(escapeMarkdown(about(r)), '');
  const detect = matrix(r, (c) => c.detection);
  out.push(`**Chance the analysis catches ${escapeMarkdown(r.effect.spec)}** (95% CI)`, '', ...markdownTable(detect.header, detect.rows, detect.align), '');
  const falseRb = matrix(r, (c) => c.falseRollback);
  out.push('**Chance it rolls back the same release without the effect** (95% CI)', '', ...markdownTable(falseRb.header, falseRb.rows, falseRb.align), '');
  out.push(`_${escapeMarkdown(NOTE)}_`, '');
  return fit(out.join('\n'), limit);
}
