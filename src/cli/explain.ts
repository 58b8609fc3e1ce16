// The run's event log as plain sentences, with the numbers behind each decision — in the
// voice of Flagger's log ("Advance … canary weight 10"). Kinds this file does not know
// (new strategy events, say) still print, as a generic sentence listing their fields.
import type { RunResult } from '../scenario/run-result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { actualText, clock, count, expectationTally, number, summaryRows } from './format/measures.ts';

type RunEvent = RunResult['events'][number];

/** One line of the explanation: when, and what happened. */
export interface Sentence {
  t: number;
  kind: string;
  text: string;
}

type Describe = (e: RunEvent, s: Scenario | undefined) => string;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const SENTENCES: Record<string, Describe> = {
  'instance-ready': (e, s) =>
    `instance ${field(e, 'instance')} of ${field(e, 'version')} passed its readiness probe${readyRule(s)} and joins the endpoints`,
  'instance-unready': (e, s) => {
    const n = s?.fleet.readinessProbe.failureThreshold;
    const failed = n === undefined || n === 1 ? 'failed a readiness probe' : `failed ${n} readiness probes in a row`;
    return `instance ${field(e, 'instance')} of ${field(e, 'version')} ${failed} and leaves the endpoints: it gets no new requests`;
  },
  'instance-crash': (e, s) => {
    const backoff = s?.fleet.crashLoopBackOff;
    const rule = backoff ? ` (back-off starts at ${number(backoff.initial)} s and doubles up to ${number(backoff.max)} s)` : '';
    return `instance ${field(e, 'instance')} of ${field(e, 'version')} crashed (crash ${field(e, 'crashes')}); it restarts in ${field(e, 'restartInS')} s${rule}`;
  },
  'headroom-wait': (e) =>
    `instance ${field(e, 'instance')} waits for room: the cluster holds at most ${field(e, 'maxInstances')} instances, and ${field(e, 'waiting')} wait to be scheduled`,
  'weight-change': (e) => {
    const weights = e.weights && typeof e.weights === 'object' ? Object.entries(e.weights as Record<string, number>) : [];
    const split = weights.length ? weights.map(([name, w]) => `${name} ${number(w)}%`).join(', ') : 'unchanged';
    const reason = typeof e.reason === 'string' && e.reason ? ` (${e.reason})` : '';
    return `traffic weights set to ${split}${reason}; the router applies them after ${field(e, 'effectiveInS')} s`;
  },
};

/** `(probed every 10 s; 1 success needed)`: Kubernetes' periodSeconds and successThreshold. */
function readyRule(s: Scenario | undefined): string {
  const probe = s?.fleet.readinessProbe;
  return probe ? ` (probed every ${number(probe.periodSeconds)} s; ${plural(probe.successThreshold, 'success', 'successes in a row')} needed)` : '';
}

/** One event as a sentence (without its time). */
export function describeEvent(e: RunEvent, scenario?: Scenario): string {
  const known = SENTENCES[e.kind];
  return known ? known(e, scenario) : generic(e);
}

/** A kind this file does not know: its name and fields, numbers readable. */
function generic(e: RunEvent): string {
  const fields = Object.entries(e)
    .filter(([k]) => k !== 't' && k !== 'kind')
    .map(([k, v]) => `${k} ${show(v)}`);
  return `${e.kind.replace(/-/g, ' ')}${fields.length ? `: ${fields.join(', ')}` : ''}`;
}

function field(e: RunEvent, name: string): string {
  return show(e[name]);
}

function show(v: unknown): string {
  if (typeof v === 'number') return number(v);
  if (typeof v === 'string') return v;
  if (v === undefined) return '?';
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/**
 * The events as sentences. Runs of the same instance event for the same version (a fleet
 * becoming ready) read as one sentence, so a 200-instance fleet does not fill the screen.
 */
export function explainEvents(events: readonly RunEvent[], scenario?: Scenario): Sentence[] {
  const out: Sentence[] = [];
  for (let i = 0; i < events.length; ) {
    const e = events[i];
    let j = i + 1;
    if (GROUPABLE.has(e.kind)) while (j < events.length && events[j].kind === e.kind && events[j].version === e.version) j++;
    if (j - i >= 3) {
      const group = events.slice(i, j);
      out.push({ t: e.t, kind: e.kind, text: groupSentence(group, scenario) });
    } else {
      for (let k = i; k < j; k++) out.push({ t: events[k].t, kind: events[k].kind, text: describeEvent(events[k], scenario) });
    }
    i = j;
  }
  return out;
}

const GROUPABLE = new Set(['instance-ready', 'instance-unready', 'instance-crash']);

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
    lines.push(`${clock(s.t).padEnd(width)}  ${s.text}.`);
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
