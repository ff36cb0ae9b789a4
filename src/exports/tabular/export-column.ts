/**
 * How a column's values are written: CSV writes text, XLSX writes typed cells.
 * - text: free text, neutralised against formula injection in CSV
 * - number: a finite number (or null)
 * - date: 'YYYY-MM-DD'
 * - timestamp: 'YYYY-MM-DD HH:MM:SS', local time in APP_TIMEZONE (formatted by PostgreSQL)
 * - boolean
 */
export type CellType = 'text' | 'number' | 'date' | 'timestamp' | 'boolean';

export interface ExportColumn {
  /** The row property (SQL column alias) it is read from. */
  key: string;
  /** The header written in the file. */
  header: string;
  type: CellType;
  /** Width in characters in XLSX. */
  width: number;
}

export function column(key: string, type: CellType, width: number, header: string = key): ExportColumn {
  return { key, header, type, width };
}
