// Shard files: what `sweep --shard i/n` writes and `merge` joins. A shard carries the plan
// and the raw record of every run it did, so the merged answer is computed from exactly the
// runs one unsharded sweep would have made — the same numbers to the last digit.
import * as z from 'zod';
import { RESULTS_SCHEMA_VERSION } from './run-result.ts';
import { OUTCOMES } from './sweep-summary.ts';
import { inShard, sweepResult, type Shard, type SweepPlan, type SweepResult } from './sweep.ts';
import type { RunRecord } from './sweep-record.ts';

/** The `kind` that marks a shard file. */
export const SHARD_KIND = 'rollout-lab-sweep-shard';

export interface SweepShard {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  kind: typeof SHARD_KIND;
  shard: Shard;
  plan: SweepPlan;
  runs: RunRecord[];
}

export function sweepShard(plan: SweepPlan, shard: Shard, runs: readonly RunRecord[]): SweepShard {
  return { schemaVersion: RESULTS_SCHEMA_VERSION, kind: SHARD_KIND, shard, plan, runs: [...runs] };
}

const nullableNumber = z.number().nullable();
const shardSchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  kind: z.literal(SHARD_KIND),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).refine((s) => s.index <= s.count, { message: 'expected index ≤ count' }),
  plan: z.object({
    scenario: z.string(),
    title: z.string(),
    fidelity: z.enum(['request', 'aggregate']),
    seeds: z.number().int().min(1),
    grid: z.array(z.object({ path: z.string(), values: z.array(z.string()) })),
    cells: z
      .array(
        z.object({
          set: z.record(z.string(), z.string()),
          firstSeed: z.number().int().min(0),
          regression: z.boolean(),
          sweepExpect: z.array(z.string()),
          runExpect: z.array(z.object({ expr: z.string(), index: z.number().int().min(0) })),
        }),
      )
      .min(1),
  }),
  runs: z.array(
    z.object({
      cell: z.number().int().min(0),
      k: z.number().int().min(0),
      seed: z.number().int().min(0),
      outcome: z.enum(OUTCOMES as [string, ...string[]]),
      trigger: z.string().nullable(),
      detectionDelayS: nullableNumber,
      timeToRestoreS: nullableNumber,
      rolloutDurationS: nullableNumber,
      affectedRequestsFraction: z.number(),
      downtimeS: z.number(),
      extraFraction: z.number(),
      held: z.array(z.boolean()),
    }),
  ),
});

/** A shard file's problem: the file, the field path (`(root)` for the whole file) and what was expected. */
export class ShardError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}: ${path}: ${detail}`);
    this.name = 'ShardError';
  }

  /** `file:1:1: path: expected …`, the shape every input error has (a shard's fields have no useful line). */
  line(): string {
    return `${this.file}:1:1: ${this.path}: ${this.detail}`;
  }
}

/** Checks a parsed shard file; `file` names it in errors. @throws ShardError */
export function readShard(value: unknown, file: string): SweepShard {
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== SHARD_KIND) {
    throw new ShardError(file, '(root)', `expected a sweep shard file (kind: ${SHARD_KIND}, written by rollout-lab sweep --shard i/n)`);
  }
  const parsed = shardSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)';
    throw new ShardError(file, path, `expected a sweep shard as rollout-lab writes it: ${issue.message}`);
  }
  const shard = parsed.data as SweepShard;
  for (const r of shard.runs) {
    if (r.cell >= shard.plan.cells.length || r.k >= shard.plan.seeds || !inShard(r.k, shard.shard)) {
      throw new ShardError(file, 'runs', `expected only runs of shard ${shard.shard.index}/${shard.shard.count}, found run ${r.k} of cell ${r.cell}`);
    }
  }
  return shard;
}

/**
 * Joins shards 1…n of one sweep into its answer. @throws ShardError when they are of
 * different sweeps, when one is missing or given twice, or when runs do not add up.
 */
export function mergeShards(shards: readonly { file: string; shard: SweepShard }[]): SweepResult {
  if (shards.length === 0) throw new RangeError('expected at least one shard file');
  const [first] = shards;
  const plan = JSON.stringify(first.shard.plan);
  const count = first.shard.shard.count;
  const seen = new Map<number, string>();
  for (const { file, shard } of shards) {
    if (JSON.stringify(shard.plan) !== plan) throw new ShardError(file, 'plan', `expected a shard of the same sweep as ${first.file}; the scenario, seeds, fidelity, grid or expectations differ`);
    if (shard.shard.count !== count) throw new ShardError(file, 'shard', `expected one of ${count} shards like ${first.file}, got shard ${shard.shard.index}/${shard.shard.count}`);
    const twice = seen.get(shard.shard.index);
    if (twice !== undefined) throw new ShardError(file, 'shard', `expected each shard once, got shard ${shard.shard.index}/${count} again (also ${twice})`);
    seen.set(shard.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ShardError(first.file, 'shard', `expected all ${count} shards; missing ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  const records = shards.flatMap(({ shard }) => shard.runs);
  try {
    return sweepResult(first.shard.plan, records);
  } catch (e) {
    throw new ShardError(first.file, 'runs', (e as Error).message);
  }
}
