import { describe, expect, it } from 'vitest';
import { EventCapError, Simulation } from '../../src/engine/simulation.ts';
import { Signal } from '../../src/engine/signal.ts';
import { streams } from '../../src/engine/streams.ts';
import { exponential } from '../../src/engine/distributions/exponential.ts';

describe('Simulation', () => {
  it('runs "in 30 s do X" at the right time and advances the clock', () => {
    const sim = new Simulation();
    const log: Array<[number, number]> = [];
    const x = sim.handler((arg) => log.push([sim.now, arg]));
    sim.after(30, x, 1);
    sim.after(10, x, 2);
    sim.run();
    expect(log).toEqual([[10, 2], [30, 1]]);
    expect(sim.now).toBe(30);
    expect(sim.eventsProcessed).toBe(2);
  });

  it('runs "every 15 s do Y" until the timer is cancelled, and the timer may cancel itself', () => {
    const sim = new Simulation();
    const ticks: number[] = [];
    let timer = -1;
    const y = sim.handler(() => {
      ticks.push(sim.now);
      if (ticks.length === 4) sim.cancelTimer(timer);
    });
    timer = sim.every(15, y);
    sim.run({ until: 1000 });
    expect(ticks).toEqual([15, 30, 45, 60]);
    expect(sim.pending).toBe(0);
    expect(sim.now).toBe(1000);
  });

  it('starts a repeating timer after a chosen first delay', () => {
    const sim = new Simulation();
    const ticks: number[] = [];
    const y = sim.handler(() => ticks.push(sim.now));
    sim.every(10, y, 0, 0);
    sim.run({ until: 35 });
    expect(ticks).toEqual([0, 10, 20, 30]);
  });

  it('runs events at exactly `until`, stops before later ones, and resumes from there', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const x = sim.handler((arg) => log.push(arg));
    for (let t = 1; t <= 5; t++) sim.at(t, x, t);
    expect(sim.run({ until: 3 })).toBe(3);
    expect(log).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    sim.run({ until: 10 });
    expect(log).toEqual([1, 2, 3, 4, 5]);
  });

  it('cancels a scheduled event so it never runs', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const x = sim.handler((arg) => log.push(arg));
    sim.after(1, x, 1);
    const h = sim.after(2, x, 2);
    sim.after(3, x, 3);
    expect(sim.cancel(h)).toBe(true);
    sim.run();
    expect(log).toEqual([1, 3]);
    expect(sim.cancel(h)).toBe(false);
  });

  it('steps one event at a time', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const x = sim.handler((arg) => log.push(arg));
    sim.after(1, x, 1);
    sim.after(2, x, 2);
    expect(sim.peek()).toBe(1);
    expect(sim.step()).toBe(true);
    expect(log).toEqual([1]);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
  });

  it('stops a runaway model at the event cap with a clear error', () => {
    const sim = new Simulation({ maxEventsPerRun: 1000 });
    const forever = sim.handler(() => sim.after(1, forever));
    sim.after(0, forever);
    expect(() => sim.run()).toThrow(EventCapError);
    expect(() => sim.run({ maxEvents: 10 })).toThrow(/stopped after 10 events at t=\d+s/);
  });

  it('refuses to schedule in the past, at NaN, or with an unknown handler', () => {
    const sim = new Simulation();
    const x = sim.handler(() => {});
    sim.at(5, x);
    sim.run();
    expect(() => sim.at(4, x)).toThrow(/before the current time 5s/);
    expect(() => sim.after(Number.NaN, x)).toThrow(RangeError);
    expect(() => sim.after(1, 99)).toThrow(/unknown handler id 99/);
    expect(() => sim.after(1, x, 0, 0.5)).toThrow(/priority must be an integer/);
    expect(() => sim.every(0, x)).toThrow(/positive number of seconds/);
  });

  it('"when this changes do Z": a signal schedules its watchers after the changing event', () => {
    const sim = new Simulation();
    const ready = new Signal(sim, 0);
    const log: string[] = [];
    const z = sim.handler((arg) => log.push(`z${arg}@${sim.now}:${ready.value}`));
    ready.watch(z, 1);
    ready.watch(z, 2);
    const bump = sim.handler(() => {
      ready.set(ready.value + 1);
      log.push(`bump@${sim.now}`);
    });
    const same = sim.handler(() => ready.set(ready.value));
    sim.at(10, bump);
    sim.at(20, same);
    sim.run();
    expect(log).toEqual(['bump@10', 'z1@10:1', 'z2@10:1']);
  });

  function queueingLog(seed: number): string {
    // A tiny M/M/1 queue: the whole event log, as text, for determinism checks.
    const sim = new Simulation();
    const rng = streams(seed);
    const arrivals = rng.get('arrivals');
    const service = rng.get('service');
    const log: string[] = [];
    let queued = 0;
    let busy = false;
    const done = sim.handler(() => {
      log.push(`done ${sim.now.toFixed(6)}`);
      if (queued > 0) {
        queued--;
        sim.after(exponential(service, 12), done);
      } else busy = false;
    });
    const arrive = sim.handler(() => {
      log.push(`arrive ${sim.now.toFixed(6)}`);
      if (busy) queued++;
      else {
        busy = true;
        sim.after(exponential(service, 12), done);
      }
      sim.after(exponential(arrivals, 10), arrive);
    });
    sim.after(0, arrive);
    sim.run({ until: 60 });
    return log.join('\n');
  }

  it('gives an identical event log for the same seed and a different one for another seed', () => {
    const a = queueingLog(42);
    expect(queueingLog(42)).toBe(a);
    expect(queueingLog(43)).not.toBe(a);
    expect(a.split('\n').length).toBeGreaterThan(1000);
  });
});
