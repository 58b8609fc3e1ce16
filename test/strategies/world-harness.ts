// Builds a World with a strategy controller from a scenario written inline, for tests that
// need to watch the fleet while it runs.
import { World, type Fidelity } from '../../src/model/world.ts';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/schema.ts';
import { modelConfig } from '../../src/scenario/simulate.ts';
import { createController, type StrategyController } from '../../src/strategies/index.ts';

export function worldWith(input: Partial<ScenarioInput> & Pick<ScenarioInput, 'strategy'>, fidelity: Fidelity = 'aggregate', seed = 1): { world: World; controller: StrategyController } {
  const scenario = scenarioSchema.parse({
    name: 'harness',
    title: 'test harness',
    duration: '10m',
    fleet: { replicas: 10, provisioning: 1, boot: 5, warmup: 0, readinessProbe: { periodSeconds: 1 } },
    traffic: { rate: 5, users: 100 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
    ...input,
  });
  const world = new World(modelConfig(scenario), { seed, fidelity });
  const controller = createController(scenario.strategy, scenario.analysis);
  world.onStart((w) => controller.start(w));
  return { world, controller };
}
