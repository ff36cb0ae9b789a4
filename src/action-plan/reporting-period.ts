import { IsInt, Max, Min, registerDecorator, ValidationArguments } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

/*
 * The action plan's rules about years and reporting periods, each written once: the API's
 * inputs, the imports, the exports and the seed all use them from here.
 */

/** The years the programme could plausibly concern: a year outside them is a typo, not a plan. */
export const PLAN_YEAR_MIN = 1900;
export const PLAN_YEAR_MAX = 2200;

export function isPlanYear(year: unknown): year is number {
  return Number.isInteger(year) && (year as number) >= PLAN_YEAR_MIN && (year as number) <= PLAN_YEAR_MAX;
}

export const PLAN_YEAR_MESSAGE = `must be between ${PLAN_YEAR_MIN} and ${PLAN_YEAR_MAX}`;

/** A year the programme could plausibly concern (an input's field). */
export function PlanYear(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(PLAN_YEAR_MIN), Max(PLAN_YEAR_MAX));
}

/** A reporting period: a whole year, or one quarter of it. */
export interface Period {
  year: number;
  quarter: number | null;
}

const PERIOD = /^(\d{4})(?:-Q([1-4]))?$/;

/**
 * The one parser of reporting periods: "2025" is a year, "2025-Q3" a quarter.
 * Returns null for anything else (lower-case q, Q0, Q5, 2025-3, " 2025").
 */
export function parsePeriod(text: string): Period | null {
  const m = PERIOD.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (!isPlanYear(year)) return null;
  return { year, quarter: m[2] ? Number(m[2]) : null };
}

export function formatPeriod(period: Period): string {
  return period.quarter ? `${period.year}-Q${period.quarter}` : String(period.year);
}

/** "2025" or "2025-Q3", checked by the one period parser (an input's field). */
export function IsPeriod(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPeriod',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parsePeriod(value) !== null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a year (2025) or a quarter (2025-Q3)`,
      },
    });
}

/**
 * Why no value can be recorded for this period of the indicator, or null when
 * one can: its year must lie between the baseline year (or the plan's first
 * year, if earlier) and the plan's last year, and the period must have started
 * by `today`. Shared by recordIndicatorValue and the bulk import of indicator values.
 */
export function periodProblem(
  period: Period,
  // Structural (not the entities' types): the period rules stand below the entities that use them.
  indicator: { baselineYear: number | null },
  plan: { startYear: number; endYear: number },
  today: string,
): PeriodProblem | null {
  const firstYear = Math.min(plan.startYear, indicator.baselineYear ?? plan.startYear);
  if (period.year < firstYear || period.year > plan.endYear) {
    return { reason: 'outOfRange', from: firstYear, to: plan.endYear, message: `must fall within ${firstYear}-${plan.endYear} (baseline and plan years)` };
  }
  if (periodStart(period) > today) return { reason: 'notStarted', period: formatPeriod(period), message: `${formatPeriod(period)} has not started yet` };
  return null;
}

/** Why a period takes no value: a reason code (with its values) for clients and pages, and the API's English message. */
export type PeriodProblem =
  | { reason: 'outOfRange'; from: number; to: number; message: string }
  | { reason: 'notStarted'; period: string; message: string };

/** First day of a period, YYYY-MM-DD. */
function periodStart(period: Period): string {
  const month = period.quarter ? (period.quarter - 1) * 3 + 1 : 1;
  return `${period.year}-${String(month).padStart(2, '0')}-01`;
}

/** A period's first and last quarter as a count of quarters since year 0: a year spans four. */
export const periodStartQuarter = (p: Period): number => p.year * 4 + (p.quarter ?? 1) - 1;
export const periodEndQuarter = (p: Period): number => p.year * 4 + (p.quarter ?? 4) - 1;
