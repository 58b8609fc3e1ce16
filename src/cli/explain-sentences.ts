// Each kind of event as a sentence with the numbers behind it, in the voice of Flagger's log
// ("Advance canary weight 10", "Halt: success rate 98.69% < 99%") but in plain English with
// units. Kinds this file does not know (new strategy events) still print, as a generic
// sentence listing their fields.
import type { RunResult } from '../scenario/run-result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { metricValue, quoteRun, roundDetails } from './explain-analysis.ts';
import { duration, number, percent } from './format/measures.ts';

export type RunEvent = RunResult['events'][number];
type Describe = (e: RunEvent, s: Scenario | undefined) => string;

const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

const STRATEGY_WORDS: Record<string, string> = { canary: 'a canary', rolling: 'a rolling update', 'blue-green': 'a blue-green deploy', recreate: 'a recreate deploy' };

export const SENTENCES: Record<string, Describe> = {
  'deploy-start': (e) => `The deploy of ${field(e, 'version')} begins as ${STRATEGY_WORDS[String(e.strategy)] ?? String(e.strategy)} across ${plural(Number(e.replicas), 'replica')}`,
  step: (e) => `Canary step ${Number(e.index) + 1} of ${field(e, 'of')}: ${stepText(e.step)}`,
  scale: (e) => `${field(e, 'replicaSet')} is scaled to ${plural(Number(e.replicas), 'instance')}${reason(e)}`,
  'weight-change': (e) => {
    const weights = e.weights && typeof e.weights === 'object' ? Object.entries(e.weights as Record<string, number>) : [];
    const split = weights.length ? weights.map(([name, w]) => `${name} ${number(w)}%`).join(', ') : 'unchanged';
    return `Traffic weights set to ${split}${reason(e, ' (', ')')}; the router applies them after ${field(e, 'effectiveInS')} s`;
  },
  'analysis-start': (e) => {
    const against = typeof e.baseline === 'string' ? ` with ${e.baseline}` : '';
    const length = typeof e.duration === 'number' ? ` for ${duration(e.duration)}` : typeof e.count === 'number' ? ` ${plural(e.count, 'time')}` : ' until the step ends';
    const delay = typeof e.initialDelay === 'number' ? `, after waiting ${duration(e.initialDelay)}` : '';
    const metrics = Array.isArray(e.metrics) ? ` on ${list(e.metrics.map(String))}` : '';
    return `Analysis ${quoteRun(e.run)} starts: it compares ${field(e, 'canary')}${against} every ${duration(Number(e.interval))}${length}${delay}${metrics}`;
  },
  analysis: (e) => {
    const verdict = e.verdict === 'pass' ? 'passed' : e.verdict === 'fail' ? 'failed' : e.verdict === 'inconclusive' ? 'was inconclusive' : 'could not be judged';
    return `Check ${field(e, 'round')} of ${quoteRun(e.run)} ${verdict} — ${roundDetails(e)}`;
  },
  'analysis-done': (e) => {
    const rounds = typeof e.rounds === 'number' ? ` after ${plural(e.rounds, 'check')}` : '';
    const took = typeof e.durationS === 'number' ? ` over ${duration(e.durationS)}` : '';
    return `Analysis ${quoteRun(e.run)} ends ${field(e, 'phase')}${rounds}${took}: ${field(e, 'message')}`;
  },
  rollback: (e) => {
    const details = [
      typeof e.analysis === 'string' ? `${e.analysis} analysis` : null,
      typeof e.template === 'string' ? `template ${e.template}` : null,
      typeof e.step === 'number' ? `canary step ${e.step + 1}` : null,
      typeof e.failedChecks === 'number' ? plural(e.failedChecks, 'failed check') : null,
    ].filter(Boolean);
    const by =
      e.trigger === 'analysis'
        ? `the analysis${details.length ? ` (${details.join(', ')})` : ''} failed`
        : e.trigger === 'operator'
          ? 'the person on call acts on the alert'
          : e.trigger === 'drill'
            ? 'a rollback drill calls for it'
            : `${field(e, 'trigger')} calls for it`;
    const delay =
      typeof e.detectionDelayS === 'number'
        ? `; the release first hurt a request ${duration(e.detectionDelayS)} earlier (detection delay)`
        : e.trigger === 'drill'
          ? ''
          : '; the release had not hurt a request yet';
    return `Rollback: ${by}, so traffic goes back to the stable version${delay}`;
  },
  restored: (e) => `Restored: all traffic is back on the stable version at full capacity, ${duration(Number(e.timeToRestoreS))} after the rollback decision (time to restore)`,
  promote: (e) => (typeof e.step === 'string' ? `Promotion: ${e.step} (${field(e, 'replicaSet')})` : `Promotion: ${field(e, 'replicaSet')} is to take all the traffic`),
  promoted: (e) => `Promoted: all traffic is on the new version, ${duration(Number(e.rolloutDurationS))} after the deploy began (rollout duration)`,
  flip: (e) =>
    `${e.reason === 'rollback' ? 'Rollback flip: the' : 'The'} active service switches from ${field(e, 'from')} to ${field(e, 'to')} in one step; the ${field(e, 'router')} router applies it after ${field(e, 'propagationS')} s`,
  'preview-ready': (e) => `The preview fleet ${field(e, 'replicaSet')} is ready: ${plural(Number(e.ready), 'instance')}, no live traffic yet`,
  paused: (e) => `The rollout pauses: ${field(e, 'reason')}`,
  'alert-firing': (e) => {
    const m = String(e.metric);
    const what = m === 'errorRate' ? 'error rate' : m;
    const held = typeof e.heldForS === 'number' ? ` for ${duration(e.heldForS)}` : '';
    return `The alert fires: the service's ${what} of ${metricValue(m, e.value)} has been above ${metricValue(m, e.threshold)}${held}; the person on call rolls back after ${duration(Number(e.reactionTimeS))} (reaction time)`;
  },
  'progress-deadline-exceeded': (e) =>
    `Progress deadline exceeded: no progress for ${field(e, 'progressDeadlineSeconds')} s (progressDeadlineSeconds), with ${field(e, 'available')} of ${field(e, 'replicas')} new instances available; Kubernetes marks the rollout failed but does not roll it back`,
  halt: (e) => {
    const weight = typeof e.weight === 'number' && e.weight > 0 ? `; the canary weight stays at ${number(e.weight)}%` : '';
    const template = typeof e.template === 'string' ? ` (template ${e.template})` : '';
    return `Halt: the check${template} ended ${field(e, 'phase')}, failed checks ${field(e, 'failedChecks')} of ${field(e, 'threshold')} (at the threshold the canary is rolled back)${weight}`;
  },
  'rolling-update': (e) => {
    if (typeof e.toward === 'string') return `A rolling update back toward ${e.toward} begins${reason(e)}`;
    const ready = typeof e.minReadySeconds === 'number' && e.minReadySeconds > 0 ? `, and a new instance counts as available after ${duration(e.minReadySeconds)} ready (minReadySeconds)` : '';
    return `The rolling update begins: at most ${plural(Number(e.maxSurge), 'instance')} above the replica count (maxSurge) and ${plural(Number(e.maxUnavailable), 'instance')} below it (maxUnavailable) at any time${ready}`;
  },
  'match-route': (e) => `A/B test: requests from ${percent(Number(e.userShare))} of users, matched by header or cookie, go to ${field(e, 'replicaSet')}`,
  'mirror-route': (e) => `Every request is mirrored to ${field(e, 'replicaSet')}; its answers are thrown away, so users see only the primary's`,
  // Compatibility events (model/compat): migrations, clients and message consumers.
  'compatibility-migration-started': (e) => `Migration ${quoted(e.name)} starts: ${field(e, 'op')} ${field(e, 'column')}${typeof e.durationS === 'number' ? `, taking ${duration(e.durationS)}` : ''}`,
  'compatibility-migration-finished': (e) =>
    `Migration ${quoted(e.name)} is done after ${duration(Number(e.tookS))} (${field(e, 'op')} ${field(e, 'column')})${e.destructive === true ? '; it destroys data, so a rollback of the code cannot undo it' : ''}`,
  'compatibility-migration-failed': (e) => `Migration ${quoted(e.name)} fails (${field(e, 'op')} ${field(e, 'column')})${reason(e)}`,
  'compatibility-migration-late': (e) => `Migration ${quoted(e.name)} is still ${field(e, 'state')} when it should be done${reason(e)}`,
  'compatibility-first-failure': (e) => {
    const share = typeof e.failureShare === 'number' ? `: ${percent(e.failureShare)} of its requests fail` : '';
    const clients = Array.isArray(e.clients)
      ? ` (${(e.clients as { client?: string; fields?: string[] }[]).map((c) => `${c.client ?? '?'}${c.fields?.length ? ` reads ${c.fields.join(', ')}` : ''}`).join('; ')})`
      : '';
    return `The first ${field(e, 'cause')} compatibility failure, on ${field(e, 'version')}${share}${clients}`;
  },
  'compatibility-failure-after-restore': (e) =>
    `${field(e, 'cause')} compatibility failures go on, on ${field(e, 'version')}, ${duration(Number(e.sinceRestoreS))} after the restore${reason(e)}`.replace(/^./, (c) => c.toUpperCase()),
  'compatibility-dead-letter-threshold': (e) =>
    `Dead letters pass the alert threshold: ${field(e, 'deadLettered')} messages dead-lettered (threshold ${field(e, 'threshold')}), ${field(e, 'backlog')} waiting, consumers ${duration(Number(e.lagS))} behind`,
  'compatibility-consumer-rollout-started': (e) =>
    `The message consumers roll from ${field(e, 'from')} to ${field(e, 'to')}: ${plural(Number(e.workers), 'worker')}, ${field(e, 'batch')} at a time every ${duration(Number(e.intervalS))}`,
  'compatibility-consumer-update': (e) => `${field(e, 'updated')} of ${field(e, 'of')} consumers now run ${field(e, 'version')}`,
  'instance-ready': (e, s) => `Instance ${field(e, 'instance')} of ${field(e, 'version')} passed its readiness probe${readyRule(s)} and joins the endpoints`,
  'instance-unready': (e, s) => {
    const n = s?.fleet.readinessProbe.failureThreshold;
    const failed = n === undefined || n === 1 ? 'failed a readiness probe' : `failed ${n} readiness probes in a row`;
    return `Instance ${field(e, 'instance')} of ${field(e, 'version')} ${failed} and leaves the endpoints: it gets no new requests`;
  },
  'instance-crash': (e, s) => {
    const backoff = s?.fleet.crashLoopBackOff;
    const rule = backoff ? ` (back-off starts at ${number(backoff.initial)} s and doubles up to ${number(backoff.max)} s)` : '';
    return `Instance ${field(e, 'instance')} of ${field(e, 'version')} crashed (crash ${field(e, 'crashes')}); it restarts in ${field(e, 'restartInS')} s${rule}`;
  },
  'headroom-wait': (e) =>
    `Instance ${field(e, 'instance')} waits for room: the cluster holds at most ${field(e, 'maxInstances')} instances, and ${field(e, 'waiting')} wait to be scheduled`,
};

