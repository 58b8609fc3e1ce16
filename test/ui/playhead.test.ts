import { describe, expect, it } from 'vitest';
import { advance, eventIndexAt, eventOrdinal, lastAtOrBefore, nextEvent, previousEvent, sampleIndexAt, seek } from '../../src/ui/lib/playhead.ts';
import { focusEnd } from '../../src/ui/lib/focus-window.ts';
import { defaultSpeed, SPEEDS, speedLabel } from '../../src/ui/lib/speed.ts';

const events = [{ t: 10 }, { t: 20 }, { t: 20 }, { t: 50 }];
const END = 100;

describe('lastAtOrBefore', () => {
  it('finds the last value at or before x, and -1 before the first', () => {
    const xs = [1, 2, 2, 5];
    expect(lastAtOrBefore(xs, 0)).toBe(-1);
    expect(lastAtOrBefore(xs, 1)).toBe(0);
    expect(lastAtOrBefore(xs, 2)).toBe(2);
    expect(lastAtOrBefore(xs, 4.9)).toBe(2);
    expect(lastAtOrBefore(xs, 99)).toBe(3);
    expect(lastAtOrBefore([], 3)).toBe(-1);
  });
});

describe('event and sample indexing', () => {
  it('reaches every event at or before the time, including all events at the same instant', () => {
    expect(eventIndexAt(events, 0)).toBe(-1);
    expect(eventIndexAt(events, 10)).toBe(0);
    expect(eventIndexAt(events, 20)).toBe(2);
    expect(eventIndexAt(events, 49)).toBe(2);
    expect(eventIndexAt(events, 100)).toBe(3);
  });

  it('reads the first sample before samples begin, then the last sample at or before the time', () => {
    const t = [10, 20, 30];
    expect(sampleIndexAt(t, 0)).toBe(0);
    expect(sampleIndexAt(t, 10)).toBe(0);
    expect(sampleIndexAt(t, 29.9)).toBe(1);
    expect(sampleIndexAt(t, 500)).toBe(2);
    expect(sampleIndexAt([], 5)).toBe(-1);
  });

  it('seeks to a clamped time and the events it has reached', () => {
    expect(seek(events, 25, END)).toEqual({ t: 25, k: 2 });
    expect(seek(events, -5, END)).toEqual({ t: 0, k: -1 });
    expect(seek(events, 500, END)).toEqual({ t: 100, k: 3 });
  });
});

describe('stepping', () => {
  it('next walks every event once, same-time events one at a time, and stops at the last', () => {
    let p = { t: 0, k: -1 };
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      p = nextEvent(p, events);
      seen.push(`${p.k}@${p.t}`);
    }
    expect(seen).toEqual(['0@10', '1@20', '2@20', '3@50', '3@50', '3@50']);
    expect(eventOrdinal(p)).toBe(4);
  });

  it('previous undoes next, back to time 0 before the first event', () => {
    let p = { t: 50, k: 3 };
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      p = previousEvent(p, events);
      seen.push(`${p.k}@${p.t}`);
    }
    expect(seen).toEqual(['2@20', '1@20', '0@10', '-1@0', '-1@0']);
  });

  it('previous from between two events returns to the event last reached', () => {
    expect(previousEvent({ t: 35, k: 2 }, events)).toEqual({ t: 20, k: 2 });
  });

  it('next from between two events goes to the following event', () => {
    expect(nextEvent({ t: 35, k: 2 }, events)).toEqual({ t: 50, k: 3 });
  });

  it('playing advances time, reaches events on the way and stops at the end', () => {
    expect(advance({ t: 0, k: -1 }, events, 25, END)).toEqual({ t: 25, k: 2 });
    expect(advance({ t: 90, k: 3 }, events, 60, END)).toEqual({ t: 100, k: 3 });
    // A step taken by hand at the same instant is not undone by playing on.
    expect(advance({ t: 20, k: 1 }, events, 0, END)).toEqual({ t: 20, k: 2 });
  });
});

describe('speeds', () => {
  it('offers 1× to 3,600× and picks the slowest that plays a run in about 40 s', () => {
    expect(SPEEDS[0]).toBe(1);
    expect(SPEEDS[SPEEDS.length - 1]).toBe(3600);
    expect(defaultSpeed(30)).toBe(1);
    expect(defaultSpeed(300)).toBe(10);
    expect(defaultSpeed(3600)).toBe(300);
    expect(defaultSpeed(9000)).toBe(300);
    expect(defaultSpeed(86400 * 10)).toBe(3600);
    expect(speedLabel(3600)).toBe('3,600×');
  });
});

describe('focus window', () => {
  it('opens long runs on their events when everything happens early', () => {
    expect(focusEnd([{ t: 120 }, { t: 184 }], 3600)).toBe(960);
  });

  it('keeps the whole run when the events span most of it', () => {
    expect(focusEnd([{ t: 7690 }], 9000)).toBe(9000);
    expect(focusEnd([], 600)).toBe(600);
  });
});

describe('smoothing', async () => {
  const { smoothingWindow, trailingMean, weightedMovingAverage } = await import('../../src/ui/lib/smooth.ts');
  it('averages by traffic, centred, and leaves gaps where a version has no traffic', () => {
    expect(weightedMovingAverage([0, 1, 0, 5], [1, 1, 0, 1], 3)).toEqual([0.5, 0.5, null, 5]);
    expect(weightedMovingAverage([2, 4], [1, 3], 1)).toEqual([2, 4]);
  });
  it('reads "right now" from the samples up to the moment only', () => {
    expect(trailingMean([1, 2, 100], [1, 1, 1], 1, 5)).toBe(1.5);
    expect(trailingMean([1, 2], [0, 0], 1, 2)).toBeNull();
  });
  it('smooths only long series, over an odd number of samples', () => {
    expect(smoothingWindow(150)).toBe(1);
    expect(smoothingWindow(300)).toBe(3);
    expect(smoothingWindow(600)).toBe(5);
    expect(smoothingWindow(750)).toBe(5);
  });
});
