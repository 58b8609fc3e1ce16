// What the command reads from and writes to, handed in so that the commands run the same in
// the bundled binary and in tests: data goes to stdout, messages to stderr.

export interface CliIo {
  /** Data: results, tables, reports. */
  stdout(text: string): void;
  /** Messages: errors, warnings, verdicts. */
  stderr(text: string): void;
  /** Whether stdout is a terminal (tables and colour are for people). */
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}
