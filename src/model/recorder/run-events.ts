// The run's event log: what happened, when, in time order. The narration, the player's
// "event k of N" and `explain` all read it, so each event carries the numbers behind it.

/** One entry of the results' `events` array. `kind` names it; other fields depend on the kind. */
export interface RunEvent {
  /** Simulated seconds since the scenario started. */
  t: number;
  kind: string;
  [field: string]: unknown;
}

export class RunEventLog {
  readonly events: RunEvent[] = [];
  private counts = new Map<string, number>();
  /** Kinds that are frequent and individually uninteresting (instance-ready on a 500-instance fleet) are capped. */
  constructor(private readonly perKindLimit = 5_000) {}

  add(t: number, kind: string, fields: Record<string, unknown> = {}): void {
    const seen = this.counts.get(kind) ?? 0;
    this.counts.set(kind, seen + 1);
    if (seen >= this.perKindLimit) return;
    this.events.push({ t: round(t), kind, ...fields });
  }

  countOf(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }
}

/** Rounds to the microsecond so the JSON stays short and identical across platforms. */
export function round(x: number, digits = 6): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
