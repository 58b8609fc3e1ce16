// `npm run bench`: bundles each case in bench/cases with esbuild, runs it in a process of its
// own (so peak memory is that case's alone), and prints one table. Never part of `npm test`.
// Browser cases (test/e2e/*.bench.ts: the lab's input-to-update time, the player's frame
// rate) run after them through Playwright when Chromium is there, and join the same table.
// Usage: npm run bench [-- name-filter]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const casesDir = join(root, 'bench', 'cases');
const outDir = join(root, '.bench');
mkdirSync(outDir, { recursive: true });
const filter = process.argv[2] ?? '';
const cases = readdirSync(casesDir).filter((f) => f.endsWith('.ts') && f.includes(filter)).sort();

await build({
  entryPoints: cases.map((f) => join(casesDir, f)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});

const rows = [];
for (const file of cases) {
  const script = join(outDir, file.replace(/\.ts$/, '.mjs'));
  const child = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (child.status !== 0) {
    process.stderr.write(`bench: ${file} failed\n${child.stderr}\n`);
    process.exitCode = 1;
    continue;
  }
  for (const line of child.stdout.split('\n')) {
    if (line.startsWith('{')) rows.push(JSON.parse(line));
    else if (line.trim()) process.stderr.write(`${line}\n`);
  }
}

const browserCases = readdirSync(join(root, 'test', 'e2e')).filter((f) => f.endsWith('.bench.ts') && f.includes(filter));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (browserCases.length > 0 && !existsSync(chromium) && !process.env.PLAYWRIGHT_BROWSERS_PATH) {
  process.stderr.write(`bench: no Chromium at ${chromium}; skipping the browser cases (${browserCases.join(', ')})\n`);
} else if (browserCases.length > 0) {
  const child = spawnSync('npx', ['playwright', 'test', '-c', 'test/e2e/bench.config.ts', ...browserCases], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const line of child.stdout.split('\n')) {
    const at = line.indexOf('{"name"');
    if (at >= 0) rows.push(JSON.parse(line.slice(at)));
  }
  if (child.status !== 0) {
    process.stderr.write(`bench: browser cases failed\n${child.stdout.slice(-4000)}\n${child.stderr}\n`);
    process.exitCode = 1;
  }
}

const columns = ['case', 'result', 'target', 'peak RSS', 'notes'];
const table = rows.map((r) => [r.name, r.result, r.target ?? '', r.peakRssMB === undefined ? '' : `${r.peakRssMB.toFixed(0)} MB`, r.notes ?? '']);
const widths = columns.map((c, i) => Math.max(c.length, ...table.map((row) => String(row[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(line(columns));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
