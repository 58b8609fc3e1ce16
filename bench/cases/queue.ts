// The raw event queue: the classic "hold" loop (pop the next event, schedule its successor
// an exponential gap later) with 64 and with 100,000 events pending, 10 million pairs each.
import { EventQueue } from '../../src/engine/event-queue.ts';
import { exponential } from '../../src/engine/distributions/exponential.ts';
import { streams } from '../../src/engine/streams.ts';
import { median, nowMs, report } from './report.ts';

const PAIRS = 10_000_000;
// Gaps drawn up front so the loop times the queue, not the random number generator.
const gaps = new Float64Array(1 << 20);
const rng = streams(1).get('bench/queue');
for (let i = 0; i < gaps.length; i++) gaps[i] = exponential(rng, 1);
const mask = gaps.length - 1;

function holdPairsPerSecond(pending: number): number {
  const q = new EventQueue(pending + 16);
  for (let i = 0; i < pending; i++) q.push(gaps[i & mask] * pending, 0, i);
  const start = nowMs();
  for (let i = 0; i < PAIRS; i++) {
    q.pop();
    q.push(q.poppedTime + gaps[i & mask] * pending, 0, i);
  }
  return PAIRS / ((nowMs() - start) / 1000);
}

for (const [pending, target] of [[64, 15e6], [100_000, 5e6]] as const) {
  holdPairsPerSecond(pending); // warm-up: let the JIT settle
  const rate = median([holdPairsPerSecond(pending), holdPairsPerSecond(pending), holdPairsPerSecond(pending)]);
  report({
    name: `queue: hold, ${pending.toLocaleString('en')} pending`,
    result: `${(rate / 1e6).toFixed(1)} M schedule+pop/s`,
    target: `≥ ${target / 1e6} M/s ${rate >= target ? '✓' : '✗'}`,
    notes: '10 M pairs, median of 3',
  });
}
