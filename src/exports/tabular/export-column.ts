/**
 * How a column's values are written: CSV writes text, XLSX writes typed cells.
 * - text: free text, neutralised against formula injection in CSV (unless formulaEscape=false)
 * - number: a finite number (or null)
 * - percent: a percentage (a number), rounded for display by the export's SQL or mapRow
 * - date: 'YYYY-MM-DD'
 * - timestamp: ISO 8601 local time in APP_TIMEZONE with its offset, '2025-03-04T09:15:00+06:00' (formatted by PostgreSQL)
 * - boolean
 */
export type CellType = 'text' | 'number' | 'percent' | 'date' | 'timestamp' | 'boolean';

export interface ExportColumn {
  /** The row property (SQL column alias) it is read from. */
  key: string;
  /** The header written in the file. */
  header: string;
  type: CellType;
  /** Width in characters in XLSX. */
  width: number;
  /** What the column holds, for the Table Schema and the workbook's README sheet. */
  description: string;
  /**
   * A number column that holds only whole numbers: `year` (a year or a quarter, shown without a thousands
   * separator) or `count` (with one). Only the workbook's display uses it.
   */
  whole?: 'year' | 'count';
}

/** The column, marked as holding whole numbers (see ExportColumn.whole). */
export function wholeNumbers(column: ExportColumn, whole: 'year' | 'count'): ExportColumn {
  return { ...column, whole };
}

export function column(key: string, type: CellType, width: number, description: string, header: string = key): ExportColumn {
  return { key, header, type, width, description };
}

/** The Frictionless Table Schema type of a column. */
export function tableSchemaType(type: CellType): { type: string; format?: string } {
  switch (type) {
    case 'text':
      return { type: 'string' };
    case 'number':
    case 'percent':
      return { type: 'number' };
    case 'date':
      return { type: 'date' };
    case 'timestamp':
      return { type: 'datetime' };
    case 'boolean':
      return { type: 'boolean' };
  }
}
