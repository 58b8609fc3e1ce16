// The command line as CI uses it: the built binary (rebuilt first) started as a process.
// `run` of a catalog scenario start to finish (target 0.5 s), and `sweep` of 1,000 seeds of
// automated-canary-analysis in aggregate fidelity on two worker threads (target 10 s on 2
// cores). Wall time and the CPU time of the process and its threads.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { median, nowMs, report } from './report.ts';

const root = process.cwd();
const cli = join(root, 'bin', 'rollout-lab.js');
spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });

const RUNS = 1000;
// GNU time reports the CPU time of the process and all its threads; without it, wall time only.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall seconds and CPU seconds (user + system, all threads; NaN without GNU time) of one command. */
function time(args: string[]): { wall: number; cpu: number } {
  const started = nowMs();
  const child = gnuTime
    ? spawnSync(gnuTime, ['-f', '%U %S', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (nowMs() - started) / 1000;
  if (child.status !== 0 && child.status !== 1) throw new Error(`rollout-lab ${args.join(' ')} failed: ${child.stderr}`);
  if (!gnuTime) return { wall, cpu: Number.NaN };
  const [user, sys] = (child.stderr.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
  return { wall, cpu: user + sys };
}

const run = ['run', 'scenarios/automated-canary-analysis.yaml', '--format', 'json', '--out', '/dev/null'];
time(run); // warm the file cache
const runs = [time(run), time(run), time(run)];
const runWall = median(runs.map((r) => r.wall));
report({ name: 'cli: run automated-canary-analysis', result: `${runWall.toFixed(2)} s`, target: `< 0.5 s ${runWall < 0.5 ? '✓' : '✗'}`, notes: 'process start to exit, median of 3' });

const sweep = time(['sweep', 'scenarios/automated-canary-analysis.yaml', '--seeds', String(RUNS), '--workers', '2', '--fidelity', 'aggregate', '--format', 'json', '--out', '/dev/null']);
report({
  name: 'cli: sweep 1,000 seeds, 2 workers',
  result: `${sweep.wall.toFixed(1)} s`,
  target: `< 10 s ${sweep.wall < 10 ? '✓' : '✗'}`,
  notes: `${sweep.cpu.toFixed(1)} s CPU, ${((sweep.cpu / RUNS) * 1000).toFixed(0)} ms a run; ${availableParallelism()} cores`,
});
