// When compatibility work starts: at a time, at a moment of the rollout the strategy
// announces (deploy start, promotion, rollback, restore), or when a named migration
// finishes — each plus a delay. One place turns a scenario's `at:` into kernel events.
import type { Simulation } from '../../engine/simulation.ts';
import type { CompatMoment, Trigger } from '../config/compatibility.ts';
import type { DeployMoment } from '../world.ts';

/** What a trigger needs from the world: the clock and the strategy's announcements. */
export interface TriggerHost {
  readonly sim: Simulation;
  on(moment: DeployMoment, fn: () => void): void;
}

const MOMENT: Record<Exclude<CompatMoment, 'before-deploy'>, DeployMoment> = {
  'with-deploy': 'deploy-start',
  'after-promotion': 'promoted',
  'after-rollback': 'rollback',
  'after-restore': 'restored',
};

export class Triggers {
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly host: TriggerHost) {}

  /**
   * Runs `fn` once, `delay` seconds after `trigger` happens; never if it does not happen.
   * `before-deploy` means as the scenario starts (a pre-sync job ahead of the deploy).
   */
  when(trigger: Trigger, delay: number, fn: () => void): void {
    const sim = this.host.sim;
    let fired = false;
    const later = () => {
      if (fired) return;
      fired = true;
      sim.after(delay, sim.handler(fn));
    };
    switch (trigger.kind) {
      case 'time':
        sim.at(trigger.t + delay, sim.handler(fn));
        break;
      case 'moment':
        if (trigger.moment === 'before-deploy') sim.at(delay, sim.handler(fn));
        else this.host.on(MOMENT[trigger.moment], later);
        break;
      case 'after': {
        const list = this.waiting.get(trigger.migration) ?? [];
        list.push(later);
        this.waiting.set(trigger.migration, list);
        break;
      }
    }
  }

  /** Migration `name` finished: starts what waits for it. */
  finished(name: string): void {
    for (const fn of this.waiting.get(name) ?? []) fn();
  }
}
