/** Collects positional parameters ($1, $2, ...) while a statement is written, after any it already has. */
export class SqlParams {
  readonly values: unknown[];

  constructor(existing: readonly unknown[] = []) {
    this.values = [...existing];
  }

  /** The placeholder for `value`, cast to `type` so PostgreSQL need not guess. */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/**
 * A timestamptz as ISO 8601 local time in the given zone with its UTC offset at
 * that instant ('2025-03-04T09:15:00+06:00'): unambiguous for scripts, and the
 * wall-clock time people in the zone recognise. The offset is the difference
 * between the local and the UTC reading of the same instant.
 */
export function isoTimestamp(expression: string, timeZonePlaceholder: string): string {
  const local = `(${expression} AT TIME ZONE ${timeZonePlaceholder})`;
  const offset = `(${local} - (${expression} AT TIME ZONE 'UTC'))`;
  return `to_char(${local}, 'YYYY-MM-DD"T"HH24:MI:SS') || CASE WHEN ${offset} < interval '0' THEN '-' || to_char(-${offset}, 'HH24:MI') ELSE '+' || to_char(${offset}, 'HH24:MI') END`;
}
