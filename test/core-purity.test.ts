// The simulation core must run unchanged in Node, a Web Worker and the browser, and give the
// same numbers for the same seed: no unseeded randomness, no wall clock, no DOM or Node-only
// imports, and the kernel imports nothing from the layers above it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['src/engine', 'src/model', 'src/strategies', 'src/analysis', 'src/scenario'];

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

function codeOnly(text: string): string {
  // Drop comments so that a comment explaining why Math.random is avoided does not trip the check.
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('the simulation core', () => {
  const files = CORE.flatMap(sourceFiles);

  it('has source files to check', () => {
    expect(files.some((f) => f.startsWith('src/engine'))).toBe(true);
  });

  it.each(files)('%s uses no unseeded randomness, wall clock, DOM or Node-only module', (file) => {
    const code = codeOnly(readFileSync(file, 'utf8'));
    expect(code).not.toMatch(/Math\.random\s*\(/);
    expect(code).not.toMatch(/Date\.now\s*\(|performance\.now\s*\(|new Date\s*\(/);
    expect(code).not.toMatch(/from\s+['"](node:|fs['"]|path['"]|child_process|worker_threads)/);
    expect(code).not.toMatch(/\b(document|window|localStorage)\s*\./);
    expect(code).not.toMatch(/from\s+['"][^'"]*\/(ui|cli)\//);
  });

  it.each(files.filter((f) => f.startsWith('src/engine')))('%s imports nothing from the layers above the kernel', (file) => {
    const code = codeOnly(readFileSync(file, 'utf8'));
    expect(code).not.toMatch(/from\s+['"]\.\.\/+(\.\.\/)*(model|strategies|analysis|scenario|ui|cli)\//);
  });
});
