import type { ExportQuery } from './query';

function orderByClause(query: ExportQuery): string {
  return query.orderBy.map((key) => `"${key.column}"`).join(', ');
}

/** The whole read in order: what the cursor reads and what the benchmark's COPY runs. */
export function orderedSql(query: ExportQuery): string {
  return `SELECT * FROM (${query.sql}) AS export_rows ORDER BY ${orderByClause(query)}`;
}
