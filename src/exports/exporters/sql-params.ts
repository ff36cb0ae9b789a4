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

/** `to_char` of a timestamptz as local time in the given zone ('YYYY-MM-DD HH:MM:SS'), the format of 'timestamp' columns. */
export function localTimestamp(expression: string, timeZonePlaceholder: string): string {
  return `to_char(${expression} AT TIME ZONE ${timeZonePlaceholder}, 'YYYY-MM-DD HH24:MI:SS')`;
}
