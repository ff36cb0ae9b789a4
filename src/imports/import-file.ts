import { CATALOGS } from '../i18n/i18n.service';
import { LOCALES } from '../i18n/locales';

/** The columns of an indicator-values import file, in this order. */
export const IMPORT_COLUMNS = ['action_plan', 'indicator_code', 'period', 'value', 'source', 'note'] as const;
/** An optional last column: the language of the row's source and note (ky, ru or en). */
export const LOCALE_COLUMN = 'locale';
/** Optional columns of a breakdown's rows: a ratio's numerator and denominator (one row per combination of members). */
export const RATIO_COLUMNS = ['numerator', 'denominator'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number] | typeof LOCALE_COLUMN | (typeof RATIO_COLUMNS)[number];

/**
 * The columns a file may name a dimension by (a row of a breakdown gives its member there):
 * each dimension's code and its name in Kyrgyz, Russian and English, compared as headers are
 * (headerKey), mapped to the dimension's code.
 */
export type DimensionColumns = ReadonlyMap<string, string>;

/** One data row of the file: `row` is its line, counting the header as row 1. */
export interface ImportRow {
  row: number;
  /** The cells by column; `locale` is empty when the file has no such column. */
  cells: Record<ImportColumn, string>;
  /** The cells of its dimension columns, by dimension code (empty: the row is no part of a breakdown, or its total). */
  members: Record<string, string>;
  /** Why the row's cells do not line up with the header (a CSV row of five fields, say), or null. */
  shapeProblem: string | null;
}

/** The file once read: its data rows, at most IMPORT_MAX_ROWS of them. */
export interface ImportFile {
  format: 'csv' | 'xlsx';
  rows: ImportRow[];
}

/**
 * The indicator-values export's columns after the six (export/indicator-values.export.ts):
 * read from the file's values, not from the indicator, so an import ignores them. A whole
 * export, in any language, can thus be imported back as it is.
 */
export const EXPORT_ONLY_COLUMNS = ['indicator_name', 'unit', 'year', 'quarter', 'recorded_at', 'recorded_by'] as const;
type ExportOnlyColumn = (typeof EXPORT_ONLY_COLUMNS)[number];

/** The header row as read: what each column holds, null for an export's column the import ignores. */
export interface ImportHeader {
  columns: (ImportColumn | { dimension: string } | null)[];
}

/** A header cell compared without case or surrounding blanks ("Код индикатора" = "код индикатора"). */
export const headerKey = (cell: string) => cell.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * The names each column goes by: its machine name (the English export's header)
 * and its header in the Kyrgyz, Russian and English exports (the catalogs'
 * `export.column.*`), so that an indicator-values export in any language can be
 * corrected and imported back.
 */
const COLUMN_NAMES: ReadonlyMap<ImportColumn | ExportOnlyColumn, ReadonlySet<string>> = new Map(
  ([...IMPORT_COLUMNS, LOCALE_COLUMN, ...RATIO_COLUMNS, ...EXPORT_ONLY_COLUMNS] as (ImportColumn | ExportOnlyColumn)[]).map((column): [ImportColumn | ExportOnlyColumn, Set<string>] => [
    column,
    new Set([column, ...LOCALES.map((locale) => CATALOGS[locale][`export.column.${column}`])].map(headerKey)),
  ]),
);

const names = (column: ImportColumn | ExportOnlyColumn) => [...(COLUMN_NAMES.get(column) ?? [])].join(' / ');

/**
 * A row from its cells. CSV rows must have every field of the header (empty ones
 * included); spreadsheet rows simply end where their last filled cell is.
 */
export function toImportRow(row: number, cells: readonly string[], allowFewer: boolean, header: ImportHeader): ImportRow {
  const record = Object.fromEntries([...IMPORT_COLUMNS, LOCALE_COLUMN, ...RATIO_COLUMNS].map((name) => [name, ''])) as Record<ImportColumn, string>;
  const members: Record<string, string> = {};
  header.columns.forEach((column, i) => {
    if (typeof column === 'string') record[column] = (cells[i] ?? '').trim();
    else if (column) members[column.dimension] = (cells[i] ?? '').trim();
  });
  const expected = header.columns.length;
  const shapeProblem =
    cells.length > expected || (!allowFewer && cells.length < expected)
      ? `has ${cells.length} fields where the header has ${expected}`
      : null;
  return { row, cells: record, members, shapeProblem };
}

/**
 * Reads the header row: the six columns in order, each named in any of the three
 * languages, then optionally `locale`, `numerator` and `denominator`, dimension columns
 * (`dimensions`: a breakdown's rows give their member there) and the indicator-values
 * export's other columns (EXPORT_ONLY_COLUMNS, ignored), each at most once, in any order. Blank
 * cells after the last one are ignored. Any other header is refused as a whole: a
 * file with its columns in another order would otherwise be read into the wrong
 * fields, and a column nobody knows may hold data the person expects to be imported.
 */
export function readHeader(header: readonly string[], dimensions: DimensionColumns = new Map()): ImportHeader | { problem: string } {
  const found = header.map((cell) => cell.trim());
  while (found.length > IMPORT_COLUMNS.length && found[found.length - 1] === '') found.pop();
  const problem = (why: string) => ({
    problem:
      `the header row must be exactly ${IMPORT_COLUMNS.join(',')}, optionally followed by ${LOCALE_COLUMN} ` +
      `and the indicator-values export's other columns (${EXPORT_ONLY_COLUMNS.join(',')}), which are ignored; ` +
      `each column may be named in Kyrgyz, Russian or English (${names('indicator_code')}, …) (${why}; found: ${found.join(',').slice(0, 200)})`,
  });
  if (found.length < IMPORT_COLUMNS.length || !IMPORT_COLUMNS.every((column, i) => COLUMN_NAMES.get(column)?.has(headerKey(found[i])))) {
    return problem('the first six columns differ');
  }
  const columns: ImportHeader['columns'] = [...IMPORT_COLUMNS];
  const seen = new Set<string>();
  for (const cell of found.slice(IMPORT_COLUMNS.length)) {
    const known = ([LOCALE_COLUMN, ...RATIO_COLUMNS, ...EXPORT_ONLY_COLUMNS] as const).find((column) => COLUMN_NAMES.get(column)?.has(headerKey(cell)));
    const dimension = known ? undefined : dimensions.get(headerKey(cell));
    if (!known && !dimension) return problem(`unknown column "${cell.slice(0, 60)}"`);
    const key = known ?? `dimension:${dimension}`;
    if (seen.has(key)) return problem(`column "${cell.slice(0, 60)}" appears twice`);
    seen.add(key);
    if (dimension) columns.push({ dimension });
    else columns.push(known === LOCALE_COLUMN || known === 'numerator' || known === 'denominator' ? known : null);
  }
  return { columns };
}
