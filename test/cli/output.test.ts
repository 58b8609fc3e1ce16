// Where output goes: --out onto a device writes through it (never replaces it), and the
// progress bar draws only for a person at a terminal.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { progressBar } from '../../src/cli/progress.ts';
import { writeFileAtomic } from '../../src/cli/write-output.ts';

function fakeIo(stderrIsTTY: boolean, env: Record<string, string> = {}): CliIo & { err: string } {
  const io = { err: '', stdout: () => {}, stderr: (t: string) => void (io.err += t), stdoutIsTTY: false, stderrIsTTY, env };
  return io;
}

describe('--out', () => {
  it('writes through /dev/null rather than renaming a file over it', () => {
    writeFileAtomic('/dev/null', 'data\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('the progress bar', () => {
  it('draws on a terminal and clears its line at the end', () => {
    const io = fakeIo(true);
    const bar = progressBar(io, 'sweep', 10);
    bar.update(10);
    bar.finish();
    expect(io.err).toMatch(/^\rsweep \[#{28}\] 10\/10 runs \d+\.\d s\x1b\[K\r\x1b\[K$/);
  });

  it.each([
    ['stderr is not a terminal', fakeIo(false)],
    ['CI is set', fakeIo(true, { CI: 'true' })],
  ])('stays silent when %s', (_why, io) => {
    const bar = progressBar(io, 'sweep', 10);
    bar.update(5);
    bar.update(10);
    bar.finish();
    expect(io.err).toBe('');
  });
});
