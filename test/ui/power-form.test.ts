import { describe, expect, it } from 'vitest';
import { parseEffect } from '../../src/scenario/power.ts';
import { powerDefaults } from '../../src/ui/lib/power-defaults.ts';
import { effectSize, holdText, powerForm, readPowerForm, type PowerForm } from '../../src/ui/lib/power-form.ts';

const form = (over: Partial<PowerForm> = {}): PowerForm => ({ kind: 'error-rate', size: '0.5', weights: '1, 5, 10, 25', holds: '5m, 15m, 30m, 1h', seeds: '40', ...over });

describe('the power form', () => {
  it('starts from the defaults, in the form’s units', () => {
    expect(powerForm(powerDefaults(null))).toEqual(form());
    expect(holdText(90)).toBe('90s');
    expect(holdText(600)).toBe('10m');
    expect(holdText(7200)).toBe('2h');
    expect(effectSize(parseEffect('latency-tail=1.5'))).toBe(50);
    expect(effectSize(parseEffect('error-rate=0.007'))).toBe(0.7);
  });

  it('reads sizes in points and percent into the effect the CLI would take', () => {
    expect(readPowerForm(form({ size: '0.7' }))).toMatchObject({ ok: true, effect: { spec: 'error-rate=0.007' } });
    expect(readPowerForm(form({ kind: 'latency', size: '20' }))).toMatchObject({ ok: true, effect: { spec: 'latency=1.2' } });
    expect(readPowerForm(form({ kind: 'latency-tail', size: '50' }))).toMatchObject({ ok: true, effect: { spec: 'latency-tail=1.5' } });
  });

  it('reads lists in any order, with or without percent signs, into sorted numbers', () => {
    expect(readPowerForm(form({ weights: '25%, 1%,5', holds: '1h, 90s, 5m', seeds: ' 12 ' }))).toEqual({
      ok: true,
      effect: parseEffect('error-rate=0.005'),
      weights: [1, 5, 25],
      holdsS: [90, 300, 3600],
      seeds: 12,
    });
  });

  it('names each field that does not read, in plain words', () => {
    expect(readPowerForm(form({ size: '0', weights: '5, 150', holds: '5m, soon', seeds: '2.5' }))).toEqual({
      ok: false,
      errors: {
        size: 'Enter how many percentage points of extra errors, such as 0.5.',
        weights: '“150” is not a canary weight (above 0, at most 100%). Try values such as 1, 5, 10, 25.',
        holds: '“soon” is not a hold time. Try values such as 5m, 15m, 1h.',
        seeds: 'Enter a whole number of runs from 1 to 1000.',
      },
    });
    expect(readPowerForm(form({ weights: ' , ', holds: '5m, 300' }))).toEqual({
      ok: false,
      errors: { weights: 'Enter canary weights such as 1, 5, 10, 25.', holds: 'Enter each of the hold times once.' },
    });
    expect(readPowerForm(form({ kind: 'latency', size: 'fast' }))).toMatchObject({ ok: false, errors: { size: 'Enter how much slower, in percent, such as 20.' } });
    expect(readPowerForm(form({ weights: '1,2,3,4,5,6,7,8,9' }))).toMatchObject({ ok: false, errors: { weights: 'Enter at most 8 canary weights, so the table fits.' } });
  });
});
