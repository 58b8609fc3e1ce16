// The run's event log as sentences, in time order, with the numbers behind each decision;
// runs of like events (a fleet becoming ready, an hour of passing checks) read as one.
import type { RunResult } from '../scenario/run-result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { passingRounds } from './explain-analysis.ts';
import { describeEvent, readyRule, show, type RunEvent } from './explain-sentences.ts';
import { actualText, clock, count, expectationTally, summaryRows } from './format/measures.ts';

export { describeEvent } from './explain-sentences.ts';

/** One line of the explanation: when, and what happened. */
export interface Sentence {
  t: number;
  kind: string;
  text: string;
}

const GROUPABLE = new Set(['instance-ready', 'instance-unready', 'instance-crash']);

/** Whether event j continues the run of like events that starts at i. */
function continues(first: RunEvent, next: RunEvent): boolean {
  if (next.kind !== first.kind) return false;
  if (GROUPABLE.has(first.kind)) return next.version === first.version;
  if (first.kind === 'analysis') return next.run === first.run && first.verdict === 'pass' && next.verdict === 'pass';
  return false;
}

/**
 * The events as sentences. Three or more like events in a row read as one sentence: the
 * instance events of one version, and the passing checks of one analysis run.
 */
export function explainEvents(events: readonly RunEvent[], scenario?: Scenario): Sentence[] {
  const out: Sentence[] = [];
  for (let i = 0; i < events.length; ) {
    const e = events[i];
    let j = i + 1;
    if (GROUPABLE.has(e.kind) || e.kind === 'analysis') while (j < events.length && continues(e, events[j])) j++;
    if (j - i >= 3) {
      const group = events.slice(i, j);
      out.push({ t: e.t, kind: e.kind, text: e.kind === 'analysis' ? passingRounds(group) : groupSentence(group, scenario) });
    } else {
      for (let k = i; k < j; k++) out.push({ t: events[k].t, kind: events[k].kind, text: describeEvent(events[k], scenario) });
    }
    i = j;
  }
  return out;
}

function groupSentence(group: readonly RunEvent[], scenario?: Scenario): string {
  const first = group[0];
  const last = group[group.length - 1];
  const ids = group.map((e) => e.instance).filter((x): x is number => typeof x === 'number');
  const span = last.t > first.t ? ` between ${clock(first.t)} and ${clock(last.t)}` : '';
  const which = `${count(group.length)} instances of ${show(first.version)} (${idRanges(ids)})`;
  if (first.kind === 'instance-ready') return `${which} passed their readiness probes${span}${readyRule(scenario)} and join the endpoints`;
  if (first.kind === 'instance-unready') return `${which} failed their readiness probes${span} and leave the endpoints`;
  return `${which} crashed${span}; each restarts after its CrashLoopBackOff delay`;
}

/** `3–7, 9, 12–13`. */
function idRanges(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.length > 8 ? `${parts.slice(0, 8).join(', ')}, …` : parts.join(', ');
}

/** A sentence ends with one full stop (a message that ends in a number gets one too). */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** The whole explanation of a run: what ran, what happened and when, how it ended. */
export function explainRun(result: RunResult, scenario?: Scenario): string {
  const lines: string[] = [];
  lines.push(`${result.scenario}${scenario?.title ? ` — ${scenario.title}` : ''}`);
  lines.push(`strategy ${result.strategy}, seed ${result.seed}, ${result.fidelity} fidelity`);
  lines.push('');
  const sentences = explainEvents(result.events, scenario);
  if (sentences.length === 0) lines.push('Nothing happened worth a sentence: no instance changed state and no traffic moved.');
  const narrated = new Set<string>();
  const width = Math.max(0, ...sentences.map((s) => clock(s.t).length));
  for (const s of sentences) {
    lines.push(`${clock(s.t).padEnd(width)}  ${sentence(s.text)}`);
    const lesson = scenario?.narration[s.kind];
    if (lesson && !narrated.has(s.kind)) {
      narrated.add(s.kind);
      lines.push(`${' '.repeat(width)}  » ${lesson}`);
    }
  }
  lines.push('');
  for (const r of summaryRows(result)) lines.push(`${r.label}: ${r.value}`);
  lines.push('');
  lines.push(`${expectationTally(result.expectations)}${result.expectations.length ? ':' : '.'}`);
  for (const e of result.expectations) lines.push(`  ${e.ok ? '✓' : '✗'} ${e.expr} (${actualText(e)})`);
  return `${lines.join('\n')}\n`;
}
