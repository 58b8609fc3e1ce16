// `rollout-lab validate <files…>`: loads and checks each file without running it. Every
// problem is one line on stderr; each valid file is one line on stdout.
import { formatScenarioError } from '../../scenario/errors.ts';
import { HELP_OPTION, parse, positionals } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT_INVALID, EXIT_OK } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { loadScenarioFile } from '../read-scenario.ts';

const OPTIONS = { ...HELP_OPTION, set: { type: 'string', multiple: true } } as const;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check scenario files without running them',
  help: `Usage: rollout-lab validate <file>… [--set path=value]…

Checks each scenario file: YAML or JSON syntax, extends:, every field against the
schema, and the expect: expressions. Each problem is one line on stderr:

  file:line:col: field.path: what was expected

Exit code 0 when every file is valid, 2 when any is not.

Options:
  --set path=value   apply an override before checking (repeatable)
  -h, --help         this help
`,
  run(args: string[], io: CliIo): number {
    const { values, positionals: pos } = parse('validate', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const files = positionals('validate', pos, ['file'], { rest: true });
    let invalid = 0;
    for (const file of files) {
      const loaded = loadScenarioFile(file, values.set ?? []);
      if (loaded.ok) {
        const s = loaded.scenario;
        io.stdout(`${file}: ok (${s.name}, strategy ${s.strategy.kind}, ${s.expect.length} expectation${s.expect.length === 1 ? '' : 's'})\n`);
      } else {
        invalid++;
        for (const e of loaded.errors) io.stderr(`${formatScenarioError(e)}\n`);
      }
    }
    return invalid > 0 ? EXIT_INVALID : EXIT_OK;
  },
};
