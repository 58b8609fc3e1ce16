// `rollout-lab compare <file>`: the same fleet, traffic, faults and seed under each strategy,
// side by side. The scenario's expectations are written for its own strategy, so they decide
// the exit code on that run only; the others show how they would have fared.
import { compareReport } from '../../scenario/compare-report.ts';
import { RESULTS_SCHEMA_VERSION } from '../../scenario/run-result.ts';
import { fidelityFlag, parse, positionals, RUN_OPTIONS, seedFlag } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../errors.ts';
import { formatCompareJunit, formatCompareMarkdown, formatCompareTable } from '../format/compare.ts';
import { actualText } from '../format/measures.ts';
import type { CliIo } from '../io.ts';
import { echoFailures, emit, jsonText, OUTPUT_OPTIONS, outputFormat, tablePaint } from '../output.ts';
import { loadOrThrow, runOrThrow, variantsOf } from '../scenario-run.ts';

const OPTIONS = { ...RUN_OPTIONS, ...OUTPUT_OPTIONS, strategies: { type: 'string' } } as const;

export const compareCommand: Command = {
  name: 'compare',
  summary: 'the same scenario under each strategy, side by side',
  help: `Usage: rollout-lab compare <file> [options]

Runs the scenario once per strategy — the same fleet, traffic, faults and seed —
and prints one row each: outcome, downtime, blast radius (requests and users
affected), extra infra cost and peak fleet size, rollback time, rollout
duration and error budget spent. The best in each column is marked ✓ (lower is
better in every column).

The strategies are the scenario's compare: list, or one per kind (recreate,
rolling, blue-green, canary) with that kind's defaults. The expect: block is
written for the scenario's own strategy, so it is checked on that run only (the
one marked *): exit code 0 when it holds, 1 when it does not, 2 on bad input.
When no compared strategy is the scenario's own, nothing is checked (exit 0).

Options:
  --strategies a,b,c         which to run: labels from compare:, or kinds
  --seed N                   random seed (default: the scenario's)
  --fidelity request|aggregate
  --set path=value           override a field (repeatable)
  -f, --format FORMAT        table (default), json ({schemaVersion, scenario, seed,
                             checked, runs: [result + label, …]}), junit (a suite
                             per strategy), markdown
  -o, --out FILE             write to FILE (whole or not at all)
  --no-color                 no ANSI colour
  -h, --help                 this help

Examples:
  rollout-lab compare scenarios/four-strategies-compared.yaml
  rollout-lab compare canary.yaml --strategies rolling,canary --format markdown >> "$GITHUB_STEP_SUMMARY"
`,
  run(args: string[], io: CliIo): number {
    const { values, positionals: pos } = parse('compare', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const [file] = positionals('compare', pos, ['file']);
    const seed = seedFlag('compare', values.seed);
    const fidelity = fidelityFlag('compare', values.fidelity);
    const format = outputFormat('compare', values);
    let names: string[] | undefined;
    if (values.strategies !== undefined) {
      names = values.strategies.split(',').map((s) => s.trim());
      if (names.some((n) => n === '')) throw new UsageError(`compare: --strategies: expected names separated by commas, such as rolling,canary, got ${JSON.stringify(values.strategies)}`);
      if (new Set(names).size !== names.length) throw new UsageError(`compare: --strategies: expected each strategy once, got ${JSON.stringify(values.strategies)}`);
    }
    const scenario = loadOrThrow(file, values.set ?? []);
    const variants = variantsOf('compare', scenario, names);
    const runs = variants.map((v) => ({ label: v.label, ...runOrThrow(`${file} [${v.label}]`, v.scenario, { seed, fidelity }) }));
    const own = variants.find((v) => v.own);
    const report = compareReport({ schemaVersion: RESULTS_SCHEMA_VERSION, scenario: scenario.name, seed: seed ?? scenario.seed, runs }, own?.label ?? null);

    let text: string;
    if (format === 'json') text = jsonText(report);
    else if (format === 'junit') text = formatCompareJunit(report);
    else if (format === 'markdown') text = formatCompareMarkdown(report, scenario.title);
    else text = formatCompareTable(report, tablePaint(io, values));
    emit(io, values, text);

    const checked = runs.find((r) => r.label === report.checked);
    if (!checked && scenario.expect.length > 0 && echoFailures(values, format)) {
      io.stderr(`${file}: expectations not checked: no compared strategy is the scenario's own (strategy.kind ${scenario.strategy.kind})\n`);
    }
    const failed = checked ? checked.expectations.filter((e) => !e.ok) : [];
    if (echoFailures(values, format)) for (const e of failed) io.stderr(`${file}: expectation failed on ${checked?.label}: ${e.expr} (${actualText(e)})\n`);
    return failed.length > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
