/** The columns of an indicator-values import file, in this order (the header row must be exactly this). */
export const IMPORT_COLUMNS = ['action_plan', 'indicator_code', 'period', 'value', 'source', 'note'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One data row of the file: `row` is its line, counting the header as row 1. */
export interface ImportRow {
  row: number;
  cells: Record<ImportColumn, string>;
  /** Why the row's cells do not line up with the header (a CSV row of five fields, say), or null. */
  shapeProblem: string | null;
}

/** The file once read: its data rows, at most IMPORT_MAX_ROWS of them. */
export interface ImportFile {
  format: 'csv' | 'xlsx';
  rows: ImportRow[];
}

/**
 * A row from its cells. CSV rows must have all six fields (empty ones included);
 * spreadsheet rows simply end where their last filled cell is.
 */
export function toImportRow(row: number, cells: readonly string[], allowFewer: boolean): ImportRow {
  const record = Object.fromEntries(IMPORT_COLUMNS.map((name, i) => [name, (cells[i] ?? '').trim()])) as Record<ImportColumn, string>;
  const expected = IMPORT_COLUMNS.length;
  const shapeProblem =
    cells.length > expected || (!allowFewer && cells.length < expected)
      ? `has ${cells.length} fields where the header has ${expected}`
      : null;
  return { row, cells: record, shapeProblem };
}

/** The header row as given, compared after trimming each cell. */
export function headerProblem(header: readonly string[]): string | null {
  const found = header.map((cell) => cell.trim());
  while (found.length > IMPORT_COLUMNS.length && found[found.length - 1] === '') found.pop();
  if (found.length === IMPORT_COLUMNS.length && found.every((cell, i) => cell === IMPORT_COLUMNS[i])) return null;
  return `the header row must be exactly ${IMPORT_COLUMNS.join(',')} (found: ${found.join(',').slice(0, 200)})`;
}
