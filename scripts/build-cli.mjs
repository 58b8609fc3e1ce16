#!/usr/bin/env node
// Bundles the `rollout-lab` command (src/cli/main.ts and everything it imports) into bin/
// (the binary rollout-lab.js and the two files it reads), so the CLI starts without
// compiling TypeScript. Runs on `npm ci` (the `prepare` script) and in the CLI tests. Each
// file is written to a temporary file and renamed, so concurrent builds (parallel test
// workers) never leave a half-written one.
//
// Start-up is most of a short run (issue 6: every catalog scenario in under 0.5 s), and
// parsing and compiling a megabyte of JavaScript is a large part of it. Node 20 keeps no
// compile cache for ES modules, but a vm.Script takes V8's code cache. So the bundle is a
// script (CommonJS inside a function) in bin/rollout-lab.bundle.cjs, its V8 code cache in
// bin/rollout-lab.cache (made here, after a warm-up run has compiled what a run needs), and
// the binary a small ES module that reads the two — kept out of the module itself, whose
// every byte Node would otherwise parse at each start. A cache that V8 rejects (another
// Node version, other V8 flags) costs nothing but its own check: the script is then
// compiled as usual.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'bin', 'rollout-lab.js');
const bundleFile = join(root, 'bin', 'rollout-lab.bundle.cjs');
const cacheFile = join(root, 'bin', 'rollout-lab.cache');

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
  // The bundle is read and scanned at every start: without comments and indentation it is a
  // third smaller. Names stay, so stack traces still read.
  minifyWhitespace: true,
  logLevel: 'warning',
});

// The script evaluates to a function of `require` (yaml's Node build is CommonJS and calls
// it) that returns main.ts's exports. Strict, as the ES module bundle it replaces was.
const source = `(function (require) {\n"use strict";\nconst module = { exports: {} };\nconst exports = module.exports;\n${result.outputFiles[0].text}\nreturn module.exports;\n})`;

const cache = await codeCache(source);

const binary = `#!/usr/bin/env node
// Built by scripts/build-cli.mjs from src/cli/main.ts; see there. The CLI is a script beside
// this file, compiled from V8's code cache when the cache is there and fits.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('./rollout-lab.bundle.cjs', import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(new URL('./rollout-lab.cache', import.meta.url));
} catch {
  cachedData = undefined;
}
const script = new Script(readFileSync(bundle, 'utf8'), { filename: bundle, cachedData });
await script.runInThisContext()(createRequire(bundle)).main(new URL(import.meta.url));
`;

mkdirSync(dirname(outfile), { recursive: true });
// Each file whole or not at all; the binary last, so it never points at a missing bundle.
// A cache from a concurrent build that does not fit this bundle is rejected by V8, not misused.
writeAtomically(bundleFile, source);
if (cache) writeAtomically(cacheFile, cache);
else rmSync(cacheFile, { force: true });
writeAtomically(outfile, binary, 0o755);

function writeAtomically(file, contents, mode) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  if (mode) chmodSync(tmp, mode);
  renameSync(tmp, file);
}

/** The code cache after the warm-up, or null when the warm-up fails (the binary then compiles as usual). */
async function codeCache(text) {
  const script = new Script(text, { filename: bundleFile });
  try {
    const cli = script.runInThisContext()(createRequire(bundleFile));
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
