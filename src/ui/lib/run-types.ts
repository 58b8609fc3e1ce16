// The parts of the results contract the lab reads, named once for the UI.
import type { RunResult } from '../../scenario/run-result.ts';

export type { RunResult } from '../../scenario/run-result.ts';
export type RunEvent = RunResult['events'][number];
export type Timeline = RunResult['timeline'];
export type Summary = RunResult['summary'];
