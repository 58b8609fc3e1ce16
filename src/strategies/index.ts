// Strategy controllers by kind.
import type { StrategyConfig } from './schema.ts';
import type { StrategyController } from './controller.ts';
import { NoDeploy } from './none.ts';

export type { StrategyController, StrategyOutcome } from './controller.ts';

export function createController(strategy: StrategyConfig): StrategyController {
  switch (strategy.kind) {
    case 'none':
      return new NoDeploy();
  }
}
