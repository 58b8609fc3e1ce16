// `rollout-lab merge <shards…>`: joins the shard files of one sweep (written by
// `sweep --shard i/n`, perhaps by CI jobs far apart) into the answer the unsharded sweep
// gives — the same output, byte for byte, and the same exit code.
import { readFileSync, statSync } from 'node:fs';
import { mergeShards, readShard, ShardError } from '../../scenario/sweep-shard.ts';
import { HELP_OPTION, parse, positionals } from '../args.ts';
import type { Command } from '../command.ts';
import { InputError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { OUTPUT_OPTIONS, outputFormat } from '../output.ts';
import { printSweep } from './sweep-output.ts';

const OPTIONS = { ...HELP_OPTION, ...OUTPUT_OPTIONS } as const;

/** Largest shard file read: a million runs is well under it. */
const MAX_SHARD_BYTES = 512 * 1024 * 1024;

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'join the shards of a sweep',
  help: `Usage: rollout-lab merge <shard.json>… [options]

Joins the shard files of one sweep (rollout-lab sweep --shard i/n, for every i
from 1 to n) and prints what the sweep without --shard prints: the same numbers,
the same format, the same exit code (1 when a sweep expectation fails). Shards
of different sweeps, a missing shard or one given twice are an error (exit 2).

Options:
  -f, --format FORMAT        table (default), json, junit, markdown
  -o, --out FILE             write to FILE (whole or not at all)
  --no-color                 no ANSI colour
  -h, --help                 this help

Example:
  rollout-lab sweep canary.yaml --seeds 1000 --shard 1/2 --out s1.json
  rollout-lab sweep canary.yaml --seeds 1000 --shard 2/2 --out s2.json
  rollout-lab merge s1.json s2.json --format markdown >> "$GITHUB_STEP_SUMMARY"
`,
  run(args: string[], io: CliIo): number {
    const { values, positionals: pos } = parse('merge', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const files = positionals('merge', pos, ['shard.json'], { rest: true });
    const format = outputFormat('merge', values);
    try {
      const shards = files.map((file) => ({ file, shard: readShard(readJson(file), file) }));
      const result = mergeShards(shards);
      return printSweep(io, values, format, result, shards[0].shard.plan.scenario);
    } catch (e) {
      if (e instanceof ShardError) throw new InputError([e.line()]);
      throw e;
    }
  },
};

function readJson(file: string): unknown {
  let text: string;
  try {
    if (statSync(file).size > MAX_SHARD_BYTES) throw new ShardError(file, '(root)', `expected a shard file of at most ${MAX_SHARD_BYTES / 1024 / 1024} MB`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ShardError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ShardError(file, '(root)', `expected a readable shard file, but ${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ShardError(file, '(root)', `expected JSON written by rollout-lab sweep --shard: ${(e as Error).message}`);
  }
}
