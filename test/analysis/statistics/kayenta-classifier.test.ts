// Per-metric classification, replaying the cases of Kayenta's ClassifierSuite plus the judge's defaults.
import { describe, expect, it } from 'vitest';
import { classifyMetric, type KayentaMetricConfig } from '../../../src/analysis/statistics/kayenta-classifier.ts';
import {
  NEAR_TEN_A,
  NEAR_TEN_B,
  NEAR_TWENTY_HIGH,
  NEAR_TWENTY_LOW_BASELINE,
  ZERO_HEAVY_BASELINE,
  ZERO_HEAVY_CANARY,
} from './kayenta-fixtures.ts';

// Unless noted, each case below is a test of spinnaker/kayenta
// kayenta-judge/src/test/scala/com/netflix/kayenta/judge/ClassifierSuite.scala, named in the
// comment. Those tests build `new MannWhitneyClassifier(tolerance = 0.10, confLevel = 0.95, ...)`
// and call classify(control, experiment, direction, nanStrategy, isCriticalMetric, isDataRequired).
const SUITE: KayentaMetricConfig = { tolerance: 0.1, confidence: 0.95 };

describe('classifyMetric on Kayenta ClassifierSuite data', () => {
  it('passes two samples from the same distribution', () => {
    // "Mann-Whitney Classifier Test: Pass Metric"
    expect(classifyMetric(NEAR_TEN_A, NEAR_TEN_B, SUITE).classification).toBe('Pass');
  });

  it('flags a clearly higher canary as High and a clearly lower one as Low', () => {
    // "Test: High Metric", "Test: Low Metric"
    const high = classifyMetric(NEAR_TWENTY_HIGH, NEAR_TEN_B, SUITE);
    expect(high.classification).toBe('High');
    expect(high.lowerConfidence).toBeGreaterThan(0.1 * Math.abs(high.estimate));
    expect(classifyMetric(NEAR_TEN_A, NEAR_TWENTY_LOW_BASELINE, SUITE).classification).toBe('Low');
  });

  it("treats a failure in the direction the metric doesn't care about as Pass", () => {
    // "Directional Test: Increase" (a Low on an increase-only metric) and "Directional Test: Decrease"
    expect(classifyMetric(NEAR_TEN_A, NEAR_TWENTY_LOW_BASELINE, { ...SUITE, direction: 'increase' }).classification).toBe('Pass');
    expect(classifyMetric(NEAR_TWENTY_HIGH, NEAR_TEN_B, { ...SUITE, direction: 'decrease' }).classification).toBe('Pass');
  });

  it('keeps failures in the watched direction', () => {
    // "Directional Test: High Metric", "Directional Test: Low Metric"
    const high = classifyMetric(NEAR_TWENTY_HIGH, NEAR_TEN_B, { ...SUITE, direction: 'increase' });
    expect(high).toMatchObject({ classification: 'High', critical: false });
    expect(classifyMetric(NEAR_TEN_A, NEAR_TWENTY_LOW_BASELINE, { ...SUITE, direction: 'decrease' }).classification).toBe('Low');
  });

  it('flags a zero-heavy error rate that rose as High', () => {
    // "Test: High Metric (Large Input)". The exact interval is [0, 0] here; Kayenta's 1e-4 root
    // finder puts the lower bound a hair above 0, and that is what makes it High.
    const res = classifyMetric(ZERO_HEAVY_CANARY, ZERO_HEAVY_BASELINE, SUITE);
    expect(res).toMatchObject({ classification: 'High', critical: false });
  });

  it('gates High and Low on the mean-ratio effect size', () => {
    // "Mean Ratio Effect Size: High" with effectSizeThresholds = (0.8, 1.2)
    const lowLimits = { ...SUITE, allowedDecrease: 0.8, allowedIncrease: 1.2 };
    expect(classifyMetric([20, 22, 21, 25, 30], [1, 2.2, 1.1, 2.5, 3], lowLimits).classification).toBe('High');
    // "Mean Ratio Effect Size: Low", direction Decrease
    expect(classifyMetric(NEAR_TEN_A, NEAR_TWENTY_LOW_BASELINE, { ...lowLimits, direction: 'decrease' }).classification).toBe('Low');
    // "Mean Ratio Effect Size: Pass": thresholds (0.5, 1.0); ratio 67.8/118 ≈ 0.57 is not ≤ 0.5
    const pass = classifyMetric([10, 12.2, 10.1, 12.5, 23], [20, 22, 21, 25, 30], { ...SUITE, allowedDecrease: 0.5, allowedIncrease: 1 });
    expect(pass.classification).toBe('Pass');
    // "Mean Ratio Effect Size: Pass (Large Input)": thresholds (1.0, 5.0); ratio ≈ 4.4 < 5
    const large = classifyMetric(ZERO_HEAVY_CANARY, ZERO_HEAVY_BASELINE, { ...SUITE, allowedDecrease: 1, allowedIncrease: 5 });
    expect(large.classification).toBe('Pass');
  });

  it('gates on the common-language effect size when asked', () => {
    // The three "CLES Effect Size" tests: tolerance 0.20, confLevel 0.98, effectSizeMeasure = "cles".
    const clesConfig = (allowedDecrease: number, allowedIncrease: number): KayentaMetricConfig => ({
      tolerance: 0.2, confidence: 0.98, effectSizeMeasure: 'cles', allowedDecrease, allowedIncrease,
    });
    expect(classifyMetric(CLES_PASS_CANARY, CLES_PASS_BASELINE, clesConfig(0.5, 0.8)).classification).toBe('Pass');
    const high = classifyMetric(CLES_HIGH_CANARY, CLES_HIGH_BASELINE, clesConfig(0.2, 0.8));
    expect(high.classification).toBe('High');
    expect(high.effectSize).toBe(1);
    expect(classifyMetric(CLES_LOW_CANARY, CLES_LOW_BASELINE, clesConfig(0.2, 0.8)).classification).toBe('Low');
  });

  it('marks a critical metric critical only beyond its critical effect size', () => {
    const canary = [20, 22, 21, 25, 30];
    const baseline = [1, 2.2, 1.1, 2.5, 3]; // mean ratio 23.6 / 1.96 ≈ 12.04
    // "Critical Effect Size: Critical High", criticalThresholds = (1.0, 1.2)
    expect(classifyMetric(canary, baseline, { ...SUITE, critical: true, criticalDecrease: 1, criticalIncrease: 1.2 }))
      .toMatchObject({ classification: 'High', critical: true });
    // "Critical Effect Size: Critical Low", criticalThresholds = (1.2, 1.0)
    expect(classifyMetric([2, 2, 2, 2, 3], [10, 20.2, 10.1, 20.5, 30], { ...SUITE, critical: true, criticalDecrease: 1.2, criticalIncrease: 1 }))
      .toMatchObject({ classification: 'Low', critical: true });
    // "Critical Effect Size: High": allowed (1.0, 5.0), critical (1.0, 13.0) -> High, not critical
    expect(classifyMetric(canary, baseline, { ...SUITE, critical: true, allowedIncrease: 5, criticalIncrease: 13 }))
      .toMatchObject({ classification: 'High', critical: false });
    // "Critical Effect Size: Pass": allowed (1.0, 13.0), critical (1.0, 15.0)
    expect(classifyMetric(canary, baseline, { ...SUITE, critical: true, allowedIncrease: 13, criticalIncrease: 15 }))
      .toMatchObject({ classification: 'Pass', critical: false });
    // "Critical Effect Size: Critical High (Default Thresholds)"
    expect(classifyMetric(canary, baseline, { ...SUITE, critical: true })).toMatchObject({ classification: 'High', critical: true });
  });

  it('passes tied, identical and constant samples without running the test', () => {
    // "Tied Observations", "Identical Populations", "Leading Zero Identical Population", "Majority Tied Observations"
    expect(classifyMetric([1, 1, 1], [1, 1], { ...SUITE, direction: 'decrease' }).classification).toBe('Pass');
    const identical = classifyMetric([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], { ...SUITE, direction: 'decrease' });
    expect(identical).toMatchObject({ classification: 'Pass', reason: 'The Canary and Baseline data are identical', effectSize: 1 });
    expect(classifyMetric([0, 1, 1, 1, 1], [1, 1, 1, 1, 1], { ...SUITE, direction: 'decrease' }).classification).toBe('Pass');
    expect(classifyMetric([1, 1, 1, 1, 10], [1, 1, 1, 1, 1], SUITE).classification).toBe('Pass');
  });

  it('flags two constant but different samples, which Kayenta jitters with noise', () => {
    // "Tied Ranks" and "Tied Ranks With Zeros"
    expect(classifyMetric([10, 10, 10, 10, 10], [1, 1, 1, 1, 1], SUITE)).toMatchObject({
      classification: 'High', estimate: 9, lowerConfidence: 9, upperConfidence: 9,
    });
    expect(classifyMetric([10, 10, 10, 10, 10], [0, 0, 0, 0, 0], SUITE).classification).toBe('High');
  });

  it('skips the effect-size gate when a mean is zero', () => {
    // "Zero Mean: High Metric with Effect Size" and "... Low Metric ...", thresholds (0.8, 1.2)
    const limits = { ...SUITE, allowedDecrease: 0.8, allowedIncrease: 1.2 };
    const high = classifyMetric([54.9, 54.5, 55.1, 55.6, 57.4], [0, 0, 0, 0, 0], limits);
    expect(high.classification).toBe('High');
    expect(high.effectSize).toBeNaN();
    const low = classifyMetric([0, 0, 0, 0, 0], [54.9, 54.5, 55.1, 55.6, 57.4], limits);
    expect(low.classification).toBe('Low');
    expect(low.effectSize).toBeNaN();
    // "Zero Mean: Critical Metric": NaN replaced, critical, criticalThresholds (0.8, 1.2)
    const errors = [0.05000000074505806, 0.05000000074505806, 0.01666666753590107, 0.01666666753590107, 0.01666666753590107,
      0.05000000074505806, 0.03333333507180214, 0.05000000260770321, 0.05000000260770321, 0.13333333656191826];
    const critical = classifyMetric(errors, new Array(10).fill(0), {
      ...SUITE, nanStrategy: 'replace', critical: true, criticalDecrease: 0.8, criticalIncrease: 1.2,
    });
    expect(critical).toMatchObject({ classification: 'High', critical: true });
    // "Zero Mean: Pass Metric"
    expect(classifyMetric([0, 0, 0, 0, 0], [0, 0, 0, 0, 0], limits)).toMatchObject({ classification: 'Pass', effectSize: 1 });
  });

  it('reports missing data as Nodata, NodataFailMetric or Pass depending on the NaN strategy', () => {
    // "Missing Experiment Data", "... Critical Metric", "... with NaN Replacement", "Missing Data: Reason String"
    expect(classifyMetric([], [1, 2, 3, 4, 5], SUITE)).toMatchObject({ classification: 'Nodata', critical: false });
    expect(classifyMetric([], [1, 2, 3, 4, 5], { ...SUITE, critical: true })).toMatchObject({ classification: 'Nodata', critical: true });
    expect(classifyMetric([], [1, 2, 3, 4, 5], { ...SUITE, nanStrategy: 'replace' }).classification).toBe('Pass');
    expect(classifyMetric([], [], { ...SUITE, critical: true, name: 'errors' }).reason).toBe('Missing data for errors');
    // MannWhitneyClassifier.classify: mustHaveData on a non-critical metric fails the metric, not the canary.
    expect(classifyMetric([NaN, NaN], [1, 2], { mustHaveData: true })).toMatchObject({ classification: 'NodataFailMetric', critical: false });
    expect(classifyMetric([NaN, NaN], [1, 2], { mustHaveData: true, critical: true }).classification).toBe('Nodata');
  });
});

