// Compatibility events in words: migrations, the first failure of each cause (schema, API,
// message) with what broke, failures that outlive a rollback, dead letters and the queue
// workers' own rollout.
import { formatCount, formatPercent } from '../lib/format.ts';
import type { RunEvent } from '../lib/run-types.ts';
import { capitalize, num, seconds, str, type Describe } from './words.ts';

export const COMPATIBILITY_SENTENCES: Record<string, Describe> = {
  'compatibility-first-failure': (e) => ({
    headline: `First ${str(e.cause, 'compatibility')} failure`,
    text: `${compatibilityWords(e)}${num(e.failureShare) !== null ? ` ${capitalize(formatPercent(num(e.failureShare)!))} of ${str(e.version)}'s requests now fail this way.` : ''}`,
    tone: 'bad',
  }),
  'compatibility-failure-after-restore': (e) => ({
    headline: 'Still failing after the rollback',
    text: `${str(e.version)} keeps failing with ${str(e.cause)} errors ${num(e.sinceRestoreS) ? `${seconds(e.sinceRestoreS)} ` : ''}after the restore: ${str(e.reason, 'what the release changed was not undone')}.`,
    tone: 'bad',
  }),
  'compatibility-migration-started': (e) => ({
    headline: 'Migration starts',
    text: `Migration ${str(e.name)} starts: ${migrationWords(e)}${
      e.op === 'backfill'
        ? `, ${formatCount(num(e.nullRows) ?? 0)} empty rows at ${formatCount(num(e.rate) ?? 0)} rows/s (about ${seconds(e.estimatedS)})`
        : num(e.durationS) !== null
          ? ` (takes ${seconds(e.durationS)})`
          : ''
    }.`,
    tone: 'neutral',
  }),
  'compatibility-migration-finished': (e) => ({
    headline: 'Migration finished',
    text: `Migration ${str(e.name)} finishes after ${seconds(e.tookS)}: ${migrationWords(e, true)}.${e.destructive ? ' It is destructive: code that still uses the old column now fails, and a rollback cannot bring it back.' : ''}`,
    tone: e.destructive ? 'warn' : 'neutral',
  }),
  'compatibility-migration-failed': (e) => ({ headline: 'Migration failed', text: `Migration ${str(e.name)} fails: ${str(e.reason)}.`, tone: 'bad' }),
  'compatibility-migration-late': (e) => ({ headline: 'Migration late', text: `Migration ${str(e.name)} is still ${str(e.state)}: ${str(e.reason)}.`, tone: 'warn' }),
  'compatibility-dead-letter-threshold': (e) => ({
    headline: 'Dead letters piling up',
    text: `${formatCount(num(e.deadLettered) ?? 0)} messages are dead-lettered, past the alert threshold of ${formatCount(num(e.threshold) ?? 0)}; ${formatCount(num(e.backlog) ?? 0)} wait in the queue, ${seconds(e.lagS)} behind.`,
    tone: 'bad',
  }),
  'compatibility-consumer-rollout-started': (e) => ({
    headline: 'Workers update',
    text: `The ${formatCount(num(e.workers) ?? 0)} queue workers move from ${str(e.from)} to ${str(e.to)}, ${formatCount(num(e.batch) ?? 1)} at a time every ${seconds(e.intervalS)}.`,
    tone: 'neutral',
  }),
  'compatibility-consumer-update': (e) => ({
    headline: 'Worker updated',
    text: `${formatCount(num(e.updated) ?? 0)} of ${formatCount(num(e.of) ?? 0)} workers now run ${str(e.version)}.`,
    tone: num(e.updated) !== null && num(e.updated) === num(e.of) ? 'good' : 'neutral',
  }),
};

const MIGRATION_VERBS: Record<string, [string, string]> = {
  add: ['add', 'added'],
  drop: ['drop', 'dropped'],
  rename: ['rename', 'renamed'],
  backfill: ['backfill', 'backfilled'],
};

/** "drop users.full_name" / "users.full_name is dropped". */
function migrationWords(e: RunEvent, done = false): string {
  const [verb, past] = MIGRATION_VERBS[str(e.op)] ?? [str(e.op), str(e.op)];
  const to = typeof e.to === 'string' ? ` to ${e.to}` : '';
  return done ? `${str(e.column)} is ${past}${to}` : `${verb} ${str(e.column)}${to}`;
}

/** What broke, from a first-failure event's details. */
function compatibilityWords(e: RunEvent): string {
  const v = str(e.version);
  if (e.cause === 'schema' && Array.isArray(e.columns)) {
    const cols = e.columns as { column?: string; op?: string }[];
    const names = [...new Set(cols.map((c) => c.column).filter(Boolean))].join(', ');
    const ops = [...new Set(cols.map((c) => c.op).filter(Boolean))].join(' or ');
    return `${v} cannot ${ops || 'use'} ${names || 'a column'}: the database no longer matches what it expects.`;
  }
  if (e.cause === 'api' && Array.isArray(e.clients)) {
    const clients = e.clients as { client?: string; fields?: string[] }[];
    const parts = clients.map((c) => `${c.client ?? 'a client'} needs ${(c.fields ?? []).join(', ') || 'a field'}`);
    return `${v} breaks API clients: ${parts.join('; ')}, which ${v} does not serve.`;
  }
  if (e.cause === 'message') {
    const parsed = num(e.parsedByWorkers);
    return `${v} publishes messages in format ${str(e.format)}, which ${parsed === null ? 'not every' : formatPercent(parsed)} of the workers can read; each is retried ${str(e.retries)} times, then dead-lettered.`;
  }
  return `${v} hits its first ${str(e.cause)} compatibility failure.`;
}
