// The lab's worker-side recompute time for each catalog scenario: what the page waits for
// between asking for a run and getting it back (load the YAML, then simulate), measured on
// the same function the Web Worker runs. Median of 3 warm runs after one cold run.
// The player's frame rate needs a browser: `npm run bench:ui` (test/e2e/frame-rate.bench.ts).
import './ui-node-require.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.ts';
import { runRequest } from '../../src/ui/worker/run-request.ts';
import { median, nowMs, report } from './report.ts';

/** A recompute the student notices as a pause: above this, the lab should show progress. */
const TARGET_MS = 1000;
const dir = join(process.cwd(), 'scenarios');

for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
  const text = readFileSync(join(dir, file), 'utf8');
  const loadStart = nowMs();
  const loaded = loadScenario(text, { file });
  const loadMs = nowMs() - loadStart;
  if (!loaded.ok) {
    report({ name: `ui worker: ${file}`, result: 'does not load', notes: loaded.errors[0]?.message ?? '' });
    continue;
  }
  const run = () => {
    const start = nowMs();
    const r = runRequest({ id: 1, source: { text, file } });
    if (!r.ok) throw new Error(`${file}: ${r.errors.join('; ')}`);
    return { ms: nowMs() - start, r };
  };
  const cold = run();
  const ms = median([run().ms, run().ms, run().ms]);
  const { result } = cold.r;
  report({
    name: `ui worker: ${loaded.scenario.name}`,
    result: `${ms.toFixed(0)} ms`,
    target: `< ${TARGET_MS} ms ${ms < TARGET_MS ? '✓' : '✗'}`,
    notes: `load ${loadMs.toFixed(1)} ms + simulate; ${result.fidelity}, ${result.events.length} events, ${result.timeline.t.length} samples; cold ${cold.ms.toFixed(0)} ms; median of 3`,
  });
}
