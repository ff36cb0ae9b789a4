import { types } from 'pg';

/** node-postgres's own reader of timestamptz text (postgres-date), for every shape the fast path leaves to it. */
const generalParser = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date | number | null;

const ZERO = 48;

/** The number written by `length` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A timestamptz as PostgreSQL writes it (DateStyle ISO): `2026-03-01 12:34:56.123456+06`, the
 * fraction optional, the offset `±HH` or `±HH:MM`. Every other shape (a year before 100 or after
 * 9999, BC, an offset with seconds, ±infinity) goes to the general parser, as does anything not
 * matched exactly. The fraction is cut to milliseconds, as postgres-date cuts it.
 *
 * Why: postgres-date matches three regular expressions per value; a page that reads a few hundred
 * timestamps allocated ~95 kB per request in it (npm run bench:allocation).
 */
export function parseTimestamptz(text: string): Date | number | null {
  const length = text.length;
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return generalParser(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let at = 19;
  let millisecond = 0;
  if (text.charCodeAt(at) === 46) {
    const start = at + 1;
    at = start;
    while (at < length && text.charCodeAt(at) >= ZERO && text.charCodeAt(at) <= ZERO + 9) at += 1;
    const count = at - start;
    if (count === 0 || count > 6) return generalParser(text);
    millisecond = digits(text, start, Math.min(count, 3)) * (count === 1 ? 100 : count === 2 ? 10 : 1);
  }
  const sign = text.charCodeAt(at) === 43 ? 1 : text.charCodeAt(at) === 45 ? -1 : 0;
  const offsetHours = digits(text, at + 1, 2);
  // ±HH, or ±HH:MM; anything after that is a shape for the general parser.
  let offsetMinutes = 0;
  if (at + 6 === length && text.charCodeAt(at + 3) === 58) offsetMinutes = digits(text, at + 4, 2);
  else if (at + 3 !== length) return generalParser(text);
  if (year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || sign === 0 || offsetHours < 0 || offsetMinutes < 0) {
    return generalParser(text);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  return new Date(utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}
