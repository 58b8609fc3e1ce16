// The workers that consume the service's messages, rolled separately from it: all start on
// the first consumer version, and a rolling update (its own trigger, `batch` workers every
// `interval`) moves them to the second. Which formats a worker parses depends on its
// version and, for a tolerant reader, on whether a newer format only adds fields.
import type { CompatibilityConfig } from '../config/compatibility.ts';

type MessagesConfig = NonNullable<CompatibilityConfig['messages']>;

export class ConsumerFleet {
  readonly workers: number;
  /** Workers on the second version so far. */
  updated = 0;
  /** canParse[consumer version][format]. */
  private readonly canParse: boolean[][];

  constructor(private readonly config: MessagesConfig, maxFormat: number) {
    const c = config.consumers;
    this.workers = c.workers;
    const additive = new Set(config.formats.filter((f) => f.additive).map((f) => f.version));
    this.canParse = c.versions.map((v) => {
      const out: boolean[] = [];
      for (let f = 0; f <= maxFormat; f++) out.push(parses(new Set(v.formats), additive, c.tolerantReader, f));
      return out;
    });
  }

  /** Messages/s the whole fleet handles. */
  get throughput(): number {
    return this.workers * this.config.consumers.throughput;
  }

  /** Share of the workers (so of deliveries) that parse `format`. */
  parseShare(format: number): number {
    const p = this.canParse;
    const old = p[0][format] ? this.workers - this.updated : 0;
    const fresh = p.length > 1 && p[1][format] ? this.updated : 0;
    return (old + fresh) / this.workers;
  }

  /** Moves the next batch to the second version; the number now updated. */
  step(): number {
    this.updated = Math.min(this.workers, this.updated + this.config.consumers.rollout!.batch);
    return this.updated;
  }

  get versionNames(): string[] {
    return this.config.consumers.versions.map((v) => v.name);
  }
}

/**
 * A reader knowing `known` parses format f when it knows f, or — a tolerant reader, which
 * ignores fields it does not know — when every format from one it knows up to f only added fields.
 */
function parses(known: ReadonlySet<number>, additive: ReadonlySet<number>, tolerant: boolean, f: number): boolean {
  if (known.has(f)) return true;
  if (!tolerant) return false;
  for (let g = f; g > 1 && additive.has(g); g--) if (known.has(g - 1)) return true;
  return false;
}
