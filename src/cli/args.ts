// Flag parsing on node:util parseArgs (stable since Node 20), with the checks the commands
// share. Every problem becomes a one-line UsageError naming the flag and what it expects.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

/** The flags every run-like command takes. */
export const RUN_OPTIONS = {
  ...HELP_OPTION,
  seed: { type: 'string' },
  fidelity: { type: 'string' },
  set: { type: 'string', multiple: true },
} as const satisfies Options;

export function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const text = (e as Error).message;
    const flag = /Option '(-[-\w]+)/.exec(text)?.[1];
    if (flag && /argument missing/.test(text)) throw new UsageError(`${command}: ${flag}: expected a value`);
    if (flag && /argument is ambiguous/.test(text)) throw new UsageError(`${command}: ${flag}: expected a value; write ${flag}=-… for one that starts with "-"`);
    // parseArgs explains at length how to pass a literal "--x"; the first sentence is the point.
    const message = text.split(/\.\s/)[0].replace(/\.$/, '');
    throw new UsageError(`${command}: ${message}; see rollout-lab ${command} --help`);
  }
}

/** `--seed N`: a whole number ≥ 0, or undefined when not given. */
export function seedFlag(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`${command}: --seed: expected a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return Number(value);
}

export const FIDELITIES = ['request', 'aggregate'] as const;
export type FidelityFlag = (typeof FIDELITIES)[number];

export function fidelityFlag(command: string, value: string | undefined): FidelityFlag | undefined {
  return choice(command, 'fidelity', value, FIDELITIES);
}

export function choice<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${command}: --${flag}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** Exactly `n` positional arguments, named in the message when missing. */
export function positionals(command: string, values: string[], names: string[], opts: { rest?: boolean } = {}): string[] {
  if (values.length < names.length) throw new UsageError(`${command}: expected ${names.map((n) => `<${n}>`).join(' ')}; see rollout-lab ${command} --help`);
  if (!opts.rest && values.length > names.length) throw new UsageError(`${command}: expected one ${names.join(' and ')}, got also ${JSON.stringify(values[names.length])}`);
  return values;
}
