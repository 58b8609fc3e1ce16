// `rollout-lab list [dir]`: the catalog, one scenario a line — name, the part of the
// concept card it teaches, and its title. Files that do not load are reported on stderr.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatScenarioError } from '../../scenario/errors.ts';
import { HELP_OPTION, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { loadScenarioFile } from '../read-scenario.ts';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

export const listCommand: Command = {
  name: 'list',
  summary: 'the scenario catalog, one line each',
  help: `Usage: rollout-lab list [dir]

Lists the scenarios in dir (default: scenarios/), one per line: name, the part
of the concept card it teaches, and its title. Files whose names start with "_"
(bases for extends:) are skipped. Exit code 2 when a file does not load.

Options:
  -h, --help   this help
`,
  run(args: string[], io: CliIo): number {
    const { values, positionals: pos } = parse('list', args, HELP_OPTION);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    if (pos.length > 1) throw new UsageError(`list: expected at most one directory, got ${pos.length}`);
    const dir = pos[0] ?? 'scenarios';
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => SCENARIO_FILE.test(n) && !n.startsWith('_') && !n.startsWith('.')).sort();
    } catch {
      throw new UsageError(`list: expected a directory of scenario files, cannot read ${JSON.stringify(dir)}`);
    }
    const rows: Array<[string, string, string]> = [];
    let invalid = 0;
    for (const name of names) {
      const file = join(dir, name);
      const loaded = loadScenarioFile(file);
      if (!loaded.ok) {
        invalid++;
        for (const e of loaded.errors) io.stderr(`${formatScenarioError(e)}\n`);
        continue;
      }
      rows.push([loaded.scenario.name, loaded.scenario.teaches ?? '-', loaded.scenario.title]);
    }
    if (names.length === 0) io.stderr(`rollout-lab list: no scenario files in ${dir}\n`);
    const w0 = Math.max(0, ...rows.map((r) => r[0].length));
    const w1 = Math.max(0, ...rows.map((r) => r[1].length));
    for (const [name, teaches, title] of rows) io.stdout(`${name.padEnd(w0)}  ${teaches.padEnd(w1)}  ${title}\n`);
    return invalid > 0 ? EXIT_INVALID : EXIT_OK;
  },
};
