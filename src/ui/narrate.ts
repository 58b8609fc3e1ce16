// Each event of a run as a plain sentence with the numbers behind it, in the voice of
// Flagger's log ("Advance … canary weight 10", "Halt … success rate 98.69% < 99%"). Pure, so
// the player, tests and any other shell word events the same way. Kinds it does not know
// still read as a sentence listing their fields.
import { reportLimits } from './lib/analysis-checks.ts';
import { formatCount, formatDuration, formatMs, formatNumber, formatPercent, plural } from './lib/format.ts';
import type { RunEvent } from './lib/run-types.ts';
import { COMPATIBILITY_SENTENCES } from './narration/compatibility.ts';
import { because, capitalize, num, seconds, str, type Describe } from './narration/words.ts';

export type Tone = 'neutral' | 'good' | 'bad' | 'warn';

export interface Narration {
  /** A few words naming what happened ("Traffic shifts"). */
  headline: string;
  /** One or two sentences with the numbers. */
  text: string;
  /** The scenario's own lesson text for this kind of event, when it has one. */
  lesson?: string;
  /** How the event bodes for the rollout: drives the colour of its marker and icon. */
  tone: Tone;
}

export interface NarrationContext {
  /** The scenario's `narration:` block: lesson text keyed by event kind. */
  narration?: Readonly<Record<string, string>>;
}

/** A metric's value in its unit: errorRate 0.0105 → "1.05%", latency.p99 179.6 → "180 ms". */
export function formatMetric(metric: string, value: number | null): string {
  if (value === null) return 'no data';
  if (metric === 'errorRate' || metric === 'conversionRate') return formatPercent(value);
  if (metric === 'successRate') return `${formatNumber(value, 4)}%`;
  if (metric.startsWith('latency.')) return formatMs(value);
  if (metric === 'requestRate') return `${formatNumber(value)} requests/s`;
  return formatNumber(value);
}

/** The metric in words: errorRate → "error rate", latency.p99 → "p99 latency". */
export function metricWords(metric: string): string {
  if (metric.startsWith('latency.')) return `${metric.slice('latency.'.length)} latency`;
  return metric.replace(/([A-Z])/g, ' $1').toLowerCase();
}

function stepWords(step: unknown): string {
  if (!step || typeof step !== 'object') return 'the next step';
  const s = step as Record<string, unknown>;
  if ('setWeight' in s) return `send ${formatNumber(num(s.setWeight) ?? 0)}% of traffic to the canary`;
  if ('pause' in s) {
    const d = num((s.pause as Record<string, unknown> | null)?.duration);
    return d === null ? 'pause until a person promotes' : `pause for ${formatDuration(d)}`;
  }
  if ('analysis' in s) {
    const a = s.analysis as Record<string, unknown>;
    const templates = Array.isArray(a.templates) ? a.templates.join(', ') : str(a.template);
    const d = num(a.duration);
    return `run the ${templates} analysis${d === null ? '' : ` for ${formatDuration(d)}`}`;
  }
  if ('setCanaryScale' in s) {
    const c = s.setCanaryScale as Record<string, unknown>;
    if (num(c.replicas) !== null) return `scale the canary to ${plural(num(c.replicas)!, 'instance')}`;
    if (num(c.weight) !== null) return `scale the canary to ${c.weight}% of the fleet`;
    return 'size the canary to match its traffic weight';
  }
  return Object.keys(s)[0] ?? 'the next step';
}

function weightsWords(weights: unknown): string {
  if (!weights || typeof weights !== 'object') return 'unchanged weights';
  const entries = Object.entries(weights as Record<string, unknown>);
  return entries.map(([name, w]) => `${formatNumber(num(w) ?? 0)}% to ${name}`).join(', ');
}

/** One metric's line of an analysis round: "error rate 1.05% vs baseline 0.0833% (limit 0.183%)". */
function checkWords(report: Record<string, unknown>): string {
  const metric = str(report.metric, str(report.name));
  const canary = num(report.canary);
  const baseline = num(report.baseline);
  const { upper, lower, condition } = reportLimits(report);
  const parts = [`${str(report.name)}: canary ${formatMetric(metric, canary)}`];
  if (baseline !== null) parts.push(`vs baseline ${formatMetric(metric, baseline)}`);
  const limit = upper !== null ? `must stay below ${formatMetric(metric, upper)}` : lower !== null ? `must stay above ${formatMetric(metric, lower)}` : condition ? `needs ${condition}` : '';
  return `${parts.join(' ')}${limit ? ` (${limit})` : ''}`;
}

