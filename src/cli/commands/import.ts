// `rollout-lab import <manifest.yaml>`: an Argo Rollout, a Flagger Canary or a Kubernetes
// Deployment as scenario fields (YAML on stdout or --out), with one warning on stderr for
// each field the lab cannot simulate, at its line and column.
import { readScenarioText } from '../read-scenario.ts';
import { importedYaml, importManifests, type ImportNote } from '../../scenario/import.ts';
import { HELP_OPTION, parse, positionals } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, InputError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { emit } from '../output.ts';

const OPTIONS = { ...HELP_OPTION, out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' } } as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'an Argo Rollout, Flagger Canary or Deployment as a strategy block',
  help: `Usage: rollout-lab import <manifest.yaml> [--out FILE]

Reads Kubernetes manifests (one file, any number of YAML documents) and prints
the scenario fields they give, as YAML:
  - an Argo Rollout (spec.strategy.canary or blueGreen, spec.replicas) with the
    AnalysisTemplates it uses, where their Prometheus queries map to the lab's
    metrics (latency percentiles, error and success rates, request rate);
  - a Flagger Canary (spec.analysis: interval, threshold, stepWeight(s),
    maxWeight, iterations, match, metrics) with request-success-rate,
    request-duration and MetricTemplates as an analysis template, and the fleet
    of the Deployment it targets when that is in the file;
  - a Kubernetes Deployment (Recreate or RollingUpdate with maxSurge and
    maxUnavailable, minReadySeconds, progressDeadlineSeconds, replicas).
The pod template's readiness probe, termination grace period and preStop sleep
go to fleet:. Each field the lab cannot simulate gets a warning on stderr:

  manifest.yaml:12:7: spec.strategy.canary.antiAffinity: warning: not simulated: …

Paste the fields into a scenario, or use the output as a base (extends:) and add
name, title, duration, traffic and releases. Exit code 0 when something was
imported (warnings or not), 2 when nothing could be.

Options:
  -o, --out FILE   write the YAML to FILE (whole or not at all)
  -q, --quiet      no warnings
  -h, --help       this help

Example:
  rollout-lab import k8s/rollout.yaml --out scenarios/_our-rollout.yaml
`,
  run(args: string[], io: CliIo): number {
    const { values, positionals: pos } = parse('import', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const [file] = positionals('import', pos, ['manifest.yaml']);
    let text: string;
    try {
      text = readScenarioText(file);
    } catch (e) {
      throw new InputError([`${file}:1:1: (root): expected a readable manifest file, but ${(e as Error).message}`]);
    }
    const result = importManifests(text, file);
    if (!values.quiet) for (const w of result.warnings) io.stderr(`${line(w, 'warning: ')}\n`);
    if (!result.ok) throw new InputError(result.errors.map((e) => line(e)));
    emit(io, values, importedYaml(result.workloads, file));
    return EXIT_OK;
  },
};

function line(n: ImportNote, prefix = ''): string {
  return `${n.file}:${n.line}:${n.col}: ${n.path}: ${prefix}${n.message}`;
}
