// What the command reads from and writes to, handed in so that the commands run the same in
// the bundled binary and in tests: data goes to stdout, messages to stderr.

export interface CliIo {
  /** Data: results, tables, reports. */
  stdout(text: string): void;
  /** Messages: errors, warnings, verdicts. */
  stderr(text: string): void;
  /** Whether stdout is a terminal (tables and colour are for people). */
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress bars are drawn only there). Default false. */
  readonly stderrIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The script worker threads run: the bundled binary itself, which serves sweep jobs when
   * started as a worker. Without it (in-process use), sweeps run in the calling thread.
   */
  readonly workerScript?: URL;
}

/** The real process's streams and environment; `workerScript` is the running binary. */
export function processIo(workerScript?: URL): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    workerScript,
  };
}