const VERDICT_WORDS: Record<string, string> = { pass: 'passes', fail: 'fails', inconclusive: 'is inconclusive', error: 'errors' };

const SENTENCES: Record<string, Describe> = {
  'deploy-start': (e) => ({
    headline: 'Deploy starts',
    text: `The ${str(e.strategy)} deploy of ${str(e.version)} begins on a fleet of ${plural(num(e.replicas) ?? 0, 'replica')}.`,
    tone: 'neutral',
  }),
  step: (e) => {
    const index = num(e.index);
    const of = num(e.of);
    const which = index === null ? 'Next step' : `Step ${index + 1}${of === null ? '' : ` of ${of}`}`;
    return { headline: which, text: `${which}: ${stepWords(e.step)}.`, tone: 'neutral' };
  },
  scale: (e) => ({
    headline: 'Scale',
    text: `${str(e.replicaSet)} is scaled to ${plural(num(e.replicas) ?? 0, 'instance')}${because(e.reason)}.`,
    tone: 'neutral',
  }),
  'instance-ready': (e) => ({
    headline: 'Instance ready',
    text: `Instance ${str(e.instance)} (${str(e.version)}, ${str(e.replicaSet)}) passes its readiness probe and joins the endpoints: it now receives requests.`,
    tone: 'neutral',
  }),
  'instance-unready': (e) => ({
    headline: 'Instance unready',
    text: `Instance ${str(e.instance)} (${str(e.version)}, ${str(e.replicaSet)}) fails its readiness probe and leaves the endpoints: it gets no new requests.`,
    tone: 'warn',
  }),
  'instance-crash': (e) => ({
    headline: 'Instance crashed',
    text: `Instance ${str(e.instance)} (${str(e.version)}) crashed${num(e.crashes) !== null && num(e.crashes)! > 1 ? ` for the ${ordinal(num(e.crashes)!)} time` : ''}; its requests in flight are lost and it restarts in ${seconds(e.restartInS)}.`,
    tone: 'bad',
  }),
  'headroom-wait': (e) => ({
    headline: 'Waiting for room',
    text: `Instance ${str(e.instance)} waits to be scheduled: the cluster holds at most ${plural(num(e.maxInstances) ?? 0, 'instance')} and ${formatCount(num(e.waiting) ?? 0)} are waiting.`,
    tone: 'warn',
  }),
  'weight-change': (e) => {
    const entries = e.weights && typeof e.weights === 'object' ? Object.entries(e.weights as Record<string, unknown>) : [];
    // A Kubernetes Service selecting every version: the split follows the ready instances.
    if (entries.length > 1 && entries.every(([, w]) => w === 100)) {
      return {
        headline: 'Service selects every version',
        text: `The Service now selects ${entries.map(([name]) => name).join(' and ')}: requests spread over the ready instances of all of them, so each version's share follows its share of ready instances.`,
        tone: 'neutral',
      };
    }
    return {
      headline: 'Traffic weights change',
      text: `The router is told to send ${weightsWords(e.weights)}${because(e.reason)}. It takes effect after ${seconds(e.effectiveInS)}.`,
      tone: 'neutral',
    };
  },
  'rolling-update': (e) =>
    e.toward !== undefined
      ? { headline: 'Rolling back', text: `A rolling update back toward ${str(e.toward)} begins${because(e.reason)}: it replaces instances at the same pace as the deploy did.`, tone: 'warn' }
      : {
          headline: 'Rolling update',
          text: `The rolling update may add up to ${plural(num(e.maxSurge) ?? 0, 'extra instance')} (maxSurge) and take down up to ${plural(num(e.maxUnavailable) ?? 0, 'instance')} (maxUnavailable) at a time${num(e.minReadySeconds) ? `; a new instance counts as available after ${seconds(e.minReadySeconds)} ready` : ''}.`,
          tone: 'neutral',
        },
  'analysis-start': (e) => {
    const metrics = Array.isArray(e.metrics) ? e.metrics.join(' and ') : 'its metrics';
    const d = num(e.duration);
    return {
      headline: 'Analysis starts',
      text: `Analysis "${str(e.run)}" starts: every ${seconds(e.interval)}${d === null ? '' : ` for ${formatDuration(d)}`} it compares ${str(e.canary)}${e.baseline ? ` with ${str(e.baseline)}` : ''} on ${metrics}.`,
      tone: 'neutral',
    };
  },
  analysis: (e) => {
    const verdict = str(e.verdict, 'error');
    const reports = (Array.isArray(e.metrics) ? e.metrics : []) as Record<string, unknown>[];
    const failing = reports.filter((r) => r.verdict !== 'pass');
    const ordered = [...failing, ...reports.filter((r) => r.verdict === 'pass')];
    const details = ordered.map((r) => `${checkWords(r)} — ${VERDICT_WORDS[str(r.verdict)] ?? str(r.verdict)}`).join('; ');
    return {
      headline: `Check ${str(e.round)} ${VERDICT_WORDS[verdict] ?? verdict}`,
      text: `Check ${str(e.round)} of "${str(e.run)}" ${VERDICT_WORDS[verdict] ?? verdict}. ${details}.`,
      tone: verdict === 'pass' ? 'good' : verdict === 'fail' || verdict === 'error' ? 'bad' : 'warn',
    };
  },
  'analysis-done': (e) => {
    const phase = str(e.phase);
    const rounds = num(e.rounds) ?? 0;
    const message = analysisMessage(e.message);
    return {
      headline: `Analysis ${phase.toLowerCase()}`,
      text: `Analysis "${str(e.run)}" ends ${phase} after ${plural(rounds, 'check')} over ${seconds(e.durationS)}${message ? `: ${message}` : ''}.`,
      tone: phase === 'Successful' ? 'good' : phase === 'Inconclusive' ? 'warn' : 'bad',
    };
  },
  rollback: (e) => {
    const trigger = str(e.trigger, 'unknown');
    if (trigger === 'drill') {
      return { headline: 'Rollback drill', text: 'A rollback drill: the lab orders a rollback on purpose, to measure how long going back takes.', tone: 'warn' };
    }
    const delay = num(e.detectionDelayS);
    const who = trigger === 'analysis' ? 'the automated analysis failed' : trigger === 'operator' ? 'the operator on call acted on an alert' : `trigger: ${trigger}`;
    return {
      headline: 'Rollback',
      text: `Rollback decided because ${who}${delay === null ? '' : `, ${formatDuration(delay)} after the release first hurt a request`}.`,
      tone: 'bad',
    };
  },
  restored: (e) => ({
    headline: 'Restored',
    text: `Restored: ${formatPercent(num(e.trafficOnStable) ?? 1)} of traffic is back on the stable version at full capacity, ${seconds(e.timeToRestoreS)} after the rollback decision.`,
    tone: 'good',
  }),
  promote: (e) => ({
    headline: 'Promotion',
    text: `Promotion begins: ${str(e.replicaSet)} becomes the new stable${typeof e.step === 'string' ? ` (${e.step})` : ''}.`,
    tone: 'good',
  }),
  promoted: (e) => ({
    headline: 'Promoted',
    text: `Promoted: ${formatPercent(num(e.trafficOnNew) ?? 1)} of traffic is on the new version, ${seconds(e.rolloutDurationS)} after the deploy started.`,
    tone: 'good',
  }),
  'preview-ready': (e) => ({
    headline: 'Green is ready',
    text: `All ${plural(num(e.ready) ?? 0, 'instance')} of ${str(e.replicaSet)} are ready; they get no traffic until the flip.`,
    tone: 'neutral',
  }),
  flip: (e) => ({
    headline: e.reason === 'rollback' ? 'Flip back' : 'Flip',
    text:
      e.router === 'dns'
        ? `DNS now answers with ${str(e.to)} instead of ${str(e.from)}${e.reason === 'rollback' ? ' (the rollback)' : ''}; each client moves when its cached answer expires, and some hold on much longer.`
        : `The ${str(e.router, 'router')} moves all traffic from ${str(e.from)} to ${str(e.to)} in one step${e.reason === 'rollback' ? ' (the rollback)' : ''}; it reaches every proxy within ${seconds(e.propagationS)}.`,
    tone: e.reason === 'rollback' ? 'warn' : 'neutral',
  }),
  paused: (e) => ({ headline: 'Paused', text: `The rollout pauses${because(e.reason)}.`, tone: 'warn' }),
  'alert-firing': (e) => {
    const metric = str(e.metric);
    return {
      headline: 'Alert firing',
      text: `An alert fires: ${metricWords(metric)} is ${formatMetric(metric, num(e.value))}, above its threshold of ${formatMetric(metric, num(e.threshold))} for ${seconds(e.heldForS)}. The operator on call reacts in ${seconds(e.reactionTimeS)}.`,
      tone: 'bad',
    };
  },
  'progress-deadline-exceeded': (e) => ({
    headline: 'Progress deadline exceeded',
    text: `No progress for ${seconds(e.progressDeadlineSeconds)} (progressDeadlineSeconds): only ${formatCount(num(e.available) ?? 0)} of ${plural(num(e.replicas) ?? 0, 'new instance')} are available.`,
    tone: 'bad',
  }),
  halt: (e) => ({
    headline: 'Halt',
    text: `Halt advancement at canary weight ${formatNumber(num(e.weight) ?? 0)}%: ${plural(num(e.failedChecks) ?? 0, 'failed check')} of the ${formatCount(num(e.threshold) ?? 0)} allowed before a rollback.`,
    tone: 'warn',
  }),
  'mirror-route': (e) => ({
    headline: 'Mirroring',
    text: `${formatPercent(num(e.share) ?? 1)} of requests are copied to ${str(e.replicaSet)}; users still get the stable version's responses.`,
    tone: 'neutral',
  }),
  'match-route': (e) => ({
    headline: 'Header route',
    text: `Requests from ${formatPercent(num(e.userShare) ?? 0)} of users (matched by header) go to ${str(e.replicaSet)}.`,
    tone: 'neutral',
  }),
};

