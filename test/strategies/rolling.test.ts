import { describe, expect, it } from 'vitest';
import { InstanceState } from '../../src/model/fleet/instance.ts';
import { resolveFenceposts } from '../../src/strategies/rolling-math.ts';
import { worldWith } from './world-harness.ts';

const VALUES = [0, 1, '25%', '50%', '100%'] as const;

describe('the rolling-update controller on a live fleet', () => {
  it('keeps availability ≥ replicas − maxUnavailable and pods ≤ replicas + maxSurge at every change, and finishes', () => {
    let runs = 0;
    for (let replicas = 1; replicas <= 50; replicas += replicas < 12 ? 1 : 7) {
      for (const maxSurge of VALUES) {
        for (const maxUnavailable of VALUES) {
          const { world, controller } = worldWith({
            duration: '6m',
            fleet: { replicas, provisioning: 1, boot: 5, warmup: 0, readinessProbe: { periodSeconds: 1 } },
            strategy: { kind: 'rolling', deployAt: 10, maxSurge, maxUnavailable },
          });
          const { surge, unavailable } = resolveFenceposts(maxSurge, maxUnavailable, replicas);
          const violations: string[] = [];
          world.onStart((w) => {
            const check = w.sim.handler(() => {
              let available = 0;
              let pods = 0;
              for (const i of w.fleet.instances) {
                if (i.state === InstanceState.Terminating || i.state === InstanceState.Gone) continue;
                pods++;
                if (i.probeReady) available++;
              }
              if (available < replicas - unavailable) violations.push(`t=${w.sim.now}: available ${available} < ${replicas} − ${unavailable}`);
              if (pods > replicas + surge) violations.push(`t=${w.sim.now}: ${pods} pods > ${replicas} + ${surge}`);
            });
            w.fleet.changed.watch(check, 0, 900);
          });
          world.run();
          expect(violations, `replicas ${replicas}, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}`).toEqual([]);
          expect(controller.outcome(), `replicas ${replicas}, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}`).toBe('promoted');
          runs++;
        }
      }
    }
    expect(runs).toBeGreaterThan(300);
  });

  it('marks a rollout stalled past progressDeadlineSeconds when new instances never become ready', () => {
    const { world, controller } = worldWith({
      duration: '20m',
      releases: { stable: { version: 'v1' }, candidate: { version: 'v2', regressions: [{ kind: 'readiness' }] } },
      strategy: { kind: 'rolling', deployAt: 10, progressDeadlineSeconds: 120 },
    });
    world.run();
    expect(controller.outcome()).toBe('stalled');
    const stalled = world.log.events.find((e) => e.kind === 'progress-deadline-exceeded');
    expect(stalled?.t).toBeGreaterThanOrEqual(130);
    expect(stalled?.t).toBeLessThan(140);
    // Kubernetes does not roll back by itself: the stable version keeps most of its instances.
    expect(world.fleet.replicaSets[0].current).toBeGreaterThanOrEqual(8);
  });
});
