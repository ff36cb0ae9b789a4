import { IndicatorMeasure, ReportingFrequency } from './action-plan.enums';

/*
 * The in-year target rule (issue 23), written once: the target a value reported for a period
 * (a year, or one quarter of it) is compared with. Pure: the progress reader passes what it read.
 *
 * - An annual value is compared with the year's target, whatever the measure.
 * - A quarter of a QUARTERLY indicator with a milestone for it is compared with that milestone.
 * - Otherwise the year's target is pro-rated to the quarter:
 *   - LEVEL and CUMULATIVE: linearly within the year, from where the year starts to the year's
 *     target: start + (yearTarget − start) × quarter ÷ 4. The year starts at the previous year's
 *     target when there is one (the level the plan expected by the end of that year), else at the
 *     baseline; so Q4 is the year's target, and a multi-year plan draws one unbroken line instead
 *     of jumping back to the baseline every January. Without either (no previous target, no
 *     baseline) no in-year path is known: a LEVEL quarter is compared with the year's target as
 *     it is, a CUMULATIVE one starts from zero (a running total begins at nothing).
 *   - FLOW: a quarter's flow is a quarter of the year's: yearTarget ÷ 4.
 * - No target for the year and no milestone: null (no target to compare with).
 *
 * YEARLY indicators have no milestones (setIndicatorMilestone refuses them): if a yearly
 * indicator does report a quarter, the pro-rated target applies and any milestone given is ignored.
 */

/** A quarter's milestone (indicator_milestone): the target for that quarter of `year`. */
export interface MilestoneFigure {
  year: number;
  quarter: number;
  value: number;
}

export interface PeriodTargetInput {
  measure: IndicatorMeasure;
  frequency: ReportingFrequency;
  baseline: number | null;
  /** The target of `year` (indicator_target), null when none is set. */
  yearTarget: number | null;
  /** The target of the year before `year`, when the plan sets one: where LEVEL and CUMULATIVE lines start. */
  previousYearTarget?: number | null;
  /** The indicator's milestones (any years: those of `year` are used). */
  milestones: readonly MilestoneFigure[];
  year: number;
  /** 1–4 for a quarter's value; null for the year's own value. */
  quarter: number | null;
}

/** Where a period's target came from. */
export type PeriodTargetBasis = 'YEAR_TARGET' | 'MILESTONE' | 'PRO_RATED' | 'NONE';

export interface PeriodTarget {
  /** The target the period's value is compared with; null when there is none. */
  value: number | null;
  basis: PeriodTargetBasis;
}

export function targetForPeriod(input: PeriodTargetInput): PeriodTarget {
  const { measure, frequency, baseline, yearTarget, year, quarter } = input;
  if (quarter === null) return yearTarget === null ? NONE : { value: yearTarget, basis: 'YEAR_TARGET' };
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter must be 1-4, not ${quarter}`);
  if (frequency === ReportingFrequency.QUARTERLY) {
    const milestone = input.milestones.find((m) => m.year === year && m.quarter === quarter);
    if (milestone) return { value: milestone.value, basis: 'MILESTONE' };
  }
  if (yearTarget === null) return NONE;
  switch (measure) {
    case IndicatorMeasure.FLOW:
      return { value: yearTarget / 4, basis: 'PRO_RATED' };
    case IndicatorMeasure.LEVEL:
    case IndicatorMeasure.CUMULATIVE: {
      const start = input.previousYearTarget ?? baseline ?? (measure === IndicatorMeasure.CUMULATIVE ? 0 : yearTarget);
      return { value: start + ((yearTarget - start) * quarter) / 4, basis: 'PRO_RATED' };
    }
    default: {
      const unknown: never = measure;
      throw new Error(`unknown measure ${String(unknown)}`);
    }
  }
}

const NONE: PeriodTarget = { value: null, basis: 'NONE' };

/** The catalog key of the message that says the rule above in words, for this kind of indicator. */
export function progressRuleMessageKey(measure: IndicatorMeasure, frequency: ReportingFrequency): string {
  return `indicator.periodRule.${measure}.${frequency}`;
}
