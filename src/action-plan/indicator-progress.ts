import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalarType } from '../common/scalars/date.scalar';
import { IndicatorDirection, IndicatorMeasure, ProgressStatus } from './action-plan.enums';
import { MilestoneFigure, targetForPeriod } from './period-target';
import { parsePeriod } from './reporting-period';
import type { Indicator } from './indicator.entity';
import type { ProgressCut } from './progress-cut';
import { ValueStatus } from './value-status';

export const ON_TRACK_PERCENT = 90;
export const AT_RISK_PERCENT = 50;

@ObjectType({
  description:
    'PercentOfTarget = (actual - baseline) / (periodTarget - baseline) * 100 for INCREASE and DECREASE alike; ' +
    "actual = the year's annual value, else its latest quarter's value, measured against that quarter's target (periodTarget).",
})
export class IndicatorProgress {
  @Field(() => Int, { description: 'The plan year' })
  year: number;

  @Field(() => Float, { nullable: true, description: 'The baseline value; null when not set' })
  baseline: number | null;

  @Field(() => Float, { nullable: true, description: "The year's target; null when none is set" })
  target: number | null;

  @Field(() => Float, { nullable: true, description: 'The value counted for the year; null when none is known' })
  actual: number | null;

  @Field(() => Float, { nullable: true, description: 'How far from baseline to target the actual value is, in percent; null without actual, baseline or target' })
  percentOfTarget: number | null;

  @Field(() => ProgressStatus, { description: 'The progress category derived from percentOfTarget' })
  status: ProgressStatus;

  /** The period `actual` was reported for (the year, or its latest reported quarter), where the caller knows it. */
  @Field(() => String, { nullable: true, description: 'The period actual was reported for: the year itself (2025) or its latest reported quarter (2025-Q3)' })
  actualPeriod?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The target the actual is measured against: the year's target for an annual value; for a quarter's, its milestone, else the year's target pro-rated by the indicator's measure",
  })
  periodTarget?: number | null;

  @Field(() => String, { nullable: true, description: 'Where periodTarget comes from: YEAR_TARGET, MILESTONE, PRO_RATED or NONE' })
  targetBasis?: string | null;

  @Field(() => DateScalarType, { description: 'Statuses, due dates and responsibilities as they stood at the end of this day' })
  asOf: string;

  @Field(() => DateScalarType, { description: 'The value versions approved (or, for SUBMITTED, submitted) by the end of this day count' })
  valuesKnownBy: string;

  @Field(() => ValueStatus, { description: 'Which versions counted: APPROVED (public) or SUBMITTED (staff, not yet reviewed ones included)' })
  valueStatus: ValueStatus;

  /** Which indicator this is about (resolved to `indicator` by IndicatorProgressResolver). */
  indicatorId?: string;

  /** The indicator itself, when whoever computed the progress had it at hand (then it is not looked up). */
  indicator?: Indicator;
}

/** A recorded value as far as progress is concerned. */
export interface PeriodValue {
  year: number;
  quarter: number | null;
  value: number;
}

/** The year's annual value if there is one, else the value of its latest reported quarter: the value that is the year's actual. */
export function actualEntryForYear<T extends PeriodValue>(values: readonly T[], year: number): T | null {
  let latestQuarter: T | null = null;
  for (const v of values) {
    if (v.year !== year) continue;
    if (v.quarter === null) return v;
    if (!latestQuarter || (latestQuarter.quarter ?? 0) < v.quarter) latestQuarter = v;
  }
  return latestQuarter;
}

/** The year's actual: see actualEntryForYear. */
export function actualForYear(values: readonly PeriodValue[], year: number): number | null {
  return actualEntryForYear(values, year)?.value ?? null;
}

export interface ProgressInput {
  year: number;
  direction: IndicatorDirection;
  baseline: number | null;
  target: number | null;
  actual: number | null;
}

/**
 * How far an indicator has come in a year, by the contract's formula.
 * - No actual value: NO_DATA. No target for the year: NO_DATA too (nothing to measure against).
 * - The target reached (>= for INCREASE, <= for DECREASE): ACHIEVED.
 * - Otherwise the percentage of the way from baseline to target decides:
 *   >= 90 ON_TRACK, >= 50 AT_RISK, else OFF_TRACK (moving away from the target is negative).
 * - Without a baseline, or when the target equals it, the way cannot be measured:
 *   percentOfTarget is null and a target not reached is OFF_TRACK.
 */
export function computeProgress(input: ProgressInput): Omit<IndicatorProgress, 'asOf' | 'valuesKnownBy' | 'valueStatus'> {
  const { year, direction, baseline, target, actual } = input;
  const percentOfTarget = percentOf(baseline, target, actual);
  return { year, baseline, target, actual, percentOfTarget, status: statusOf(direction, target, actual, percentOfTarget) };
}

/** computeProgress's percentOfTarget: null without actual or target, and when the way cannot be measured (no baseline, or target = baseline). */
function percentOf(baseline: number | null, target: number | null, actual: number | null): number | null {
  if (actual === null || target === null || baseline === null || target === baseline) return null;
  return withoutFloatNoise(((actual - baseline) / (target - baseline)) * 100);
}

