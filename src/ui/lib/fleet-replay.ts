// Every instance's state at any moment of a finished run, for the fleet view. It replays the
// run's `fleet.transitions` ([t, id, state]) with a checkpoint every CHECKPOINT_EVERY
// transitions, so any time costs at most that many steps plus one pass over the instances.
// Runs without a fleet record get one synthesized from the timeline's counts (see
// synthesizeFleet), which keeps the counts right but not which instance is which.
import { lastAtOrBefore } from './playhead.ts';
import type { RunResult } from './run-types.ts';

/** States an instance shows, in the order the legend lists them. */
export const INSTANCE_STATES = ['pending', 'starting', 'warming', 'ready', 'unready', 'crashed', 'terminating'] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

/** What the lab needs to know of one instance. */
export interface FleetInstance {
  id: number;
  replicaSet: string;
  version: string;
}

/** The shape of a run's `fleet` record: its instances and each change of their state. */
export interface FleetRecord {
  instances: readonly FleetInstance[];
  /** [t seconds, instance id, state], in time order; state "gone" removes the instance. */
  transitions: readonly (readonly [number, number, string])[];
}

export interface FleetCell extends FleetInstance {
  state: InstanceState;
}

/** The live instances of one replica set, in id order. */
export interface FleetGroup {
  replicaSet: string;
  version: string;
  cells: FleetCell[];
}

const CHECKPOINT_EVERY = 256;
const GONE = -1;
const NOT_YET = -2;
const CODE: Record<string, number> = Object.fromEntries(INSTANCE_STATES.map((s, i) => [s, i]));

function codeOf(state: string): number {
  return state === 'gone' ? GONE : (CODE[state] ?? CODE.unready);
}

export class FleetReplay {
  private readonly times: Float64Array;
  private readonly ids: Int32Array;
  private readonly codes: Int8Array;
  private readonly slot = new Map<number, number>();
  private readonly checkpoints: Int8Array[] = [];
  /** Replica sets in the order their first instance appears (stable first). */
  readonly replicaSets: { name: string; version: string }[] = [];
  private readonly groupOf: Int32Array;
  /** Instance slots in ascending id order. */
  private readonly order: number[];

  constructor(
    readonly instances: readonly FleetInstance[],
    transitions: FleetRecord['transitions'],
    /** True when the record was synthesized from counts: cells are placeholders, not real instances. */
    readonly synthesized = false,
  ) {
    instances.forEach((inst, i) => this.slot.set(inst.id, i));
    this.order = instances.map((_, i) => i).sort((a, b) => instances[a].id - instances[b].id);
    const groupIndex = new Map<string, number>();
    this.groupOf = new Int32Array(instances.length);
    instances.forEach((inst, i) => {
      let g = groupIndex.get(inst.replicaSet);
      if (g === undefined) {
        g = this.replicaSets.length;
        groupIndex.set(inst.replicaSet, g);
        this.replicaSets.push({ name: inst.replicaSet, version: inst.version });
      }
      this.groupOf[i] = g;
    });
    const known = transitions.filter((tr) => this.slot.has(tr[1]));
    this.times = Float64Array.from(known, (tr) => tr[0]);
    this.ids = Int32Array.from(known, (tr) => this.slot.get(tr[1])!);
    this.codes = Int8Array.from(known, (tr) => codeOf(tr[2]));
    const state = new Int8Array(instances.length).fill(NOT_YET);
    for (let j = 0; j <= known.length; j++) {
      if (j % CHECKPOINT_EVERY === 0) this.checkpoints.push(state.slice());
      if (j < known.length) state[this.ids[j]] = this.codes[j];
    }
  }

  /** The replay of a run: from its fleet record when it has one, else synthesized from counts. */
  static of(result: RunResult, replicas?: number): FleetReplay {
    const record = (result as { fleet?: FleetRecord }).fleet;
    if (record && Array.isArray(record.instances) && Array.isArray(record.transitions)) {
      return new FleetReplay(record.instances, record.transitions);
    }
    const synthetic = synthesizeFleet(result, replicas);
    return new FleetReplay(synthetic.instances, synthetic.transitions, true);
  }

  /** Number of transitions at or before `t`. */
  private appliedAt(t: number): number {
    return lastAtOrBefore(this.times, t) + 1;
  }

  /** Each instance's state code at `t` (GONE or NOT_YET when it does not exist then). */
  private statesAt(t: number): Int8Array {
    const n = this.appliedAt(t);
    const cp = Math.floor(n / CHECKPOINT_EVERY);
    const state = this.checkpoints[cp].slice();
    for (let j = cp * CHECKPOINT_EVERY; j < n; j++) state[this.ids[j]] = this.codes[j];
    return state;
  }

  /** The live instances at `t`, grouped by replica set (in first-appearance order), ids ascending. */
  at(t: number): FleetGroup[] {
    const state = this.statesAt(t);
    const groups: FleetGroup[] = this.replicaSets.map((rs) => ({ replicaSet: rs.name, version: rs.version, cells: [] }));
    for (const i of this.order) {
      const code = state[i];
      if (code < 0) continue;
      groups[this.groupOf[i]].cells.push({ ...this.instances[i], state: INSTANCE_STATES[code] });
    }
    return groups.filter((g) => g.cells.length > 0);
  }

