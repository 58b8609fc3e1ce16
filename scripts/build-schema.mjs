#!/usr/bin/env node
// `npm run schema`: writes schema/scenario.schema.json, the editors' JSON Schema for
// scenario files, from the zod schema (src/scenario/json-schema.ts). `--check` only
// compares and exits 1 when the committed file is stale.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
  entryPoints: [join(root, 'src/scenario/json-schema.ts')],
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const code = Buffer.from(result.outputFiles[0].contents).toString('base64');
const { scenarioJsonSchemaText, SCENARIO_JSON_SCHEMA_PATH } = await import(`data:text/javascript;base64,${code}`);

const target = join(root, SCENARIO_JSON_SCHEMA_PATH);
const text = scenarioJsonSchemaText();
let current = null;
try {
  current = readFileSync(target, 'utf8');
} catch {
  // not generated yet
}

if (process.argv.includes('--check')) {
  if (current !== text) {
    process.stderr.write(`${SCENARIO_JSON_SCHEMA_PATH}: stale; run \`npm run schema\` and commit the result\n`);
    process.exit(1);
  }
  process.stdout.write(`${SCENARIO_JSON_SCHEMA_PATH}: fresh\n`);
} else if (current === text) {
  process.stdout.write(`${SCENARIO_JSON_SCHEMA_PATH}: already fresh\n`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, text);
  renameSync(`${target}.tmp`, target);
  process.stdout.write(`${SCENARIO_JSON_SCHEMA_PATH}: written (${text.length} bytes)\n`);
}
