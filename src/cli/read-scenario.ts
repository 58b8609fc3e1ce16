// Scenario files from disk: the size is checked before a byte is read (a 50 MB file fails at
// once), then the pure loader does the rest; `extends:` reads its bases the same way.
import { readFileSync, statSync } from 'node:fs';
import { ROOT_PATH, type ScenarioError } from '../scenario/errors.ts';
import { loadScenario, type LoadResult } from '../scenario/load.ts';
import { MAX_SCENARIO_BYTES, megabytes } from '../scenario/load-yaml.ts';

/** Loads and validates a scenario file, with `--set` overrides. Never throws for bad input. */
export function loadScenarioFile(file: string, sets: readonly string[] = []): LoadResult {
  let text: string;
  try {
    text = readScenarioText(file);
  } catch (e) {
    const message = `expected a readable scenario file, but ${(e as Error).message}`;
    const error: ScenarioError = { file, line: 1, col: 1, path: ROOT_PATH, message };
    return { ok: false, errors: [error] };
  }
  return loadScenario(text, { file, sets, readFile: readScenarioText });
}

/** A scenario file's text; throws an Error whose message is the reason it cannot be read ("there is no such file"). */
export function readScenarioText(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new Error(fsReason(e));
  }
  if (size > MAX_SCENARIO_BYTES) throw new Error(`it is ${megabytes(size)}, over the ${megabytes(MAX_SCENARIO_BYTES)} limit`);
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new Error(fsReason(e));
  }
}

function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission was denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (e as Error).message;
}
