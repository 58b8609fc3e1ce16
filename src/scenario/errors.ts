// What a scenario that cannot be loaded reports: one error per problem, each printed as one
// line `file:line:col: field.path: what was expected` that editors and CI logs can jump to.

/** One problem in a scenario, located in the file (or `--set` argument) that caused it. */
export interface ScenarioError {
  /** The file as the user named it, or `--set` for a command-line override. */
  file: string;
  /** 1-based line; for `--set`, which override (1 = the first). */
  line: number;
  /** 1-based column. */
  col: number;
  /** Field path such as `fleet.replicas` or `strategy.steps[2].setWeight`; `(root)` for the whole document. */
  path: string;
  /** What was expected, and what was found. */
  message: string;
}

/** The path shown for problems with the document as a whole (syntax, size). */
export const ROOT_PATH = '(root)';

/** `file:line:col: path: message`, on one line whatever the message holds. */
export function formatScenarioError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.path}: ${oneLine(e.message)}`;
}

/** `fleet.replicas`, `strategy.steps[2].setWeight`; `(root)` for the empty path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(seg))) out += out ? `.${String(seg)}` : String(seg);
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || ROOT_PATH;
}

/** Collapses newlines and runs of spaces so a message never spans lines. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

/** Thrown by the loaders' throwing variants; `errors` holds every problem found. */
export class ScenarioLoadError extends Error {
  constructor(readonly errors: ScenarioError[]) {
    super(errors.map(formatScenarioError).join('\n'));
    this.name = 'ScenarioLoadError';
  }
}
