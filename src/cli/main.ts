// Entry point of the bundled `rollout-lab` binary (bin/rollout-lab.js, built by
// scripts/build-cli.mjs): real streams in, exit code out. The same binary is the entry of the
// worker threads a sweep starts: started with the worker mark, it serves sweep jobs instead.
//
// The bundle is a script the binary compiles with a V8 code cache made at build time, which
// saves most of the start-up's parsing and compiling. So this module runs nothing when it is
// loaded: the binary calls `main`, and the build calls `warmUp` to fill the cache.
import { isMainThread, workerData } from 'node:worker_threads';
import { processIo } from './io.ts';
import { isWorkerData } from './sweep/worker-mark.ts';

/** Runs the command line of this process. `binary` is the running binary, the script sweep workers start. */
export async function main(binary: URL): Promise<void> {
  if (!isMainThread && isWorkerData(workerData)) {
    const { serveJobs } = await import('./sweep/worker.ts');
    serveJobs();
    return;
  }
  // `rollout-lab run … | head` closes the pipe early; that is not an error worth a trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  try {
    // Imported here so that even a failure while loading the modules ends as one line, exit 2.
    const { runCli } = await import('./cli.ts');
    process.exitCode = await runCli(process.argv.slice(2), processIo(binary));
  } catch (e) {
    process.stderr.write(`rollout-lab: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.ROLLOUT_LAB_DEBUG && process.env.ROLLOUT_LAB_DEBUG !== '0') process.stderr.write(`${(e as Error)?.stack}\n`);
    process.exitCode = 2;
  }
}

/**
 * Runs a command line with its output thrown away and returns the exit code, for the build:
 * the code cache holds the functions compiled by then, so a run at start-up compiles few.
 */
export async function warmUp(argv: readonly string[]): Promise<number> {
  const { runCli } = await import('./cli.ts');
  return runCli(argv, { stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, env: {} });
}
