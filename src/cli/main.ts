// Entry point of the bundled `rollout-lab` binary (bin/rollout-lab.js, built by
// scripts/build-cli.mjs): real streams in, exit code out. The same file is the entry of the
// worker threads a sweep starts: started with the worker mark, it serves sweep jobs instead.
import { isMainThread, workerData } from 'node:worker_threads';
import { processIo } from './io.ts';
import { isWorkerData } from './sweep/worker-mark.ts';

if (!isMainThread && isWorkerData(workerData)) {
  const { serveJobs } = await import('./sweep/worker.ts');
  serveJobs();
} else {
  // `rollout-lab run … | head` closes the pipe early; that is not an error worth a trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  try {
    // Imported here so that even a failure while loading the modules ends as one line, exit 2.
    const { runCli } = await import('./cli.ts');
    process.exitCode = await runCli(process.argv.slice(2), processIo(new URL(import.meta.url)));
  } catch (e) {
    process.stderr.write(`rollout-lab: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.ROLLOUT_LAB_DEBUG && process.env.ROLLOUT_LAB_DEBUG !== '0') process.stderr.write(`${(e as Error)?.stack}\n`);
    process.exitCode = 2;
  }
}
