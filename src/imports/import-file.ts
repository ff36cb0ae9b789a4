import { CATALOGS } from '../i18n/i18n.service';
import { LOCALES } from '../i18n/locales';

/** The columns of an indicator-values import file, in this order. */
export const IMPORT_COLUMNS = ['action_plan', 'indicator_code', 'period', 'value', 'source', 'note'] as const;
/** An optional last column: the language of the row's source and note (ky, ru or en). */
export const LOCALE_COLUMN = 'locale';
export type ImportColumn = (typeof IMPORT_COLUMNS)[number] | typeof LOCALE_COLUMN;

/** One data row of the file: `row` is its line, counting the header as row 1. */
export interface ImportRow {
  row: number;
  /** The cells by column; `locale` is empty when the file has no such column. */
  cells: Record<ImportColumn, string>;
  /** Why the row's cells do not line up with the header (a CSV row of five fields, say), or null. */
  shapeProblem: string | null;
}

/** The file once read: its data rows, at most IMPORT_MAX_ROWS of them. */
export interface ImportFile {
  format: 'csv' | 'xlsx';
  rows: ImportRow[];
}

/** The header row as read: how many columns it has (six, or seven with `locale`). */
export interface ImportHeader {
  width: number;
}

/** A header cell compared without case or surrounding blanks ("Код индикатора" = "код индикатора"). */
const headerKey = (cell: string) => cell.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * The names each column goes by: its machine name (the English export's header)
 * and its header in the Kyrgyz, Russian and English exports (the catalogs'
 * `export.column.*`), so that an indicator-values export in any language can be
 * corrected and imported back.
 */
const COLUMN_NAMES: ReadonlyMap<ImportColumn, ReadonlySet<string>> = new Map(
  ([...IMPORT_COLUMNS, LOCALE_COLUMN] as ImportColumn[]).map((column): [ImportColumn, Set<string>] => [
    column,
    new Set([column, ...LOCALES.map((locale) => CATALOGS[locale][`export.column.${column}`])].map(headerKey)),
  ]),
);

const names = (column: ImportColumn) => [...(COLUMN_NAMES.get(column) ?? [])].join(' / ');

/**
 * A row from its cells. CSV rows must have every field of the header (empty ones
 * included); spreadsheet rows simply end where their last filled cell is.
 */
export function toImportRow(row: number, cells: readonly string[], allowFewer: boolean, header: ImportHeader): ImportRow {
  const record = Object.fromEntries([...IMPORT_COLUMNS, LOCALE_COLUMN].map((name, i) => [name, i < header.width ? (cells[i] ?? '').trim() : ''])) as Record<ImportColumn, string>;
  const expected = header.width;
  const shapeProblem =
    cells.length > expected || (!allowFewer && cells.length < expected)
      ? `has ${cells.length} fields where the header has ${expected}`
      : null;
  return { row, cells: record, shapeProblem };
}

/**
 * Reads the header row: the six columns in order, each named in any of the
 * three languages, optionally followed by `locale`. Blank cells after the last
 * one are ignored. A header that is not that is refused as a whole (a file with
 * its columns in another order would otherwise be read into the wrong fields).
 */
export function readHeader(header: readonly string[]): ImportHeader | { problem: string } {
  const found = header.map((cell) => cell.trim());
  while (found.length > IMPORT_COLUMNS.length && found[found.length - 1] === '') found.pop();
  const expected: ImportColumn[] = found.length === IMPORT_COLUMNS.length + 1 ? [...IMPORT_COLUMNS, LOCALE_COLUMN] : [...IMPORT_COLUMNS];
  if (found.length === expected.length && found.every((cell, i) => COLUMN_NAMES.get(expected[i])?.has(headerKey(cell)))) return { width: expected.length };
  return {
    problem:
      `the header row must be exactly ${IMPORT_COLUMNS.join(',')}, optionally followed by ${LOCALE_COLUMN}; ` +
      `each column may be named in Kyrgyz, Russian or English (${names('indicator_code')}, …) (found: ${found.join(',').slice(0, 200)})`,
  };
}
