// A progress bar on stderr for long commands — only for a person watching: stderr is a
// terminal and CI is unset (oclif#137, lerna#447). Otherwise every call is a no-op, so logs
// and pipes stay clean. Redrawn at most ten times a second.
import type { CliIo } from './io.ts';

export interface Progress {
  update(done: number): void;
  /** Clears the bar (the line is left empty for what follows). */
  finish(): void;
}

const NONE: Progress = { update() {}, finish() {} };
const WIDTH = 28;

export function progressBar(io: CliIo, label: string, total: number): Progress {
  if (!io.stderrIsTTY || io.env.CI || total <= 0) return NONE;
  const started = performance.now();
  let last = -Infinity;
  let shown = false;
  return {
    update(done) {
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      const filled = Math.round((done / total) * WIDTH);
      const seconds = ((now - started) / 1000).toFixed(1);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} runs ${seconds} s\x1b[K`);
    },
    finish() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
