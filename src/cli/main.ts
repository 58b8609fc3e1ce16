// Entry point of the bundled `rollout-lab` binary (bin/rollout-lab.js, built by
// scripts/build-cli.mjs): real streams in, exit code out.
import { processIo } from './io.ts';

// `rollout-lab run … | head` closes the pipe early; that is not an error worth a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  // Imported here so that even a failure while loading the modules ends as one line, exit 2.
  const { runCli } = await import('./cli.ts');
  process.exitCode = await runCli(process.argv.slice(2), processIo());
} catch (e) {
  process.stderr.write(`rollout-lab: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  if (process.env.ROLLOUT_LAB_DEBUG && process.env.ROLLOUT_LAB_DEBUG !== '0') process.stderr.write(`${(e as Error)?.stack}\n`);
  process.exitCode = 2;
}