describe('classifyMetric with the NetflixACAJudge defaults', () => {
  it('uses confidence 0.98, tolerance 0.25, direction either and NaN removal', () => {
    const res = classifyMetric([...NEAR_TWENTY_HIGH, NaN], NEAR_TEN_B);
    expect(res).toMatchObject({ classification: 'High', canaryCount: 30, baselineCount: 30, critical: false });
    expect(res.pValue).toBeLessThan(1e-6);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(res.effectSize).toBeCloseTo(mean(NEAR_TWENTY_HIGH) / mean(NEAR_TEN_B), 12);
  });

  it('counts NaN as 0 with the replace strategy', () => {
    const res = classifyMetric([NaN, NaN, NaN], [0, 0, 0], { nanStrategy: 'replace' });
    expect(res).toMatchObject({ classification: 'Pass', canaryCount: 3, reason: 'The Canary and Baseline data are identical' });
  });

  it('gives the same verdict when the samples are shifted together', () => {
    const shifted = classifyMetric(NEAR_TWENTY_HIGH.map((v) => v + 100), NEAR_TEN_B.map((v) => v + 100));
    const plain = classifyMetric(NEAR_TWENTY_HIGH, NEAR_TEN_B);
    expect(shifted.classification).toBe(plain.classification);
    expect(shifted.pValue).toBe(plain.pValue);
  });
});

