// Runs one or more analysis templates side by side as one gate (an Argo AnalysisRun with
// several templates): the gate's phase is the worst of theirs, reported once.
import { AnalysisRun } from '../analysis/analysis-run.ts';
import type { AnalysisTemplate } from '../analysis/schema.ts';
import type { World } from '../model/world.ts';

export type GatePhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';

const SEVERITY: Record<GatePhase, number> = { Successful: 0, Inconclusive: 1, Error: 2, Failed: 3 };

export interface GateOptions {
  /** Label for events, e.g. "step 2 analysis". */
  name: string;
  canary: number;
  baseline: number;
  /** Inline step duration, seconds; omitted: each template runs to its own count (or forever). */
  duration?: number;
}

export class AnalysisGate {
  private readonly runs: AnalysisRun[] = [];
  private pending = 0;
  private worst: GatePhase = 'Successful';
  private done = false;

  constructor(
    world: World,
    templates: Readonly<Record<string, AnalysisTemplate>>,
    names: readonly string[],
    options: GateOptions,
    private readonly onDone: (phase: GatePhase, detail: Record<string, unknown>) => void,
  ) {
    for (const name of names) {
      const template = templates[name];
      if (!template) throw new Error(`analysis template "${name}" is not defined in the scenario's analysis section`);
      this.pending++;
      this.runs.push(
        new AnalysisRun(world, template, {
          name: `${options.name}: ${name}`,
          canary: options.canary,
          baseline: options.baseline,
          duration: options.duration,
          sloAvailability: world.config.slo.availability,
          onDone: (phase) => this.finished(phase as GatePhase, name),
        }),
      );
    }
  }

  start(): void {
    if (this.runs.length === 0) this.finish({});
    for (const r of this.runs) r.start();
  }

  /** Ends every run early (Argo: early termination counts as Successful). */
  terminate(): void {
    for (const r of this.runs) r.terminate();
  }

  private finished(phase: GatePhase, template: string): void {
    if (this.done) return;
    if (SEVERITY[phase] > SEVERITY[this.worst]) this.worst = phase;
    this.pending--;
    // A failure ends the gate at once: Argo aborts the rollout on the first failed run. The
    // gate reports first, so the other runs' terminations (which report too) are ignored.
    if (phase === 'Failed' || phase === 'Error') {
      this.finish({ template });
      for (const r of this.runs) r.terminate();
    } else if (this.pending === 0) this.finish({ template });
  }

  private finish(detail: Record<string, unknown>): void {
    if (this.done) return;
    this.done = true;
    this.onDone(this.worst, detail);
  }
}
