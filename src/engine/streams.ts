// Named random streams from one seed. Each component asks for its own stream by name, so a
// component added later draws from a stream of its own and shifts no one else's numbers.
import { RandomStream, type RandomStreamState } from './random-stream.ts';

export class RandomStreams {
  private readonly byName = new Map<string, RandomStream>();

  constructor(readonly seed: number | string) {}

  /** The stream named `name`, created on first use from `${seed}/${name}`. */
  get(name: string): RandomStream {
    let stream = this.byName.get(name);
    if (!stream) {
      stream = new RandomStream(`${this.seed}/${name}`);
      this.byName.set(name, stream);
    }
    return stream;
  }

  /** Every stream's state, keyed by name, for a snapshot of the whole run. */
  state(): Record<string, RandomStreamState> {
    const out: Record<string, RandomStreamState> = {};
    for (const [name, stream] of this.byName) out[name] = stream.state();
    return out;
  }

  /** Puts every named stream back to a snapshot taken with `state()`. */
  restore(snapshot: Record<string, RandomStreamState>): void {
    for (const name of Object.keys(snapshot)) this.get(name).restore(snapshot[name]);
  }
}

/** `streams(seed).get('traffic')` is independent of `streams(seed).get('fleet')`. */
export function streams(seed: number | string): RandomStreams {
  return new RandomStreams(seed);
}
