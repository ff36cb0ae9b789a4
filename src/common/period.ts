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
  if (year < 1900 || year > 2200) return null;
  return { year, quarter: m[2] ? Number(m[2]) : null };
}

export function formatPeriod(period: Period): string {
  return period.quarter ? `${period.year}-Q${period.quarter}` : String(period.year);
}
