// A request's scenario: loaded from its text with the loader's messages, or given parsed.
import { formatScenarioError, loadScenario } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { SimRequest } from './protocol.ts';

export function scenarioOf(source: SimRequest['source']): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  if ('scenario' in source) return { ok: true, scenario: source.scenario };
  const loaded = loadScenario(source.text, { file: source.file ?? 'scenario.yaml' });
  return loaded.ok ? { ok: true, scenario: loaded.scenario } : { ok: false, errors: loaded.errors.map(formatScenarioError) };
}
