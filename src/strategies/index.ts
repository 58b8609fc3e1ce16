// Strategy controllers by kind.
import type { AnalysisTemplate } from '../analysis/schema.ts';
import { BlueGreen } from './blue-green.ts';
import { Canary } from './canary.ts';
import type { StrategyController } from './controller.ts';
import { Flagger } from './flagger.ts';
import { NoDeploy } from './none.ts';
import { Recreate } from './recreate.ts';
import { Rolling } from './rolling.ts';
import type { StrategyConfig } from './schema.ts';

export type { StrategyController, StrategyOutcome } from './controller.ts';

export function createController(strategy: StrategyConfig, templates: Readonly<Record<string, AnalysisTemplate>> = {}): StrategyController {
  switch (strategy.kind) {
    case 'none':
      return new NoDeploy();
    case 'recreate':
      return new Recreate(strategy);
    case 'rolling':
      return new Rolling(strategy);
    case 'blue-green':
      return new BlueGreen(strategy, templates);
    case 'canary':
      return strategy.flagger ? new Flagger(strategy, templates) : new Canary(strategy, templates);
  }
}
