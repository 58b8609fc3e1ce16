// The strategy section. `none` runs the steady state with no deploy (a baseline); the
// deployment strategies (recreate, rolling, blue-green, canary) add their own kinds here.
import { z } from 'zod';
import { duration } from '../model/config/units.ts';

export const noneStrategySchema = z
  .strictObject({
    kind: z.literal('none'),
  })
  .describe('no deploy: the stable version serves the whole run');

export const strategySchema = z
  .discriminatedUnion('kind', [noneStrategySchema])
  .prefault({ kind: 'none' })
  .describe('how the candidate is rolled out');

export type StrategyConfig = z.output<typeof strategySchema>;

/** When the deploy begins, seconds; used by every deploying strategy. */
export const deployAt = duration.default(60).describe('when the deploy starts, seconds after the scenario starts');
