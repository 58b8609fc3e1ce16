// Runs the built `rollout-lab` binary as a child process, as CI and users do. The binary is
// (re)built by the same script `npm ci` runs, once per test file, before the tests.
import { execFile, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'bin', 'rollout-lab.js');
export const FIXTURES = 'test/cli/fixtures';

export function buildCli(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without the trailing empty one. */
  lines: string[];
  ms: number;
}

/** Runs `rollout-lab args…` from the repository root, colour off unless `env` asks. */
export function cli(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ROLLOUT_LAB_DEBUG: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, lines: stderr.split('\n').filter((l) => l !== ''), ms: performance.now() - started });
    });
  });
}

/** `file:line:col: path: message`, the one shape every input error has. */
export const ERROR_LINE = /^(.+?):(\d+):(\d+): (\S+): (.+)$/;
