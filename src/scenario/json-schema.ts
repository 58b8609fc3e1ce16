// The editor's JSON Schema for scenario files, generated from scenarioSchema (the single
// source of truth). Draft-07, because the Red Hat YAML language server reads draft-07 and
// below (yaml-language-server#1112); `io: 'input'` keeps defaulted fields optional.
// `npm run schema` writes it to schema/scenario.schema.json; a test checks it is fresh.
import * as z from 'zod';
import { scenarioSchema } from './schema.ts';

/** Where the generated schema is committed, relative to the repository root. */
export const SCENARIO_JSON_SCHEMA_PATH = 'schema/scenario.schema.json';

/** The JSON Schema object for a scenario file, with the loader's `extends:` added. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-07', io: 'input' }) as Record<string, unknown>;
  const properties = { ...(schema.properties as Record<string, unknown>) };
  const required = (schema.required as string[] | undefined) ?? [];
  // `extends:` is resolved by the loader before validation, so zod never sees it; a file that
  // extends a base may leave out fields the base provides.
  const withExtends: Record<string, unknown> = {
    ...schema,
    title: 'Rollout Lab scenario',
    properties: {
      extends: { type: 'string', description: 'path of a base scenario (relative to this file) to deep-merge under this one; lists are replaced' },
      ...properties,
    },
  };
  delete withExtends.required;
  if (required.length > 0) {
    withExtends.if = { required: ['extends'] };
    withExtends.then = {};
    withExtends.else = { required };
  }
  return withExtends;
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
