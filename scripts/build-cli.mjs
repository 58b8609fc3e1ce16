#!/usr/bin/env node
// Bundles the `rollout-lab` command (src/cli/main.ts and everything it imports) into one
// ESM file, bin/rollout-lab.js, so the CLI starts without compiling TypeScript. Runs on
// `npm ci` (the `prepare` script) and in the CLI tests. Written to a temporary file and
// renamed, so concurrent builds (parallel test workers) never leave a half-written binary.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'bin', 'rollout-lab.js');

const result = await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile,
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    // yaml's Node build is CommonJS and calls require(); an ESM bundle has to provide it.
    js: "#!/usr/bin/env node\nimport { createRequire as __rolloutLabRequire } from 'node:module';\nconst require = __rolloutLabRequire(import.meta.url);",
  },
});

mkdirSync(dirname(outfile), { recursive: true });
const tmp = `${outfile}.${process.pid}.tmp`;
writeFileSync(tmp, result.outputFiles[0].contents);
chmodSync(tmp, 0o755);
renameSync(tmp, outfile);
