/** One row keyed by column alias (what an export's mapRow works on). */
export type Row = Record<string, unknown>;

/**
 * Rows as arrays in the order of `fields` (the SELECT's column aliases): no
 * object per row, which matters at a million rows. Values are PostgreSQL's
 * text output (numbers as "12.5", booleans as "t"/"f", json as text).
 */
export interface RowBatch {
  fields: readonly string[];
  rows: readonly (readonly unknown[])[];
}

/** An output column that is part of the export's sort key, and the SQL type its values compare as. */
export interface OrderKey {
  column: string;
  cast: 'varchar' | 'int' | 'uuid';
}

/**
 * The SQL of one read in order (an export's rows): a SELECT producing the flat
 * rows (joins and aggregations done by PostgreSQL), without ORDER BY or LIMIT. `orderBy` names output columns
 * that are never null and together identify a row, so the rows can be read in
 * order through one cursor.
 */
export interface ExportQuery {
  sql: string;
  params: unknown[];
  orderBy: readonly OrderKey[];
}