/** `(probed every 10 s; 1 success needed)`: Kubernetes' periodSeconds and successThreshold. */
export function readyRule(s: Scenario | undefined): string {
  const probe = s?.fleet.readinessProbe;
  return probe ? ` (probed every ${number(probe.periodSeconds)} s; ${plural(probe.successThreshold, 'success', 'successes in a row')} needed)` : '';
}

function stepText(step: unknown): string {
  if (!step || typeof step !== 'object') return show(step);
  const s = step as Record<string, unknown>;
  if (typeof s.setWeight === 'number') return `set the canary's weight to ${number(s.setWeight)}%`;
  if ('pause' in s) {
    const d = (s.pause as { duration?: number } | undefined)?.duration;
    return typeof d === 'number' ? `pause for ${duration(d)}` : 'pause until a person promotes';
  }
  if (s.analysis && typeof s.analysis === 'object') {
    const a = s.analysis as { templates?: string[]; duration?: number };
    return `run the analysis ${list(a.templates ?? [])}${typeof a.duration === 'number' ? ` for ${duration(a.duration)}` : ''}`;
  }
  if (s.setCanaryScale && typeof s.setCanaryScale === 'object') {
    const c = s.setCanaryScale as { replicas?: number; weight?: number; matchTrafficWeight?: boolean };
    if (c.replicas !== undefined) return `scale the canary to ${plural(c.replicas, 'instance')}`;
    if (c.weight !== undefined) return `scale the canary to ${number(c.weight)}% of the replicas`;
    return 'scale the canary to match its traffic weight';
  }
  return show(step);
}

function reason(e: RunEvent, open = ': ', close = ''): string {
  return typeof e.reason === 'string' && e.reason ? `${open}${e.reason}${close}` : '';
}

function quoted(v: unknown): string {
  return `“${show(v)}”`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One event as a sentence (without its time or final full stop). */
export function describeEvent(e: RunEvent, scenario?: Scenario): string {
  const known = SENTENCES[e.kind];
  return known ? known(e, scenario) : generic(e);
}

/** A kind this file does not know: its name and fields, numbers readable. */
function generic(e: RunEvent): string {
  const fields = Object.entries(e)
    .filter(([k]) => k !== 't' && k !== 'kind')
    .map(([k, v]) => `${k} ${show(v)}`);
  const name = e.kind.replace(/-/g, ' ');
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${fields.length ? `: ${fields.join(', ')}` : ''}`;
}

function field(e: RunEvent, name: string): string {
  return show(e[name]);
}

export function show(v: unknown): string {
  if (typeof v === 'number') return number(v);
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '?';
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}
