// The whole scenario file: metadata, the model's sections (defined in model/config), the
// strategy, analysis templates, the SLO, expectations and narration. One zod schema is the
// single source of the types, the defaults, the validation messages and the editor's JSON Schema.
// A namespace import, here and in every schema module: the CLI bundle then keeps only the
// parts of zod in use, where `import { z }` kept all of it, every locale included.
import * as z from 'zod';
import {
  duration,
  fleetSchema,
  metricsSchema,
  releasesSchema,
  routerFieldsSchema,
  routerSchema,
  sloSchema,
  trafficSchema,
} from '../model/config/index.ts';
import { compatibilityIssues, compatibilitySchema } from '../model/config/compatibility.ts';
import { analysisSchema } from '../analysis/schema.ts';
import { strategySchema, type StrategyConfig } from '../strategies/schema.ts';

/** The concept card's sections a scenario can teach, in the card's order. */
export const CARD_SECTIONS = [
  'why-it-matters',
  'four-strategies',
  'blue-green',
  'canary',
  'automated-analysis',
  'compatibility',
  'real-world',
] as const;

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('path of the JSON Schema, for editors'),
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case name such as automated-canary-analysis')
      .describe('identifier, kebab-case'),
    title: z.string().min(1).describe('one line: what the scenario shows'),
    description: z.string().optional().describe('a paragraph for the catalog and the lab'),
    teaches: z.enum(CARD_SECTIONS).optional().describe('which part of the concept card it belongs to'),
    seed: z.number().int().min(0).default(1).describe('random seed: same scenario and seed, same results'),
    duration: duration.describe('simulated time, e.g. 30m or 3h'),
    sampleStep: duration.optional().describe('seconds between timeline points (default: duration ÷ 600, at least 1 s)'),
    fidelity: z
      .enum(['auto', 'request', 'aggregate'])
      .default('auto')
      .describe('request: every request is an event; aggregate: counts per tick; auto: request for small runs'),
    fleet: fleetSchema,
    traffic: trafficSchema,
    releases: releasesSchema,
    router: routerSchema,
    metrics: metricsSchema,
    slo: sloSchema,
    compatibility: compatibilitySchema.optional(), // issue 5: schema, API and message compatibility
    strategy: strategySchema,
    analysis: analysisSchema.describe('analysis templates by name, used by canary and blue-green steps'),
    compare: z
      .array(
        z.strictObject({
          label: z.string().min(1).optional().describe('name of this variant in comparisons (default: the kind)'),
          strategy: strategySchema,
          router: routerFieldsSchema.optional().describe('a different router for this variant (blue-green through DNS, say)'),
        }),
      )
      .default([])
      .describe('strategies to compare on this same fleet, traffic, faults and seed (rollout-lab compare)'),
    expect: z.array(z.string().min(1)).default([]).describe('assertions over the results, e.g. summary.downtimeS == 0'),
    narration: z
      .record(z.string(), z.string())
      .default({})
      .describe('lesson text keyed by event kind (deploy-start, rollback, …), shown when the event happens'),
  })
  .superRefine((s, ctx) => {
    const strategies = [{ strategy: s.strategy, at: ['strategy'] as (string | number)[] }, ...s.compare.map((c, i) => ({ strategy: c.strategy, at: ['compare', i, 'strategy'] }))];
    for (const { strategy, at } of strategies) {
      for (const { name, path } of referencedTemplates(strategy)) {
        if (!(name in s.analysis)) ctx.addIssue({ code: 'custom', path: [...at, ...path], message: `no analysis template named "${name}" in the analysis section` });
      }
    }
    if (s.strategy.kind !== 'none' && !s.releases.candidate) {
      ctx.addIssue({ code: 'custom', path: ['releases', 'candidate'], message: `a ${s.strategy.kind} deploy needs a candidate release` });
    }
    // Compatibility (issue 5): names in the section must point at this scenario's versions, routes, columns and migrations.
    if (s.compatibility) {
      const versions = [s.releases.stable, s.releases.candidate, s.releases.superseding].flatMap((r) => (r ? [r.version] : []));
      for (const issue of compatibilityIssues(s.compatibility, versions, s.traffic.routes.map((r) => r.name))) ctx.addIssue({ code: 'custom', ...issue });
    }
  })
  .describe('a Rollout Lab scenario');

/** Every analysis template a strategy names, with where it names it. */
function referencedTemplates(strategy: StrategyConfig): { name: string; path: (string | number)[] }[] {
  const out: { name: string; path: (string | number)[] }[] = [];
  if (strategy.kind === 'blue-green') {
    for (const key of ['prePromotionAnalysis', 'postPromotionAnalysis'] as const) {
      strategy[key]?.templates.forEach((name, i) => out.push({ name, path: [key, 'templates', i] }));
    }
  }
  if (strategy.kind === 'canary') {
    strategy.steps.forEach((step, i) => {
      if ('analysis' in step) step.analysis.templates.forEach((name) => out.push({ name, path: ['steps', i, 'analysis'] }));
    });
    strategy.analysis?.templates.forEach((name, i) => out.push({ name, path: ['analysis', 'templates', i] }));
    strategy.flagger?.analysis.templates.forEach((name, i) => out.push({ name, path: ['flagger', 'analysis', i] }));
  }
  return out;
}

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
