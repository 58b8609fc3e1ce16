// The traffic module's public face.
import { describe, expect, it } from 'vitest';
import * as traffic from '../../../src/model/traffic/index.ts';

describe('the traffic module', () => {
  it('exports the rate curve, arrivals, users and sessions', () => {
    expect(Object.keys(traffic).sort()).toEqual(['ArrivalProcess', 'PiecewiseRate', 'RateCurve', 'SessionPicker', 'UserPopulation', 'ZipfChoice']);
  });
});
