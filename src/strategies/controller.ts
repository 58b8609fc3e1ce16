// What every strategy controller is: it acts on the world during the run, then reports the
// run's outcome and its own measures (rollout duration, rollback timings).
import type { RollbackSummary } from '../analysis/outcomes/summary.ts';
import type { World } from '../model/world.ts';

export type StrategyOutcome = 'promoted' | 'rolled-back' | 'completed' | 'stalled';

export interface StrategyController {
  /** Strategy kind, as the results name it. */
  readonly kind: string;
  /** Registers handlers and timers on the world; called once before the run. */
  start(world: World): void;
  outcome(): StrategyOutcome;
  rolloutDurationS(): number | null;
  rollback(): RollbackSummary;
}
