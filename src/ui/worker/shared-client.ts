// The page's simulation clients, created on first use: one for runs and comparisons, and a
// second worker for power tables, so a minute-long power computation and a quick rerun do
// not supersede each other.
import { createSimWorker, SimClient } from './sim-client.ts';

let client: SimClient | null = null;
let power: SimClient | null = null;

export function simClient(): SimClient {
  // Most runs take well under this: letting a warm worker finish beats restarting it cold.
  client ??= new SimClient(undefined, { patienceMs: 400 });
  return client;
}

export function powerClient(): SimClient {
  power ??= new SimClient(() => createSimWorker('rollout-lab-power'));
  return power;
}
