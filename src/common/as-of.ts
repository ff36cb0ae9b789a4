import { DomainError } from './errors/domain-error';

/**
 * The day a report's figures are taken at: `asOf` when given (never after today:
 * the future has no figures yet), else the end of `year` when it has ended, else today.
 */
export function resolveAsOf(today: string, asOf: string | null | undefined, year: number | null | undefined): string {
  if (asOf) {
    if (asOf > today) throw DomainError.badInput('asOf', `is after today (${today})`);
    return asOf;
  }
  if (year !== null && year !== undefined && `${year}-12-31` < today) return `${year}-12-31`;
  return today;
}
