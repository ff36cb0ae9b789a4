/**
 * JSON objects written by PostgreSQL for a row (the page assembler's relations,
 * RecommendationsRepository.relationsJson): what each value is, and what a value that may not be
 * null is written as when it is.
 */

/** One key of the object: its value as SQL over the row, and whether null is allowed. */
export interface JsonObjectEntry {
  key: string;
  valueSql: string;
  /** A null value is written as MISSING_IN_TEXT, which the caller looks for. */
  required: boolean;
}

/** A JSON object key or a fixed text value: a GraphQL name, never user text. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * The most keys of one object: no type here has as many fields, so only a selection of aliases
 * reaches it, and it is executed as usual.
 */
export const MAX_JSON_OBJECT_KEYS = 50;

/**
 * What a required value is written as when it is null, and a value PostgreSQL would write otherwise
 * than the scalar serialises it (jsonFloatSql): a string starting with NUL, which no text read from
 * PostgreSQL can hold, so finding it in the JSON text tells the caller to answer as usual.
 */
export const MISSING_IN_TEXT = '"\\u0000missing"';

/**
 * The JSON object of one row as text, with the entries in order and written as JSON.stringify
 * writes them (no space after a colon or a comma), so that the answer is the same bytes as the
 * usual execution's. json_build_object writes `{"a" : 1, "b" : 2}`: 10 % more bytes for a status
 * history, each of them written to the socket (docs/benchmarks.md).
 */
export function jsonObjectSql(entries: readonly JsonObjectEntry[]): string {
  if (!entries.length || entries.length > MAX_JSON_OBJECT_KEYS) throw new Error(`a JSON object of 1 to ${MAX_JSON_OBJECT_KEYS} keys, not ${entries.length}`);
  const pairs = entries.map(({ key, valueSql, required }, index) => {
    if (!NAME.test(key)) throw new Error(`not a name: ${key}`);
    return `'${index ? ',' : '{'}"${key}":' || coalesce((${valueSql})::text, '${required ? MISSING_IN_TEXT : 'null'}')`;
  });
  return `(${pairs.join(' || ')} || '}')`;
}

/**
 * The JSON array of the objects (text, as jsonObjectSql writes them) of the rows `from` selects, in
 * `order`, as text: `[]` when there is none.
 */
export function jsonArraySql(objectSql: string, from: string, order: string): string {
  return `COALESCE((SELECT '[' || string_agg(${objectSql}, ',' ORDER BY ${order}) || ']' ${from}), '[]')`;
}

/** A fixed text (a GraphQL type's name), as a JSON string. */
export function jsonNameSql(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a name: ${name}`);
  return `to_json('${name}'::text)`;
}

/** A column as JSON: as PostgreSQL writes its value (text, numbers, booleans, enums, dates as YYYY-MM-DD). */
export function jsonColumnSql(column: string): string {
  return `to_json(${column})`;
}

/**
 * A timestamptz column as JavaScript's Date.prototype.toISOString() writes it: UTC, milliseconds
 * and Z (microseconds cut, as postgres-date reads them), which is what the DateTime scalar answers.
 */
export function jsonIsoTimestampSql(column: string): string {
  return `to_json(to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
}

/**
 * A double precision column as JSON.stringify writes the number the Float scalar answers. Both
 * write the shortest digits that read back as the same double, and agree on the notation for
 * 1e-4 <= |x| < 1e15 (beyond, PostgreSQL writes 1e-05 and 1e+15 where JavaScript writes 1e-5 and
 * 1000000000000000); zero is written as 0 (PostgreSQL keeps -0's sign, JSON.stringify does not).
 * Any other value (those, NaN, Infinity) is written as MISSING_IN_TEXT, so the caller answers as usual.
 */
export function jsonFloatSql(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} = 0 THEN '0'
               WHEN abs(${column}) >= 1e-4::float8 AND abs(${column}) < 1e15::float8 THEN ${column}::text
               ELSE '${MISSING_IN_TEXT}' END`;
}
