// `--format json`: exactly the results contract (RunResult), as the library returns it.
import type { RunResult } from '../../scenario/run-result.ts';

export function formatJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