// "CLES Effect Size: Pass" data (tolerance 0.20, confLevel 0.98, effectSizeThresholds (0.5, 0.8)).
const CLES_PASS_CANARY = [
  0, 0, 1.46580998e-4, 0, 0, 0, 7.94701987e-5, 0, 0, 0, 2.68889486e-5, 0, 0, 2.64935753e-5, 0, 0, 0, 2.61608895e-5,
  1.27824931e-4, 0, 0, 0, 2.54511211e-5, 2.58665287e-5, 7.63339355e-5, 0, 2.54239443e-5, 0, 0, 0, 2.61001201e-5,
  5.2010194e-5, 0, 2.64452319e-5, 5.2755137e-5, 7.83719533e-5, 5.19467027e-5, 2.58344528e-5, 2.58899676e-5, 0,
  2.59497613e-5, 2.57938043e-5, 7.78553448e-5, 2.6059311e-5, 2.61001201e-5, 0, 0, 2.59349551e-5, 2.6055916e-5, 0, 0, 0,
  0, 0, 0, 2.58819267e-5, 0, 2.58825965e-5, 2.57572635e-5, 2.56877906e-5,
];
const CLES_PASS_BASELINE = [
  0, 0, 0, 0, 0, 0, 0, 0, 2.91528191e-5, 0, 0, 0, 2.98284862e-5, 5.99916012e-5, 0, 5.92276712e-5, 0, 2.98053709e-5, 0,
  2.9730935e-5, 5.9215396e-5, 0, 0, 0, 2.92800047e-5, 0, 2.9455081e-5, 0, 0, 0, 5.83958656e-5, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  2.88600289e-5, 2.90334756e-5, 2.91740817e-5, 0, 0, 0, 0, 0, 0, 2.92765758e-5, 0, 0, 0, 0, 0, 2.94637596e-5,
  5.89136326e-5, 0, 0, 0,
];
// "CLES Effect Size: High" data (effectSizeThresholds (0.2, 0.8)).
const CLES_HIGH_CANARY = [
  0.00689808, 0.00568664, 0.00680876, 0.00642045, 0.00561825, 0.00472294, 0.00398378, 0.00392403, 0.00421201, 0.0047529,
  0.00460853, 0.00439888, 0.00561875, 0.01998866, 0.0124369, 0.00624391, 0.00444361, 0.00442059, 0.00372095, 0.00540736,
  0.00715402, 0.00425974, 0.00414409, 0.01172436, 0.0125959, 0.00371891, 0.00429855, 0.00369876, 0.00325709, 0.00415943,
  0.00371754, 0.00445212, 0.00521721, 0.00443938, 0.00380859, 0.01602997, 0.00788885, 0.0038155, 0.00326921, 0.00336928,
  0.00365917, 0.00333869, 0.00427639, 0.00355911, 0.00381224, 0.00360057, 0.00349305, 0.00401164, 0.00351947, 0.00356299,
  0.003407, 0.00414397, 0.00393346, 0.00413318, 0.00359041, 0.00366314, 0.00309383, 0.00383733, 0.00363324, 0.00280674,
];
const CLES_HIGH_BASELINE = [
  0.00081956, 0.00239282, 0.00133685, 0.00094917, 0.00029518, 0.00035344, 0.00048194, 0.00034893, 0.0003202, 0.00079814,
  0.00090881, 0.00072599, 0.00037819, 0.00038286, 0.00057604, 0.00064821, 0.00032194, 0.0002245, 0.00025202, 0.00071997,
  0.00022721, 0.00042578, 0.00042496, 0.00045613, 0.00037072, 0.0003317, 0.00032889, 0.00032749, 0.00036093, 0.00029285,
  0.00038401, 0.00044467, 0.00071086, 0.00036692, 0.00052079, 0.00074974, 0.00128791, 0.00062046, 0.00086345, 0.00118563,
  0.00103379, 0.00028913, 0.00057628, 0.00057943, 0.00048735, 0.00029409, 0.0002005, 0.00016612, 0.00089312, 0.00059367,
  0.00061706, 0.00163313, 0.00097784, 0.00029305, 0.00058839, 0.00085212, 0.00048298, 0.00035546, 0.00025866, 0.00038767,
];
// "CLES Effect Size: Low" data (effectSizeThresholds (0.2, 0.8)).
const CLES_LOW_CANARY = [
  24.24693907, 26.13330099, 22.50056744, 24.36646841, 23.19935673, 19.43801304, 20.99654102, 18.90793651, 21.31949881,
  21.83528381, 21.64211206, 23.13365968, 21.09163134, 19.45540615, 20.74783158, 22.25527831, 19.82051791, 20.9865487,
  19.94450026, 23.2904056, 18.18408424, 22.13843542, 19.42896044, 19.84140464, 23.91557662, 21.00981557, 21.8594633,
  23.11630163, 22.95700392, 17.80045135,
];
const CLES_LOW_BASELINE = [
  25.09626848, 26.15032198, 24.88431438, 24.18870163, 22.14684987, 28.01743443, 21.29910501, 27.24688773, 28.64187535,
  27.03504445, 24.67888311, 22.35137878, 27.41640397, 26.00225548, 23.02118534, 25.99647292, 22.77446912, 25.56704719,
  25.57025827, 21.2721602, 23.12987357, 24.59111604, 27.48865016, 27.21967755, 23.5951111, 22.5429607, 25.83015564,
  23.31965305, 24.3911644, 25.11468194,
];
