// Shared by the bench cases: timing and the one-line JSON report the runner reads.

export interface BenchRow {
  name: string;
  result: string;
  target?: string;
  notes?: string;
}

/** Prints a row for bench/run.mjs, with this process's peak resident memory so far. */
export function report(row: BenchRow): void {
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ...row, peakRssMB }));
}

/** Milliseconds, monotonic (the bench may read the wall clock; the simulator never does). */
export function nowMs(): number {
  return performance.now();
}

/** Median of a few repetitions: the machine is noisy. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