/**
 * An analysis run's closing message in words: Argo's `metric "x" assessed Failed due to
 * failed (1) > failureLimit (0): …` becomes "x failed 1 check, more than its failureLimit of 0".
 */
function analysisMessage(message: unknown): string {
  if (typeof message !== 'string') return '';
  const limit = /^metric "([^"]+)" assessed \w+ due to (\w+) \((\d+)\) > (\w+) \((\d+)\)/.exec(message);
  if (limit) {
    const [, name, counter, n, limitName, max] = limit;
    const what = counter === 'consecutiveError' ? (Number(n) === 1 ? 'consecutive error' : 'consecutive errors') : `${counter} ${Number(n) === 1 ? 'check' : 'checks'}`;
    return `${name} had ${n} ${what}, more than its ${limitName} of ${max}`;
  }
  const duration = /^duration of ([\d.]+) s reached$/.exec(message);
  if (duration) return `its ${formatDuration(Number(duration[1]))} ran out without breaking a limit`;
  return message;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

function show(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v, 4);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'none';
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}

/** A kind this file does not know: its name and fields. */
function generic(e: RunEvent): Omit<Narration, 'lesson'> {
  const fields = Object.entries(e)
    .filter(([k]) => k !== 't' && k !== 'kind')
    .map(([k, v]) => `${k} ${show(v)}`);
  const name = capitalize(e.kind.replace(/-/g, ' '));
  return { headline: name, text: `${name}${fields.length ? `: ${fields.join(', ')}` : ''}.`, tone: 'neutral' };
}

/** One event in words; the scenario's lesson text for its kind comes along as `lesson`. */
export function narrate(e: RunEvent, context: NarrationContext = {}): Narration {
  const known = Object.hasOwn(SENTENCES, e.kind) ? SENTENCES[e.kind] : Object.hasOwn(COMPATIBILITY_SENTENCES, e.kind) ? COMPATIBILITY_SENTENCES[e.kind] : undefined;
  const base = known ? known(e) : generic(e);
  const lesson = context.narration && Object.hasOwn(context.narration, e.kind) ? context.narration[e.kind] : undefined;
  return lesson ? { ...base, lesson } : base;
}

/** Event kinds the player treats as milestones (taller scrubber markers, bold in the log). */
export const MILESTONES: ReadonlySet<string> = new Set([
  'deploy-start',
  'weight-change',
  'flip',
  'analysis-done',
  'rollback',
  'restored',
  'promote',
  'promoted',
  'paused',
  'alert-firing',
  'halt',
  'progress-deadline-exceeded',
  'compatibility-first-failure',
  'compatibility-failure-after-restore',
  'compatibility-migration-finished',
  'compatibility-dead-letter-threshold',
]);
