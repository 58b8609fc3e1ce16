// No deploy: the stable version serves the whole run. The baseline every strategy's extra
// cost and blast radius is measured against.
import { NO_ROLLBACK, type RollbackSummary } from '../analysis/outcomes/summary.ts';
import type { StrategyController, StrategyOutcome } from './controller.ts';

export class NoDeploy implements StrategyController {
  readonly kind = 'none';
  start(): void {}
  outcome(): StrategyOutcome {
    return 'completed';
  }
  rolloutDurationS(): number | null {
    return null;
  }
  rollback(): RollbackSummary {
    return NO_ROLLBACK;
  }
}
