#!/usr/bin/env node
// Bundles the `rollout-lab` command (src/cli/main.ts and everything it imports) into one
// file, bin/rollout-lab.js, so the CLI starts without compiling TypeScript. Runs on
// `npm ci` (the `prepare` script) and in the CLI tests. Written to a temporary file and
// renamed, so concurrent builds (parallel test workers) never leave a half-written binary.
//
// Start-up is most of a short run (issue 6: every catalog scenario in under 0.5 s), and
// parsing and compiling a megabyte of JavaScript is a large part of it. Node 20 keeps no
// compile cache for ES modules, but a vm.Script takes V8's code cache. So the bundle is a
// script (CommonJS inside a function), and the binary is a small ES module that holds it
// as a string together with a code cache made here, after a warm-up run has compiled what
// a run needs. A cache that V8 rejects (another Node version, other V8 flags) costs
// nothing but its own check: the script is then compiled as usual.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'bin', 'rollout-lab.js');

// What the warm-up runs: both fidelities, the analysis, the compatibility model and the
// table. Short runs, as a function is cached once it has been compiled.
const WARM_UP = [
  ['run', 'scenarios/canary-in-detail.yaml', '--set', 'duration=30m', '--format', 'json'],
  ['run', 'scenarios/compatibility-api-field-removal.yaml', '--set', 'duration=5m', '--format', 'table'],
];

const result = await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  write: false,
  legalComments: 'none',
  // The binary holds the bundle as a string, scanned at every start: without comments and
  // indentation it is a third smaller. Names stay, so stack traces still read.
  minifyWhitespace: true,
  logLevel: 'warning',
});

// The script evaluates to a function of `require` (yaml's Node build is CommonJS and calls
// it) that returns main.ts's exports. Strict, as the ES module bundle it replaces was.
const source = `(function (require) {\n"use strict";\nconst module = { exports: {} };\nconst exports = module.exports;\n${result.outputFiles[0].text}\nreturn module.exports;\n})`;

const cache = await codeCache(source);

const binary = `#!/usr/bin/env node
// Built by scripts/build-cli.mjs from src/cli/main.ts; see there. The CLI as a script and
// V8's code cache for it: compiled from the cache, it starts without parsing the bundle.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const source = ${ascii(JSON.stringify(source))};
const cache = ${JSON.stringify(cache === null ? '' : cache.toString('base64'))};
const script = new Script(source, { filename: fileURLToPath(import.meta.url), cachedData: cache === '' ? undefined : Buffer.from(cache, 'base64') });
await script.runInThisContext()(createRequire(import.meta.url)).main(new URL(import.meta.url));
`;

mkdirSync(dirname(outfile), { recursive: true });
const tmp = `${outfile}.${process.pid}.tmp`;
writeFileSync(tmp, binary);
chmodSync(tmp, 0o755);
renameSync(tmp, outfile);

/**
 * A string literal with every non-ASCII character escaped: the same string, in a file that is
 * all ASCII, which Node decodes and V8 scans faster at every start.
 */
function ascii(literal) {
  return literal.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The code cache after the warm-up, or null when the warm-up fails (the binary then compiles as usual). */
async function codeCache(text) {
  const script = new Script(text, { filename: outfile });
  try {
    const cli = script.runInThisContext()(createRequire(outfile));
    const cwd = process.cwd();
    process.chdir(root);
    try {
      for (const argv of WARM_UP) await cli.warmUp(argv);
    } finally {
      process.chdir(cwd);
    }
  } catch (e) {
    process.stderr.write(`build-cli: warning: built without a code cache, the warm-up failed: ${e?.message ?? e}\n`);
    return null;
  }
  return script.createCachedData();
}
