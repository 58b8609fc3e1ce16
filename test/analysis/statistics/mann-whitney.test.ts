// Mann-Whitney U and its asymptotic p-value against scipy's and R's published numbers, plus invariance properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../../src/analysis/statistics/mann-whitney.ts';

/** Relative closeness, like numpy's assert_allclose(rtol). */
function expectClose(actual: number, expected: number, rtol = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rtol * Math.abs(expected));
}

// All reference values below come from scipy/scipy, scipy/stats/tests/test_hypotests.py,
// class TestMannWhitneyU (the file says its numbers are from R's wilcox.test unless noted).
// Each is the result of mannwhitneyu(x, y, use_continuity=True, alternative='two-sided',
// method='asymptotic') — the call this module documents — unless stated otherwise.

describe('mannWhitneyU', () => {
  it('matches scipy for unequal samples without ties (test_basic, 3 vs 13 values)', () => {
    // cases_basic: {"alternative": 'two-sided', "method": "asymptotic"} -> (16, 0.6865041817876)
    const x = [210.05211, 110.19063, 307.918612];
    const y = [
      436.08811482466416, 416.37397329768191, 179.96975939463582, 197.8118754228619, 34.038757281225756,
      138.54220550921517, 128.7769351470246, 265.92721427951852, 275.6617533155341, 592.34083395416258,
      448.73177590617018, 300.61495185038905, 187.97508449019588,
    ];
    const res = mannWhitneyU(x, y);
    expect(res.U).toBe(16);
    expectClose(res.pValue, 0.6865041817876);

    // cases_continuity: mannwhitneyu(y, x, method='asymptotic', alternative='two-sided',
    // use_continuity=True) -> (23, 0.6865041817876): U is reported for the first sample.
    const swapped = mannWhitneyU(y, x);
    expect(swapped.U).toBe(23);
    expectClose(swapped.pValue, 0.6865041817876);
  });

  it('matches scipy and R with tied values (test_tie_correct)', () => {
    // x = [1, 2, 3, 4]; y = [1, 2, 3, 4, 5] shifted as in the test; R: wilcox.test(x, y, exact=FALSE)
    const x = [1, 2, 3, 4];
    const y0 = [1, 2, 3, 4, 5];
    const dy = [0, 1, 0, 1, 0].map((v) => v * 0.01);
    const dy2 = [0, 0, 1, 0, 0].map((v) => v * 0.01);
    const ys = [
      y0.map((v) => v - 0.01),
      y0.map((v, i) => v - dy[i]),
      y0.map((v, i) => v - dy2[i]),
      y0,
      y0.map((v, i) => v + dy2[i]),
      y0.map((v, i) => v + dy[i]),
      y0.map((v) => v + 0.01),
    ];
    const U_expected = [10, 9, 8.5, 8, 7.5, 7, 6];
    const p_expected = [1, 0.9017048037317, 0.804080657472, 0.7086240584439, 0.6197963884941, 0.5368784563079, 0.3912672792826];
    ys.forEach((y, k) => {
      const res = mannWhitneyU(x, y);
      expect(res.U).toBe(U_expected[k]);
      expectClose(res.pValue, p_expected[k]);
    });
  });

  it('matches R for the Hollander & Wolfe permeability data (test_gh_9184)', () => {
    // wilcox.test(x, y, alternative = "two.sided", exact = FALSE) -> W = 35, p = 0.244623605127
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const res = mannWhitneyU(x, y);
    expect(res.U).toBe(35);
    expectClose(res.pValue, 0.244623605127);
  });

  it('matches scipy on 30 vs 20 values with a small p-value (test_mannwhitneyu_two_sided)', () => {
    // "Old tests moved from test_stats": mannwhitneyu(X, Y, alternative='two-sided') -> (498, 9.188326533255e-05);
    // mannwhitneyu(Y, X, ...) -> (102, same p). Default method 'auto' is asymptotic at these sizes.
    const X = [
      19.8958398126694, 19.5452691647182, 19.0577309166425, 21.716543054589, 20.3269502208702, 20.0009273294025,
      19.3440043632957, 20.4216806548105, 19.0649894736528, 18.7808043120398, 19.3680942943298, 19.4848044069953,
      20.7514611265663, 19.0894948874598, 19.4975522356628, 18.9971170734274, 20.3239606288208, 20.6921298083835,
      19.0724259532507, 18.9825187935021, 19.5144462609601, 19.8256857844223, 20.5174677102032, 21.1122407995892,
      17.9490854922535, 18.2847521114727, 20.1072217648826, 18.6439891962179, 20.4970638083542, 19.5567594734914,
    ];
    const Y = [
      19.2790668029091, 16.993808441865, 18.5416338448258, 17.2634018833575, 19.1577183624616, 18.5119655377495,
      18.6068455037221, 18.8358343362655, 19.0366413269742, 18.1135025515417, 19.2201873866958, 17.8344909022841,
      18.2894380745856, 18.6661374133922, 19.9688601693252, 16.0672254617636, 19.00596360572, 19.201561539032,
      19.0487501090183, 19.0847908674356,
    ];
    const res = mannWhitneyU(X, Y);
    expect(res.U).toBe(498);
    expectClose(res.pValue, 9.188326533255e-5);
    const swapped = mannWhitneyU(Y, X);
    expect(swapped.U).toBe(102);
    expect(swapped.pValue).toBe(res.pValue);
  });

  it('matches R with infinite values and heavy ties (test_gh_11355b)', () => {
    // cases_11355, method='asymptotic': ([1,2,3,4], [3,6,7,8,inf,3,2,1,4,4,5]) -> (10, 0.1297704873477)
    // and ([1,inf,inf,4], [3,6,7,8,inf,inf,2,1,4,4,5]) -> (24.5, 0.7912517950119)
    const a = mannWhitneyU([1, 2, 3, 4], [3, 6, 7, 8, Infinity, 3, 2, 1, 4, 4, 5]);
    expect(a.U).toBe(10);
    expectClose(a.pValue, 0.1297704873477);
    const b = mannWhitneyU([1, Infinity, Infinity, 4], [3, 6, 7, 8, Infinity, Infinity, 2, 1, 4, 4, 5]);
    expect(b.U).toBe(24.5);
    expectClose(b.pValue, 0.7912517950119);
  });

  it('clips the p-value to 1 when U sits at its mean (test_gh_2118)', () => {
    // cases_2118 two-sided: ([1,2,3],[1.5,2.5]) -> (3, 1.0); ([1,2,3],[2]) -> (1.5, 1); ([1,2],[1,2]) -> (2, 1)
    expect(mannWhitneyU([1, 2, 3], [1.5, 2.5])).toMatchObject({ U: 3, pValue: 1 });
    expect(mannWhitneyU([1, 2, 3], [2])).toMatchObject({ U: 1.5, pValue: 1 });
    expect(mannWhitneyU([1, 2], [1, 2])).toMatchObject({ U: 2, pValue: 1 });
    // test_equal_scalar_data: mannwhitneyu(1, 1, method="asymptotic") -> (0.5, 1); σ is 0 here.
    expect(mannWhitneyU([1], [1])).toMatchObject({ U: 0.5, pValue: 1 });
  });

  it('rejects empty samples and NaN', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([1, NaN], [1])).toThrow(/NaN/);
  });

  it('swapping the samples swaps U and U2 and keeps p', () => {
    fc.assert(
      fc.property(sample(), sample(), (x, y) => {
        const ab = mannWhitneyU(x, y);
        const ba = mannWhitneyU(y, x);
        expect(ba.U).toBe(ab.U2);
        expect(ba.U2).toBe(ab.U);
        expect(ba.pValue).toBe(ab.pValue);
        expect(ab.U + ab.U2).toBe(x.length * y.length);
      }),
      { seed: 20240611, numRuns: 200 },
    );
  });

  it('shifting both samples by the same constant changes nothing', () => {
    fc.assert(
      fc.property(sample(), sample(), fc.integer({ min: -1000, max: 1000 }), (x, y, shift) => {
        // Quarter-steps and integer shifts keep every sum exact, so ties survive the shift.
        expect(mannWhitneyU(x.map((v) => v + shift), y.map((v) => v + shift))).toEqual(mannWhitneyU(x, y));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

/** Small samples on a quarter grid, so ties are common. */
function sample() {
  return fc.array(fc.integer({ min: -40, max: 40 }).map((k) => k / 4), { minLength: 1, maxLength: 25 });
}
