// A sweep's parameter grid from its `--set path=a,b,c` arguments: each argument with more
// than one value is an axis, and the grid is their product (the first axis varies slowest).
// Commas inside [], {} or quotes do not split, so `--set traffic.rate={kind: constant, rps: 300}`
// stays one value; write `title="a, b"` for a string with a comma.
import type { ScenarioError } from './errors.ts';

/** One `--set` argument of a sweep. */
export interface GridAxis {
  /** The field path, as written. */
  path: string;
  /** The values, as written (YAML text each). */
  values: string[];
  /** Where each value starts in the argument (0-based). */
  offsets: number[];
}

/** One point of the grid: the `--set` arguments that make it, and the axes' values. */
export interface GridCell {
  /** One `path=value` per argument, in the order given, for the scenario loader. */
  sets: string[];
  /** The value of each axis with more than one value, by path (empty without a grid). */
  set: Record<string, string>;
  /** Which value of each argument (index into its `values`). */
  choice: number[];
}

/** Most cells a grid may have: beyond this it is surely a typo. */
export const MAX_GRID_CELLS = 10_000;

/** The axes of `args`; an argument without `=` is kept whole for the loader to reject. */
export function gridAxes(args: readonly string[]): GridAxis[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) return { path: arg, values: [''], offsets: [arg.length] };
    const parts = splitTopLevel(arg.slice(eq + 1));
    return { path: arg.slice(0, eq), values: parts.map((p) => p.text), offsets: parts.map((p) => eq + 1 + p.at) };
  });
}

/** Every cell of the grid, first axis slowest. @throws RangeError past {@link MAX_GRID_CELLS}. */
export function gridCells(args: readonly string[]): GridCell[] {
  const axes = gridAxes(args);
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_GRID_CELLS) throw new RangeError(`--set: the grid has ${total} cells; expected at most ${MAX_GRID_CELLS}`);
  const cells: GridCell[] = [];
  const choice = axes.map(() => 0);
  for (let c = 0; c < total; c++) {
    let rest = c;
    for (let i = axes.length - 1; i >= 0; i--) {
      choice[i] = rest % axes[i].values.length;
      rest = Math.floor(rest / axes[i].values.length);
    }
    const sets = axes.map((a, i) => (a.values.length === 1 && args[i].indexOf('=') <= 0 ? args[i] : `${a.path}=${a.values[choice[i]]}`));
    const set: Record<string, string> = {};
    axes.forEach((a, i) => {
      if (a.values.length > 1) set[a.path] = a.values[choice[i]];
    });
    cells.push({ sets, set, choice: [...choice] });
  }
  return cells;
}

/**
 * An error the loader reported against a cell's `--set` argument, moved to the column of
 * the value in the argument as the user wrote it (`a=1,x,3` → the `x`).
 */
export function errorInArgument(error: ScenarioError, cell: GridCell, axes: readonly GridAxis[]): ScenarioError {
  const axis = axes[error.line - 1];
  if (!axis || axis.values.length === 1) return error;
  const eq = axis.path.length;
  if (error.col <= eq + 1) return error;
  return { ...error, col: error.col - (eq + 1) + axis.offsets[cell.choice[error.line - 1]] };
}

/** Splits at commas outside brackets, braces and quotes; each part trimmed, with its start. */
export function splitTopLevel(text: string): { text: string; at: number }[] {
  const parts: { text: string; at: number }[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    parts.push({ text: raw.trim(), at: start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return parts;
}
