// The compatibility section: the shared database (tables, columns, migrations placed on the
// rollout's timeline), the API's clients and their contracts, the message queue between the
// service and a separately rolled consumer fleet, and what each release reads, writes,
// serves and publishes. Without the section there is no compatibility model at all.
import * as z from 'zod';
import { duration, fraction, nonNegativeInt, positiveInt } from './units.ts';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a name of letters, digits and _, e.g. full_name');
const columnRef = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, 'expected table.column, e.g. users.full_name')
  .describe('a column, as table.column');

/** Moments of the rollout a migration or a consumer rollout can be tied to. */
export const COMPAT_MOMENTS = ['before-deploy', 'with-deploy', 'after-promotion', 'after-rollback', 'after-restore'] as const;
export type CompatMoment = (typeof COMPAT_MOMENTS)[number];

/** When something starts: a moment of the rollout, a time, or the end of a migration. */
export type Trigger = { kind: 'moment'; moment: CompatMoment } | { kind: 'time'; t: number } | { kind: 'after'; migration: string };

const TRIGGER_HELP = `expected one of ${COMPAT_MOMENTS.join(', ')}, a time such as 10m, or { after: <migration name> }`;

export const triggerSchema = z
  .union([z.number(), z.string(), z.strictObject({ after: z.string().min(1).describe('a migration’s name: start when it finishes') })])
  .transform((value, ctx): Trigger => {
    if (typeof value === 'object') return { kind: 'after', migration: value.after };
    if ((COMPAT_MOMENTS as readonly unknown[]).includes(value)) return { kind: 'moment', moment: value as CompatMoment };
    const t = duration.safeParse(value);
    if (t.success) return { kind: 'time', t: t.data };
    ctx.addIssue({ code: 'custom', message: `${TRIGGER_HELP}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  })
  .describe(
    'when it starts: before-deploy (as the scenario starts, like a pre-sync job), with-deploy, after-promotion, after-rollback, after-restore (the rollback’s traffic restored), a time, or { after: <migration> }',
  );

const timing = {
  name: z.string().min(1).optional().describe('how events and later migrations name it (default: "<op> <table.column>")'),
  at: triggerSchema.prefault('before-deploy'),
  delay: duration.default(0).describe('seconds to wait after `at`'),
};
const takes = duration.default(0).describe('how long the DDL runs; the change takes effect when it finishes');

export const migrationSchema = z
  .union([
    z.strictObject({
      ...timing,
      add: columnRef.describe('adds this column'),
      default: z.boolean().default(false).describe('existing rows get a value at once (a DEFAULT); otherwise they hold NULL until backfilled or written'),
      duration: takes,
    }),
    z.strictObject({
      ...timing,
      backfill: columnRef.describe('fills this column’s NULL rows'),
      rate: z.number().positive().describe('rows/s; it finishes when no NULL row is left'),
    }),
    z.strictObject({ ...timing, rename: columnRef.describe('renames this column'), to: identifier.describe('its new name (same table)'), duration: takes }),
    z.strictObject({ ...timing, drop: columnRef.describe('drops this column and its data'), duration: takes }),
  ])
  .transform((m) => {
    const base = { at: m.at, delay: m.delay };
    if ('add' in m) return { ...base, op: 'add' as const, column: m.add, name: m.name ?? `add ${m.add}`, durationS: m.duration, filled: m.default, rate: 0, to: '' };
    if ('backfill' in m) return { ...base, op: 'backfill' as const, column: m.backfill, name: m.name ?? `backfill ${m.backfill}`, durationS: 0, filled: false, rate: m.rate, to: '' };
    if ('rename' in m) return { ...base, op: 'rename' as const, column: m.rename, name: m.name ?? `rename ${m.rename}`, durationS: m.duration, filled: false, rate: 0, to: m.to };
    return { ...base, op: 'drop' as const, column: m.drop, name: m.name ?? `drop ${m.drop}`, durationS: m.duration, filled: false, rate: 0, to: '' };
  })
  .describe('one schema change: { add }, { backfill, rate }, { rename, to } or { drop }, with when it starts');
export type MigrationConfig = z.output<typeof migrationSchema>;

const tableSchema = z.union([
  z.array(identifier).min(1).transform((columns) => ({ rows: 100_000, columns })),
  z.strictObject({
    rows: positiveInt.default(100_000).describe('rows in the table (what a write or a backfill is a share of)'),
    columns: z.array(identifier).min(1).describe('its columns when the scenario starts'),
  }),
]);

export const databaseSchema = z
  .strictObject({
    tables: z.record(identifier, tableSchema).describe('tables by name: a list of columns, or { rows, columns }'),
    migrations: z.array(migrationSchema).default([]).describe('schema changes placed on the rollout’s timeline'),
  })
  .describe('the database every version shares');

/** Which requests touch something: a share of all requests, or of one route's. */
const touch = {
  route: z.string().min(1).optional().describe('only requests to this route (from traffic.routes)'),
  share: fraction.default(1).describe('share of the requests (of the route’s, when one is named) that touch it'),
};

const columnUseSchema = z.strictObject({
  column: columnRef,
  ...touch,
  format: positiveInt.default(1).describe('the data format this version writes (and the newest it can read) in the column'),
});
export type ColumnUseConfig = z.output<typeof columnUseSchema>;

const apiChangesSchema = z
  .strictObject({
    adds: z.array(z.string().min(1)).default([]).describe('endpoints or fields only this version (and others that add them) serves'),
    removes: z.array(z.string().min(1)).default([]).describe('endpoints or fields this version no longer serves'),
    renames: z.record(z.string().min(1), z.string().min(1)).default({}).describe('old name → new name'),
  })
  .describe('the API this version serves, as changes to the baseline contract');

export const releaseCompatSchema = z
  .strictObject({
    reads: z.array(columnUseSchema).default([]).describe('columns this version reads, and on which requests'),
    writes: z.array(columnUseSchema).default([]).describe('columns this version writes, and on which requests'),
    tolerateMissing: z.boolean().default(false).describe('a missing column or a NULL value is handled, not an error'),
    tolerateUnknown: z.boolean().default(false).describe('a value in a newer format than its own is handled, not an error'),
    api: apiChangesSchema.optional(),
    publishes: z
      .strictObject({
        share: fraction.describe('share of its successful requests that publish a message'),
        format: positiveInt.default(1).describe('the message format version it publishes'),
      })
      .optional(),
  })
  .describe('what one release does with the data, the API and the messages');
export type ReleaseCompatConfig = z.output<typeof releaseCompatSchema>;

const shareCurve = z
  .union([fraction, z.array(z.tuple([duration, fraction])).min(1)])
  .transform((s) => (typeof s === 'number' ? [[0, s] as [number, number]] : [...s].sort((a, b) => a[0] - b[0])))
  .describe('share of requests: a number, or an adoption curve [[time, share], …], linearly interpolated (shares are normalised across clients)');

export const apiSchema = z
  .strictObject({
    clients: z
      .array(
        z.strictObject({
          name: z.string().min(1).describe('e.g. ios-4.2, web, billing-service'),
          kind: z.enum(['app', 'service']).default('app').describe('an app version in users’ hands, or another service'),
          share: shareCurve,
          uses: z
            .array(z.strictObject({ field: z.string().min(1).describe('an endpoint (GET /feed) or a response field (profile.avatarUrl) it needs'), ...touch }))
            .default([])
            .describe('what this client needs from the server, and on which calls'),
        }),
      )
      .min(1)
      .describe('who calls the service; each user stays on one client until the curves move them'),
  })
  .describe('API contracts between clients and the service');

export const messagesSchema = z
  .strictObject({
    formats: z
      .array(z.strictObject({ version: positiveInt, additive: z.boolean().default(false).describe('only adds fields to the format before it') }))
      .default([])
      .describe('message format versions beyond 1'),
    consumers: z.strictObject({
      workers: positiveInt.describe('consumer workers'),
      throughput: z.number().positive().describe('messages/s one worker handles'),
      versions: z
        .array(z.strictObject({ name: z.string().min(1), formats: z.array(positiveInt).min(1).describe('formats it parses') }))
        .min(1)
        .max(2)
        .describe('the consumer version running, and the one it is rolled to'),
      rollout: z
        .strictObject({
          at: triggerSchema,
          delay: duration.default(0),
          batch: positiveInt.default(1).describe('workers replaced at a time'),
          interval: duration.default(60).describe('seconds between batches'),
        })
        .optional()
        .describe('a rolling update of the workers, separate from the service’s'),
      tolerantReader: z.boolean().default(false).describe('parse a newer format when it only adds fields to one it knows'),
    }),
    retry: z
      .strictObject({
        attempts: nonNegativeInt.default(3).describe('redeliveries after the first failed parse'),
        backoff: duration.default(30).describe('seconds before a failed message is delivered again'),
      })
      .prefault({}),
    deadLetterQueue: z.boolean().default(true).describe('a message out of retries goes to the dead-letter queue; false: it keeps being retried until retention expires'),
    retention: duration.default(345_600).describe('a message older than this is discarded, lost (SQS default 4 days)'),
    delayedAfter: duration.default(60).describe('a message consumed later than this after it was published counts as delayed'),
    deadLetterAlert: positiveInt.default(100).describe('an event when this many messages have been dead-lettered'),
  })
  .describe('messages the service publishes and a separate worker fleet consumes');

export const compatibilitySchema = z
  .strictObject({
    database: databaseSchema.optional(),
    api: apiSchema.optional(),
    messages: messagesSchema.optional(),
    releases: z.record(z.string().min(1), releaseCompatSchema).default({}).describe('by version label (releases.*.version)'),
  })
  .describe('schema, API and message compatibility between the versions that run side by side');
export type CompatibilityConfig = z.output<typeof compatibilitySchema>;

/** A problem a field-by-field parse cannot see: a name that points at nothing. */
export interface CompatibilityIssue {
  path: (string | number)[];
  message: string;
}

/** Cross-checks the section against the scenario's versions and routes. */
export function compatibilityIssues(c: CompatibilityConfig, versions: readonly string[], routes: readonly string[]): CompatibilityIssue[] {
  const issues: CompatibilityIssue[] = [];
  const route = (r: string | undefined, path: (string | number)[]) => {
    if (r !== undefined && !routes.includes(r)) issues.push({ path, message: `no route "${r}" in traffic.routes (${routes.join(', ')})` });
  };
  // Columns that exist at some point: the tables' own, and what migrations add or rename to.
  const known = new Set<string>();
  const migrations = c.database?.migrations ?? [];
  for (const [table, t] of Object.entries(c.database?.tables ?? {})) for (const col of t.columns) known.add(`${table}.${col}`);
  const names = new Set<string>();
  migrations.forEach((m, i) => {
    const at = ['database', 'migrations', i];
    if (names.has(m.name)) issues.push({ path: [...at, 'name'], message: `two migrations are named "${m.name}"; give one a name` });
    names.add(m.name);
    if (!(m.column.split('.')[0] in (c.database?.tables ?? {}))) issues.push({ path: at, message: `no table "${m.column.split('.')[0]}" in database.tables` });
    else if (m.op !== 'add' && !known.has(m.column)) issues.push({ path: at, message: `no column ${m.column} before this migration (list it in database.tables or add it first)` });
    if (m.op === 'add') known.add(m.column);
    if (m.op === 'rename') known.add(`${m.column.split('.')[0]}.${m.to}`);
  });
  const waitsFor = new Map(migrations.map((m) => [m.name, m.at.kind === 'after' ? m.at.migration : null]));
  migrations.forEach((m, i) => {
    // A chain of `after:` that comes back to itself never starts.
    let next = waitsFor.get(m.name) ?? null;
    for (let steps = 0; next !== null && steps < migrations.length; steps++) {
      if (next === m.name && m.at.kind === 'after' && m.at.migration !== m.name) {
        issues.push({ path: ['database', 'migrations', i, 'at'], message: `"${m.name}" waits for a chain of migrations that waits for it: none of them would start` });
        break;
      }
      next = waitsFor.get(next) ?? null;
    }
    if (m.at.kind === 'after' && !names.has(m.at.migration)) issues.push({ path: ['database', 'migrations', i, 'at'], message: `no migration named "${m.at.migration}"` });
    if (m.at.kind === 'after' && m.at.migration === m.name) issues.push({ path: ['database', 'migrations', i, 'at'], message: 'a migration cannot wait for itself' });
  });
  const formats = new Set([1, ...(c.messages?.formats ?? []).map((f) => f.version)]);
  for (const [label, r] of Object.entries(c.releases)) {
    const at = ['releases', label];
    if (!versions.includes(label)) issues.push({ path: at, message: `no release with version "${label}" (${versions.join(', ')})` });
    for (const key of ['reads', 'writes'] as const) {
      r[key].forEach((u, i) => {
        if (!known.has(u.column)) issues.push({ path: [...at, key, i, 'column'], message: `no column ${u.column} in database.tables or added by a migration` });
        route(u.route, [...at, key, i, 'route']);
      });
    }
    if (r.publishes && !c.messages) issues.push({ path: [...at, 'publishes'], message: 'publishes messages, but there is no messages section' });
    if (r.publishes && !formats.has(r.publishes.format)) issues.push({ path: [...at, 'publishes', 'format'], message: `no message format ${r.publishes.format} in messages.formats` });
  }
  c.api?.clients.forEach((client, i) => client.uses.forEach((u, j) => route(u.route, ['api', 'clients', i, 'uses', j, 'route'])));
  const rollout = c.messages?.consumers.rollout;
  if (rollout && c.messages && c.messages.consumers.versions.length < 2) issues.push({ path: ['messages', 'consumers', 'rollout'], message: 'a rollout needs a second consumer version to roll to' });
  if (rollout?.at.kind === 'after' && !names.has(rollout.at.migration)) issues.push({ path: ['messages', 'consumers', 'rollout', 'at'], message: `no migration named "${rollout.at.migration}"` });
  return issues.map((x) => ({ ...x, path: ['compatibility', ...x.path] }));
}
