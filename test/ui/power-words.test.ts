import { describe, expect, it } from 'vitest';
import { parseEffect } from '../../src/scenario/power.ts';
import { wilson } from '../../src/scenario/sweep-stats.ts';
import { effectLabel, effectWords, intervalText, rateTitle } from '../../src/ui/lib/power-words.ts';
import { HEAT_TINTS, heatColour } from '../../src/ui/lib/power-heat.ts';

describe('the power panel’s words', () => {
  it('say what the candidate does wrong', () => {
    expect(effectWords(parseEffect('error-rate=0.005'))).toBe('fails an extra 0.5% of its requests');
    expect(effectWords(parseEffect('latency=1.2'))).toBe('is 20% slower on every request');
    expect(effectWords(parseEffect('latency-tail=1.5'))).toBe('is 50% slower in its slowest requests (the median unchanged)');
    expect(effectLabel(parseEffect('error-rate=0.01'))).toBe('+1 point of errors');
    expect(effectLabel(parseEffect('error-rate=0.005'))).toBe('+0.5 points of errors');
    expect(effectLabel(parseEffect('latency-tail=1.5'))).toBe('+50% tail latency');
  });

  it('give a cell its interval, short, and in full in the tooltip', () => {
    const r = wilson(38, 40);
    expect(intervalText(r)).toBe('83–99%');
    expect(rateTitle(r, 'Caught')).toBe(
      'Caught in 38 of 40 runs (95%). 95% confidence interval 83.5%–98.6% (Wilson): with this many runs, the true chance is very likely in that range.',
    );
    expect(intervalText(wilson(0, 40))).toBe('0–8.8%');
  });
});

/** WCAG 2 contrast ratio of two `rgb(r, g, b)` or `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.startsWith('#') ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : (c.match(/\d+/g) ?? []).map(Number);
    const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the power tables’ heat', () => {
  const INK = '#1b1f24';
  it('keeps the dark cell text above 7:1 at every rate', () => {
    for (const kind of Object.keys(HEAT_TINTS) as (keyof typeof HEAT_TINTS)[]) {
      for (let i = 0; i <= 20; i++) expect(contrast(INK, heatColour(i / 20, kind)), `${kind} at ${i * 5}%`).toBeGreaterThan(7);
    }
  });

  it('is white at 0 and full at 100% detection or 25% false rollbacks', () => {
    expect(heatColour(0, 'detection')).toBe('rgb(255, 255, 255)');
    expect(contrast(heatColour(1, 'detection'), HEAT_TINTS.detection)).toBeCloseTo(1, 2);
    expect(heatColour(0.25, 'falseRollback')).toBe(heatColour(0.9, 'falseRollback'));
    expect(heatColour(0.1, 'falseRollback')).not.toBe(heatColour(0.2, 'falseRollback'));
  });
});
