import { resolveAsOf } from '../common/as-of';
import { DomainError } from '../common/errors/domain-error';
import { ValueStatus } from './value-status';

/**
 * The two cut-offs every progress figure is read at (issue 23: "two dates in every report"):
 * - `asOf` cuts statuses, due dates and responsibilities (as they stood at the end of that day);
 * - `valuesKnownBy` cuts which value versions count: those approved (or, for staff asking for
 *   SUBMITTED, submitted and not returned) by the end of that day. Its default is asOf plus the
 *   plan's reporting lag, so a past year's report includes its fourth quarter, reported in January.
 * Both are inputs to every fingerprint and printed wherever a figure is shown.
 */
export interface ProgressCut {
  asOf: string;
  valuesKnownBy: string;
  valueStatus: ValueStatus;
}

/** What a caller may ask for; every part optional. */
export interface ProgressCutRequest {
  asOf?: string | null;
  valuesKnownBy?: string | null;
  valueStatus?: ValueStatus | null;
}

/**
 * The cut a report of `year` is read at: asOf as resolveAsOf chooses it (given, else the end of a
 * past year, else today); valuesKnownBy given (not after today, not before asOf), else asOf plus
 * `reportingLagDays`, but never after today (the future has no values yet). BAD_USER_INPUT otherwise.
 */
export function resolveProgressCut(today: string, request: ProgressCutRequest, year: number | null, reportingLagDays: number): ProgressCut {
  const asOf = resolveAsOf(today, request.asOf, year);
  const valueStatus = request.valueStatus ?? ValueStatus.APPROVED;
  if (request.valuesKnownBy) {
    if (request.valuesKnownBy > today) throw DomainError.badInput('valuesKnownBy', `is after today (${today})`);
    if (request.valuesKnownBy < asOf) throw DomainError.badInput('valuesKnownBy', `is before asOf (${asOf}): values are known by asOf or later`);
    return { asOf, valuesKnownBy: request.valuesKnownBy, valueStatus };
  }
  const lagged = addDays(asOf, reportingLagDays);
  return { asOf, valuesKnownBy: lagged < today ? lagged : today, valueStatus };
}

/**
 * Whether the plan's reporting lag can change the cut: only when valuesKnownBy is left to the
 * default and asOf is before today (at today, asOf plus any lag is capped back to today). Readers
 * skip reading the lag otherwise.
 */
export function dependsOnReportingLag(today: string, request: ProgressCutRequest, year: number | null): boolean {
  return !request.valuesKnownBy && resolveAsOf(today, request.asOf, year) < today;
}

/** YYYY-MM-DD plus `days` calendar days (dates, not instants: no time zone is involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The cut as the parameters a reader passes to ask for the same figures again (URLs, files' metadata). */
export function cutParameters(cut: ProgressCut): Record<string, string> {
  return {
    asOf: cut.asOf,
    valuesKnownBy: cut.valuesKnownBy,
    ...(cut.valueStatus === ValueStatus.APPROVED ? {} : { valueStatus: cut.valueStatus }),
  };
}
