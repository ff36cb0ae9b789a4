import { IndicatorMeasure, ReportingFrequency } from './action-plan.enums';
import { progressRuleMessageKey, targetForPeriod, type PeriodTargetInput } from './period-target';
import { CATALOGS } from '../i18n/i18n.service';
import { LOCALES } from '../i18n/locales';

const { LEVEL, FLOW, CUMULATIVE } = IndicatorMeasure;
const { YEARLY, QUARTERLY } = ReportingFrequency;

const base: PeriodTargetInput = {
  measure: LEVEL,
  frequency: QUARTERLY,
  baseline: 20,
  yearTarget: 30,
  milestones: [],
  year: 2025,
  quarter: null,
};
const target = (over: Partial<PeriodTargetInput>) => targetForPeriod({ ...base, ...over });

describe('targetForPeriod', () => {
  it.each([LEVEL, FLOW, CUMULATIVE])("compares an annual %s value with the year's target", (measure) => {
    expect(target({ measure, quarter: null })).toEqual({ value: 30, basis: 'YEAR_TARGET' });
  });

  it("prefers the quarter's milestone of the same year and quarter", () => {
    const milestones = [
      { year: 2024, quarter: 2, value: 1 },
      { year: 2025, quarter: 1, value: 2 },
      { year: 2025, quarter: 2, value: 27 },
    ];
    expect(target({ measure: FLOW, quarter: 2, milestones })).toEqual({ value: 27, basis: 'MILESTONE' });
    // Q3 has none: pro-rated.
    expect(target({ measure: FLOW, quarter: 3, milestones })).toEqual({ value: 7.5, basis: 'PRO_RATED' });
  });

  it('ignores milestones of a YEARLY indicator', () => {
    expect(target({ frequency: YEARLY, quarter: 2, milestones: [{ year: 2025, quarter: 2, value: 99 }] })).toEqual({ value: 25, basis: 'PRO_RATED' });
  });

  it.each([
    [1, 22.5],
    [2, 25],
    [3, 27.5],
    [4, 30],
  ])('pro-rates a LEVEL quarter %p linearly from the baseline: %p', (quarter, value) => {
    expect(target({ measure: LEVEL, quarter })).toEqual({ value, basis: 'PRO_RATED' });
  });

  it.each([
    [1, 675],
    [2, 750],
    [4, 900],
  ])("starts a CUMULATIVE year at the previous year's target: Q%p is %p", (quarter, value) => {
    expect(target({ measure: CUMULATIVE, baseline: 0, previousYearTarget: 600, yearTarget: 900, quarter })).toEqual({ value, basis: 'PRO_RATED' });
  });

  it('works downwards too (a DECREASE indicator)', () => {
    expect(target({ measure: LEVEL, baseline: 10, previousYearTarget: 8, yearTarget: 6, quarter: 1 }).value).toBeCloseTo(7.5);
  });

  it('gives a FLOW quarter a quarter of the year, whatever the baseline', () => {
    expect(target({ measure: FLOW, baseline: 1000, yearTarget: 400, quarter: 3 })).toEqual({ value: 100, basis: 'PRO_RATED' });
  });

  it('without a start point: LEVEL keeps the year target, CUMULATIVE starts from zero', () => {
    expect(target({ measure: LEVEL, baseline: null, quarter: 1 }).value).toBe(30);
    expect(target({ measure: CUMULATIVE, baseline: null, quarter: 1 }).value).toBe(7.5);
  });

  it('has no target without a year target or a milestone', () => {
    expect(target({ yearTarget: null, quarter: 2 })).toEqual({ value: null, basis: 'NONE' });
    expect(target({ yearTarget: null, quarter: null })).toEqual({ value: null, basis: 'NONE' });
    expect(target({ yearTarget: null, quarter: 2, milestones: [{ year: 2025, quarter: 2, value: 5 }] })).toEqual({ value: 5, basis: 'MILESTONE' });
  });

  it('refuses a quarter outside 1-4', () => {
    expect(() => target({ quarter: 5 })).toThrow(RangeError);
    expect(() => target({ quarter: 0 })).toThrow(RangeError);
  });
});

describe('progressRuleMessageKey', () => {
  it.each(LOCALES)('names a message in the %s catalog for every measure and frequency', (locale) => {
    for (const measure of Object.values(IndicatorMeasure)) {
      for (const frequency of Object.values(ReportingFrequency)) {
        const key = progressRuleMessageKey(measure, frequency);
        expect({ key, text: typeof CATALOGS[locale][key] }).toEqual({ key, text: 'string' });
      }
    }
  });

  it('names different messages for different rules', () => {
    const keys = Object.values(IndicatorMeasure).flatMap((m) => Object.values(ReportingFrequency).map((f) => progressRuleMessageKey(m, f)));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
