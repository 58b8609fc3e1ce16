// When the table is coloured: a terminal, no NO_COLOR, TERM not dumb — or FORCE_COLOR.
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/color.ts';
import type { CliIo } from '../../src/cli/io.ts';

const io = (stdoutIsTTY: boolean, env: Record<string, string> = {}): CliIo => ({ stdout() {}, stderr() {}, stdoutIsTTY, env });

describe('wantsColor', () => {
  it.each([
    ['a terminal', io(true), {}, true],
    ['a pipe', io(false), {}, false],
    ['NO_COLOR=1 on a terminal', io(true, { NO_COLOR: '1' }), {}, false],
    ['an empty NO_COLOR (no-color.org: ignored)', io(true, { NO_COLOR: '' }), {}, true],
    ['TERM=dumb', io(true, { TERM: 'dumb' }), {}, false],
    ['FORCE_COLOR=1 on a pipe', io(false, { FORCE_COLOR: '1' }), {}, true],
    ['FORCE_COLOR=0 on a terminal', io(true, { FORCE_COLOR: '0' }), {}, true],
    ['FORCE_COLOR with NO_COLOR', io(false, { FORCE_COLOR: '1', NO_COLOR: '1' }), {}, true],
    ['--no-color', io(true, { FORCE_COLOR: '1' }), { noColor: true }, false],
    ['--out FILE', io(true, { FORCE_COLOR: '1' }), { toFile: true }, false],
  ])('%s → %s', (_, target, options, expected) => {
    expect(wantsColor(target, options)).toBe(expected);
  });
});
