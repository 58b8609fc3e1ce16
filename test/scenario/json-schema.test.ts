// The editors' JSON Schema is generated from the zod schema and committed; this fails when
// the two drift apart (refresh with `npm run schema`).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/json-schema.ts';

describe('schema/scenario.schema.json', () => {
  it('is fresh', () => {
    let committed = '';
    try {
      committed = readFileSync(SCENARIO_JSON_SCHEMA_PATH, 'utf8');
    } catch {
      // missing: reported below
    }
    const fresh = scenarioJsonSchemaText();
    if (committed !== fresh) expect.fail(`${SCENARIO_JSON_SCHEMA_PATH} is stale or missing: run \`npm run schema\` and commit the result`);
  });

  it('is draft-07 (what the YAML language server reads), knows extends:, and lets a file that extends leave fields out', () => {
    const schema = scenarioJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect((schema.properties as Record<string, unknown>).extends).toMatchObject({ type: 'string' });
    expect(schema.required).toBeUndefined();
    expect(schema.if).toEqual({ required: ['extends'] });
    expect((schema.else as { required: string[] }).required).toEqual(expect.arrayContaining(['name', 'title', 'duration', 'fleet', 'traffic', 'releases']));
  });
});

describe('scenario files', () => {
  const files = readdirSync('scenarios').filter((f) => /\.ya?ml$/.test(f));
  it.each(files)('scenarios/%s points editors at the schema on its first line', (file) => {
    expect(readFileSync(`scenarios/${file}`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
  });
});