  /** Every state some instance holds for a while (not just an instant) at some point of the run. */
  statesSeen(): InstanceState[] {
    const seen = new Set<number>();
    const next = new Map<number, number>();
    for (let j = this.times.length - 1; j >= 0; j--) {
      const until = next.get(this.ids[j]) ?? Infinity;
      if (this.codes[j] >= 0 && until > this.times[j]) seen.add(this.codes[j]);
      next.set(this.ids[j], this.times[j]);
    }
    return INSTANCE_STATES.filter((_, i) => seen.has(i));
  }

  /** The most instances alive at once in the run: the fleet view sizes its grid for this. */
  peakAlive(): number {
    let alive = 0;
    let peak = 0;
    const state = new Int8Array(this.instances.length).fill(NOT_YET);
    for (let j = 0; j < this.times.length; j++) {
      const before = state[this.ids[j]] >= 0;
      state[this.ids[j]] = this.codes[j];
      const after = this.codes[j] >= 0;
      alive += Number(after) - Number(before);
      if (j + 1 === this.times.length || this.times[j + 1] !== this.times[j]) peak = Math.max(peak, alive);
    }
    return peak;
  }
}

/** Instances per version and state, for the view's text summary. */
export function countStates(groups: readonly FleetGroup[]): Map<string, Record<InstanceState, number>> {
  const out = new Map<string, Record<InstanceState, number>>();
  for (const g of groups) {
    let c = out.get(g.version);
    if (!c) {
      c = Object.fromEntries(INSTANCE_STATES.map((s) => [s, 0])) as Record<InstanceState, number>;
      out.set(g.version, c);
    }
    for (const cell of g.cells) c[cell.state]++;
  }
  return out;
}

/**
 * A fleet record built from what every run has: the timeline's instance and ready counts per
 * version, the desired sizes from `scale` events and the crash windows from `instance-crash`.
 * Per version and sample: ready, crashed (within its restart back-off), terminating (alive
 * beyond the desired size) and the rest starting. Instances are placeholders (one per slot),
 * so only the counts are real.
 */
export function synthesizeFleet(result: RunResult, replicas?: number): FleetRecord {
  const { timeline, events } = result;
  const versions = Object.keys(timeline.versions);
  const instances: FleetInstance[] = [];
  const transitions: [number, number, string][] = [];
  const desired = new Map<string, number>(); // replica set → desired size
  const rsVersion = (rs: string): string => versions.find((v) => rs === v || rs.startsWith(`${v}-`)) ?? versions[0];
  const latestSet = new Map<string, string>(); // version → replica set last scaled
  const slotsOf = versions.map(() => [] as { id: number; state: string }[]);
  const SLOTS_PER_VERSION = 1_000_000;
  let e = 0;
  timeline.t.forEach((t, i) => {
    for (; e < events.length && events[e].t <= t; e++) {
      const ev = events[e];
      if (ev.kind === 'scale' && typeof ev.replicaSet === 'string' && typeof ev.replicas === 'number') {
        desired.set(ev.replicaSet, ev.replicas);
        latestSet.set(rsVersion(ev.replicaSet), ev.replicaSet);
      }
    }
    versions.forEach((v, vi) => {
      const s = timeline.versions[v];
      const n = s.instances[i] ?? 0;
      const ready = Math.min(s.readyInstances[i] ?? 0, n);
      const crashed = Math.min(n - ready, crashedAt(events, v, t));
      let want = 0;
      let named = false;
      for (const [rs, d] of desired) {
        if (rsVersion(rs) !== v) continue;
        want += d;
        named = true;
      }
      if (!named) want = vi === 0 ? (replicas ?? n) : 0;
      const terminating = Math.max(0, Math.min(n - ready - crashed, n - want));
      const starting = n - ready - crashed - terminating;
      const states = [...Array(ready).fill('ready'), ...Array(crashed).fill('crashed'), ...Array(starting).fill('starting'), ...Array(terminating).fill('terminating')];
      const slots = slotsOf[vi];
      const rsName = latestSet.get(v) ?? (vi === 0 ? `${v}-stable` : v);
      while (slots.length < states.length) {
        const id = vi * SLOTS_PER_VERSION + slots.length;
        instances.push({ id, replicaSet: rsName, version: v });
        slots.push({ id, state: 'gone' });
      }
      slots.forEach((slot, k) => {
        const next = k < states.length ? states[k] : 'gone';
        if (next !== slot.state) {
          transitions.push([i === 0 ? 0 : t, slot.id, next]);
          slot.state = next;
        }
      });
    });
  });
  instances.sort((a, b) => a.id - b.id);
  return { instances, transitions };
}

/** Instances of `version` crashed and waiting out their back-off at `t`. */
function crashedAt(events: RunResult['events'], version: string, t: number): number {
  const down = new Map<unknown, number>();
  for (const e of events) {
    if (e.t > t) break;
    if (e.kind === 'instance-crash' && e.version === version) down.set(e.instance, e.t + (typeof e.restartInS === 'number' ? e.restartInS : 0));
  }
  let n = 0;
  for (const until of down.values()) if (until > t) n++;
  return n;
}