/** computeProgress's status, given its percentOfTarget (percentOf). */
function statusOf(direction: IndicatorDirection, target: number | null, actual: number | null, percentOfTarget: number | null): ProgressStatus {
  if (actual === null || target === null) return ProgressStatus.NO_DATA;
  const reached = direction === IndicatorDirection.INCREASE ? actual >= target : actual <= target;
  if (reached) return ProgressStatus.ACHIEVED;
  if (percentOfTarget === null) return ProgressStatus.OFF_TRACK;
  return statusForPercent(percentOfTarget);
}

/** 62.000000000000036 -> 62: binary floating point noise is not progress. */
function withoutFloatNoise(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** An indicator's figures for a year (target, actual and its period, as a cut knows them). */
export interface YearFigures {
  target: number | null;
  actual: number | null;
  actualPeriod: string | null;
  /** The previous year's target (where a LEVEL or CUMULATIVE year's in-year line starts). */
  previousTarget?: number | null;
  /** The milestone of the actual's quarter, when the indicator has one. */
  milestone?: number | null;
}

/**
 * The one way figures become progress: every surface (pages, API, exports, PDF) reads its figures
 * through IndicatorProgressReader or the same SQL, and turns them into progress here.
 */
export function progressOf(
  indicator: Pick<Indicator, 'id' | 'direction' | 'baselineValue' | 'measure' | 'reportingFrequency'>,
  year: number,
  figures: YearFigures,
  cut: ProgressCut,
): IndicatorProgress {
  // Called for every indicator of a page or report: one object is built, no intermediate copies.
  // A quarter's value is measured against that quarter's target (its milestone, else the year's
  // target pro-rated by the indicator's measure: period-target.ts), not against the whole year's.
  const quarter = figures.actualPeriod ? parsePeriod(figures.actualPeriod)?.quarter ?? null : null;
  const period = targetForPeriod({
    measure: indicator.measure,
    frequency: indicator.reportingFrequency,
    baseline: indicator.baselineValue,
    yearTarget: figures.target,
    previousYearTarget: figures.previousTarget ?? null,
    milestones: quarter !== null && figures.milestone !== null && figures.milestone !== undefined ? [{ year, quarter, value: figures.milestone }] : NO_MILESTONES,
    year,
    quarter,
  });
  // A quarter's flow is measured from a quarter of the baseline's (yearly) flow.
  const baseline = quarter !== null && indicator.measure === IndicatorMeasure.FLOW && indicator.baselineValue !== null ? indicator.baselineValue / 4 : indicator.baselineValue;
  // computeProgress against the period's target.
  const percentOfTarget = percentOf(baseline, period.value, figures.actual);
  const measured = statusOf(indicator.direction, period.value, figures.actual, percentOfTarget);
  // On a quarter's target is on track; ACHIEVED is for the year's own target reached.
  const yearReached =
    figures.actual !== null && figures.target !== null && (indicator.direction === IndicatorDirection.INCREASE ? figures.actual >= figures.target : figures.actual <= figures.target);
  const status = period.basis !== 'YEAR_TARGET' && measured === ProgressStatus.ACHIEVED && !(yearReached && indicator.measure !== IndicatorMeasure.FLOW) ? ProgressStatus.ON_TRACK : measured;
  return {
    year,
    baseline: indicator.baselineValue,
    target: figures.target,
    actual: figures.actual,
    percentOfTarget,
    status,
    periodTarget: period.value,
    targetBasis: period.basis,
    actualPeriod: figures.actualPeriod,
    asOf: cut.asOf,
    valuesKnownBy: cut.valuesKnownBy,
    valueStatus: cut.valueStatus,
    indicatorId: indicator.id,
  };
}

/** progressOf() carrying its indicator (the readers' answers: `indicator { … }` needs no further read). */
export function progressWithIndicator(indicator: Indicator, year: number, figures: YearFigures, cut: ProgressCut): IndicatorProgress & { indicator: Indicator } {
  const progress = progressOf(indicator, year, figures, cut);
  progress.indicator = indicator;
  return progress as IndicatorProgress & { indicator: Indicator };
}

const NO_MILESTONES: readonly MilestoneFigure[] = [];

export function statusForPercent(percent: number): ProgressStatus {
  if (percent >= 100) return ProgressStatus.ACHIEVED;
  if (percent >= ON_TRACK_PERCENT) return ProgressStatus.ON_TRACK;
  if (percent >= AT_RISK_PERCENT) return ProgressStatus.AT_RISK;
  return ProgressStatus.OFF_TRACK;
}


/** The value of the most recent period; a year's own (annual) value counts after its quarters. */
export function latestOf<T extends PeriodValue>(values: readonly T[]): T | null {
  let latest: T | null = null;
  for (const v of values) {
    const later =
      !latest ||
      v.year > latest.year ||
      (v.year === latest.year && latest.quarter !== null && (v.quarter === null || v.quarter > latest.quarter));
    if (later) latest = v;
  }
  return latest;
}
