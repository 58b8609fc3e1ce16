// AWS CodeDeploy traffic-shifting configurations as Argo canary steps.
import type { CanaryConfig, CanaryStep } from './schema.ts';

export function presetSteps(preset: NonNullable<CanaryConfig['preset']>): CanaryStep[] {
  switch (preset) {
    case 'Canary10Percent5Minutes':
      return [{ setWeight: 10 }, { pause: { duration: 300 } }];
    case 'Linear10PercentEvery1Minute': {
      const steps: CanaryStep[] = [];
      for (let w = 10; w < 100; w += 10) steps.push({ setWeight: w }, { pause: { duration: 60 } });
      return steps;
    }
    case 'AllAtOnce':
      return [];
  }
}
