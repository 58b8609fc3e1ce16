// Exit codes and the errors the command turns into them (ESLint's convention): 0 every
// expectation holds, 1 an expectation failed, 2 invalid input, usage or an internal error.

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INVALID = 2;

/** Bad flags or arguments: printed as `rollout-lab: <message>`, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Problems already formatted one per line (`file:line:col: path: …`), exit 2. */
export class InputError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'InputError';
  }
}
