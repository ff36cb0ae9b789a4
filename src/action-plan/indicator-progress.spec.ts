import { IndicatorDirection, ProgressStatus } from './action-plan.enums';
import { actualForYear, computeProgress, latestOf } from './indicator-progress';

const inc = (baseline: number | null, target: number | null, actual: number | null) =>
  computeProgress({ year: 2025, direction: IndicatorDirection.INCREASE, baseline, target, actual });
const dec = (baseline: number | null, target: number | null, actual: number | null) =>
  computeProgress({ year: 2025, direction: IndicatorDirection.DECREASE, baseline, target, actual });

describe('computeProgress', () => {
  it('computes the percentage of the way from baseline to target (INCREASE)', () => {
    const p = inc(20, 30, 25);
    expect(p.percentOfTarget).toBeCloseTo(50);
    expect(p).toMatchObject({ year: 2025, baseline: 20, target: 30, actual: 25, status: ProgressStatus.AT_RISK });
  });

  it('uses the same formula for DECREASE (both differences change sign)', () => {
    const p = dec(10, 2, 4);
    expect(p.percentOfTarget).toBeCloseTo(75);
    expect(p.status).toBe(ProgressStatus.AT_RISK);
  });

  describe('status thresholds', () => {
    it.each([
      [30, 100, ProgressStatus.ACHIEVED],
      [31, 110, ProgressStatus.ACHIEVED],
      [29.9, 99, ProgressStatus.ON_TRACK],
      [29, 90, ProgressStatus.ON_TRACK],
      [28.99, 89.9, ProgressStatus.AT_RISK],
      [25, 50, ProgressStatus.AT_RISK],
      [24.99, 49.9, ProgressStatus.OFF_TRACK],
      [20, 0, ProgressStatus.OFF_TRACK],
      [15, -50, ProgressStatus.OFF_TRACK],
    ])('INCREASE 20 -> 30, actual %p is %p%% and %s', (actual, percent, status) => {
      const p = inc(20, 30, actual);
      expect(p.percentOfTarget).toBeCloseTo(percent, 5);
      expect(p.status).toBe(status);
    });

    it.each([
      [2, ProgressStatus.ACHIEVED],
      [1, ProgressStatus.ACHIEVED],
      [2.8, ProgressStatus.ON_TRACK],
      [3, ProgressStatus.AT_RISK],
      [6, ProgressStatus.AT_RISK],
      [6.5, ProgressStatus.OFF_TRACK],
      [12, ProgressStatus.OFF_TRACK],
    ])('DECREASE 10 -> 2, actual %p is %s', (actual, status) => {
      expect(dec(10, 2, actual).status).toBe(status);
    });
  });

  it('is NO_DATA without an actual value', () => {
    expect(inc(20, 30, null)).toMatchObject({ status: ProgressStatus.NO_DATA, percentOfTarget: null });
  });

  it('is NO_DATA without a target for the year', () => {
    expect(inc(20, null, 25)).toMatchObject({ status: ProgressStatus.NO_DATA, percentOfTarget: null });
  });

  it('cannot measure the way without a baseline: ACHIEVED if reached, else OFF_TRACK, no percentage', () => {
    expect(inc(null, 30, 31)).toMatchObject({ status: ProgressStatus.ACHIEVED, percentOfTarget: null });
    expect(inc(null, 30, 29)).toMatchObject({ status: ProgressStatus.OFF_TRACK, percentOfTarget: null });
  });

  it('does not divide by zero when the target equals the baseline', () => {
    expect(inc(20, 20, 20)).toMatchObject({ status: ProgressStatus.ACHIEVED, percentOfTarget: null });
    expect(dec(5, 5, 6)).toMatchObject({ status: ProgressStatus.OFF_TRACK, percentOfTarget: null });
  });
});

describe('actualForYear', () => {
  const values = [
    { year: 2024, quarter: null, value: 1 },
    { year: 2025, quarter: 1, value: 2 },
    { year: 2025, quarter: 3, value: 4 },
    { year: 2025, quarter: 2, value: 3 },
  ];

  it("takes the year's annual value", () => {
    expect(actualForYear(values, 2024)).toBe(1);
  });

  it('else the latest quarter', () => {
    expect(actualForYear(values, 2025)).toBe(4);
  });

  it('prefers the annual value over quarters', () => {
    expect(actualForYear([...values, { year: 2025, quarter: null, value: 9 }], 2025)).toBe(9);
  });

  it('is null for a year without values', () => {
    expect(actualForYear(values, 2026)).toBeNull();
  });
});

describe('latestOf', () => {
  it('counts a year after its quarters and before the next year', () => {
    const q4 = { year: 2025, quarter: 4, value: 1 };
    const annual = { year: 2025, quarter: null, value: 2 };
    const next = { year: 2026, quarter: 1, value: 3 };
    expect(latestOf([annual, q4])).toBe(annual);
    expect(latestOf([q4, annual])).toBe(annual);
    expect(latestOf([annual, next, q4])).toBe(next);
    expect(latestOf([])).toBeNull();
  });
});
