import { ExportQuery, Row, RowBatch } from '../../database/sql/query';
import { ExportColumn } from './export-column';

/** Everything needed to write one export as CSV or as an XLSX sheet. */
export interface TabularExport {
  /** File name stem, e.g. "recommendations". */
  name: string;
  /** Worksheet name in a workbook (at most 31 characters). */
  sheetName: string;
  /** What one row is, for the Table Schema and the workbook's README sheet. */
  description: string;
  /** The columns that identify a row. */
  primaryKey: readonly string[];
  columns: readonly ExportColumn[];
  query: ExportQuery;
  /** Derives the written row from the database row (e.g. progress computed in JS); none for plain exports. */
  mapRow?: (row: Row) => Row;
}

/** Each row's values in the order of `table.columns` (missing columns are undefined). */
export function alignedRows(table: TabularExport, batch: RowBatch): unknown[][] {
  const { mapRow } = table;
  if (mapRow) {
    return batch.rows.map((values) => {
      const row = mapRow(Object.fromEntries(batch.fields.map((field, i) => [field, values[i]])));
      return table.columns.map((c) => row[c.key]);
    });
  }
  const positions = table.columns.map((c) => batch.fields.indexOf(c.key));
  return batch.rows.map((values) => positions.map((i) => (i === -1 ? undefined : values[i])));
}

/** A boolean as the server's text output ("t") or as a parsed value. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 't';
}
