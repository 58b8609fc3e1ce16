// The dispatcher in-process, for what a child process cannot easily provoke: an internal
// error (a bug in the simulation) is one line and exit 2, with the stack only on request.
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/cli.ts';
import type { CliIo } from '../../src/cli/io.ts';

vi.mock('../../src/scenario/simulate.ts', () => ({
  simulate: () => {
    throw new TypeError('cannot read properties of undefined (reading "x")\n  in the engine');
  },
}));

function fakeIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    stdoutIsTTY: false,
    env,
  };
  return io;
}

describe('an internal error', () => {
  it('is one line on stderr naming the file, exit 2, no stack trace', async () => {
    const io = fakeIo();
    const code = await runCli(['run', 'test/cli/fixtures/steady.yaml'], io);
    expect(code).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toBe(
      'rollout-lab: internal error: test/cli/fixtures/steady.yaml: the simulation failed: cannot read properties of undefined (reading "x") in the engine (ROLLOUT_LAB_DEBUG=1 prints the stack trace)\n',
    );
  });

  it('comes with its stack, and its cause’s, when ROLLOUT_LAB_DEBUG=1', async () => {
    const io = fakeIo({ ROLLOUT_LAB_DEBUG: '1' });
    expect(await runCli(['run', 'test/cli/fixtures/steady.yaml'], io)).toBe(2);
    expect(io.err.split('\n')[0]).toBe('rollout-lab: internal error: test/cli/fixtures/steady.yaml: the simulation failed: cannot read properties of undefined (reading "x") in the engine');
    expect(io.err).toMatch(/SimulationError: [\s\S]*?\n\s+at /);
    expect(io.err).toMatch(/TypeError: cannot read properties/);
  });
});
