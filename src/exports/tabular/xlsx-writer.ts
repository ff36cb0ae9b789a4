import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../common/loaded-on-first-use';
import { RowSource } from '../row-source/row-source';
import { cellText } from './cell-text';
import { CellType, ExportColumn } from './export-column';
import { alignedRows, isTrue, TabularExport } from './tabular-export';
import { waitForDrain } from './wait-for-drain';
import { ExportFingerprint } from '../metadata/fingerprint';
import type { ExportLanguage } from '../export-language';

/** A worksheet holds at most 1,048,576 rows; the header takes one, the rest continue on another sheet. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

export type NumberFormats = Record<CellType, string | null> & {
  /** Whole numbers in a number column (a value, a count): a thousands separator and no decimal point. */
  integer: string;
  /** Years and quarters: digits only (2 023 is not a year). */
  year: string;
};

/** How the workbook shows each column: number formats, and the words for booleans. */
export interface XlsxStyle {
  formats: NumberFormats;
  /** The catalog's words, written as text: a boolean cell shows as the spreadsheet's own words (ИСТИНА/ЛОЖЬ in Russian Excel, whatever the format). */
  booleans: { true: string; false: string };
}

/**
 * Number formats per column type: values keep their full precision, the format
 * only decides what is shown. Dates and the words for booleans follow the
 * language (31.12.2025 in Kyrgyz and Russian); the separators of numbers are
 * the reader's own regional settings, as in any workbook. `#,##0.###` shows a
 * whole number with a trailing separator ("2 023,"), so whole numbers get their
 * own formats: each cell of a number column gets the one that fits its value.
 */
export function xlsxStyle(language: ExportLanguage): XlsxStyle {
  return {
    formats: {
      text: null,
      number: '#,##0.###',
      integer: '#,##0',
      year: '0',
      percent: '0.0',
      date: language.t('export.format.date'),
      timestamp: language.t('export.format.timestamp'),
      boolean: null,
    },
    booleans: { true: language.t('export.value.true'), false: language.t('export.value.false') },
  };
}

/** Set explicitly on the header: a style with only `bold` and no font name lets LibreOffice fall back to a serif font. */
const BODY_FONT = { name: 'Calibri', size: 11 } as const;
const HEADER_FONT = { ...BODY_FONT, bold: true } as const;

/**
 * 'YYYY-MM-DD', or an ISO 8601 local time with offset ('2025-03-04T09:15:00+06:00'),
 * as a Date whose UTC fields are the local ones: Excel dates carry no time zone
 * (the README sheet names it).
 */
function excelDate(text: string): Date {
  return new Date(`${text.slice(0, 10)}T${text.length > 10 ? text.slice(11, 19) : '00:00:00'}Z`);
}

function xlsxCell(type: CellType, value: unknown, booleans: XlsxStyle['booleans']): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'text':
      // A string cell is never evaluated as a formula, so it needs no neutralising.
      return cellText(value);
    case 'number':
    case 'percent':
      return Number(value);
    case 'date':
    case 'timestamp':
      return excelDate(cellText(value));
    case 'boolean':
      return isTrue(value) ? booleans.true : booleans.false;
  }
}

/** Characters a column shows at most before its width stops growing (long text wraps in the reader's hands, not ours). */
const MAX_COLUMN_WIDTH = 60;
/** Room for the header's autofilter button and for bold letters being wider. */
const HEADER_ALLOWANCE = 4;

/**
 * Each column's width in characters: the widest of its nominal width (sized for English), its header in
 * the export's language (bold, with the filter button), and the first rows' values as the sheet shows them.
 * The widths are written before any row (the sheet streams), so the first batch stands for the rest.
 */
export function columnWidths(columns: readonly ExportColumn[], rows: readonly ExcelJS.CellValue[][], formats: NumberFormats): number[] {
  return columns.map((c, i) => {
    let width = Math.max(c.width, Math.ceil(c.header.length * 1.1) + HEADER_ALLOWANCE);
    for (const row of rows) width = Math.max(width, shownLength(row[i], c, formats) + 2);
    return Math.min(width, Math.max(c.width, MAX_COLUMN_WIDTH));
  });
}

/** About how many characters a cell shows. */
function shownLength(value: ExcelJS.CellValue, column: ExportColumn, formats: NumberFormats): number {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return (column.type === 'timestamp' ? formats.timestamp : formats.date)?.length ?? 19;
  if (typeof value === 'number') {
    const digits = String(Math.trunc(Math.abs(value))).length;
    // Thousands separators, and up to three decimals.
    return digits + (column.whole === 'year' ? 0 : Math.floor((digits - 1) / 3)) + (Number.isInteger(value) ? 0 : 4) + (value < 0 ? 1 : 0);
  }
  return typeof value === 'string' ? value.length : 0;
}

/** What makes a workbook reproducible and self-describing. */
export interface WorkbookOptions {
  /** The workbook's creation and modification date, and every zip entry's: derived from the inputs, so that the same inputs give the same bytes. */
  fixedDate: Date;
  /** Fed every row as it is written. */
  fingerprint: ExportFingerprint;
  /** The README sheet's rows, given the finished fingerprint: written last, shown first. */
  readme: (fingerprint: string) => (string | number | null)[][];
  readmeSheetName: string;
  style: XlsxStyle;
}

/**
 * Writes one or more exports into one workbook, one sheet each, with exceljs's
 * streaming WorkbookWriter. Known pitfalls avoided: every row is committed as
 * soon as it is added (uncommitted rows stay in memory), each sheet is committed
 * before the next one is opened (the zip writes its entries one after another,
 * so rows of a later sheet would wait in memory), no shared strings (a table of
 * every distinct string), and the loop waits when the destination is behind.
 * The README sheet needs the fingerprint of every row, so it is written after
 * the data sheets and then moved to the front of the workbook's sheet list.
 */
export async function writeXlsx(source: RowSource, tables: readonly TabularExport[], out: Writable, options: WorkbookOptions): Promise<number> {
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  fixDates(workbook, options.fixedDate);
  let total = 0;
  const { formats, booleans } = options.style;
  // One style object per format: exceljs recognises a style it has seen by identity, at no cost per cell.
  const wholeStyle = { integer: { numFmt: formats.integer }, year: { numFmt: formats.year } };
  for (const table of tables) {
    let part = 1;
    let sheet: ExcelJS.Worksheet | null = null;
    let widths: number[] = [];
    let rowsInSheet = 0;
    const types = table.columns.map((c) => c.type);
    // Number columns whose whole values get the integer format (the others keep the column's format).
    const wholeValued = table.columns.flatMap((c, i) => (c.type === 'number' && !c.whole ? [i] : []));
    const styleOf = sharedCellStyles(table.columns, formats);
    options.fingerprint.startTable(table);
    for await (const batch of source.batches(table.query)) {
      options.fingerprint.addBatch(table, batch);
      const rows = alignedRows(table, batch).map((values) => values.map((value, i) => xlsxCell(types[i], value, booleans)));
      if (!sheet) {
        widths = columnWidths(table.columns, rows, formats);
        sheet = openSheet(workbook, table, part, formats, widths);
      }
      for (const cells of rows) {
        if (rowsInSheet === XLSX_MAX_DATA_ROWS) {
          sheet.commit();
          sheet = openSheet(workbook, table, ++part, formats, widths);
          rowsInSheet = 0;
        }
        const row = sheet.addRow(cells);
        for (let i = 0; i < cells.length; i++) if (cells[i] !== undefined) row.getCell(i + 1).style = styleOf(cells[i], i);
        for (const i of wholeValued) if (Number.isInteger(cells[i])) row.getCell(i + 1).style = wholeStyle.integer;
        row.commit();
        rowsInSheet += 1;
      }
      total += batch.rows.length;
      await waitForZip(sheet, out);
      await waitForDrain(out);
    }
    // No rows: the sheet still has its header, sized for it.
    sheet ??= openSheet(workbook, table, part, formats, columnWidths(table.columns, [], formats));
    sheet.commit();
  }
  writeReadme(workbook, options.readmeSheetName, options.readme(options.fingerprint.hex()));
  await workbook.commit();
  return total;
}

/**
 * exceljs stamps the workbook and archiver every zip entry with the current time; both are set to `date` instead.
 * The hook is archiver's `_moduleAppend`, where each queued entry is written: exceljs queues its first entries
 * (theme, relationships) inside its constructor, before this runs, so patching `append` missed them and two
 * downloads a second apart differed. archiver writes queued entries asynchronously, after this returns.
 */
function fixDates(workbook: ExcelJS.stream.xlsx.WorkbookWriter, date: Date): void {
  workbook.created = date;
  workbook.modified = date;
  type ModuleAppend = (source: unknown, data: Record<string, unknown>, callback: unknown) => unknown;
  const zip = (workbook as unknown as { zip: { _moduleAppend: ModuleAppend } }).zip;
  const moduleAppend = zip._moduleAppend.bind(zip);
  zip._moduleAppend = (source, data, callback) => moduleAppend(source, { ...data, date }, callback);
}

/** The README sheet: two wide columns of labels and text, made the first sheet of the workbook. */
function writeReadme(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, rows: (string | number | null)[][]): void {
  const sheet = workbook.addWorksheet(name, { pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [
    { key: 'label', width: 28, style: { font: BODY_FONT } },
    { key: 'text', width: 110, style: { font: BODY_FONT, alignment: { wrapText: true, vertical: 'top' } } },
    ...Array.from({ length: 6 }, () => ({ width: 16, style: { font: BODY_FONT } })),
  ];
  rows.forEach((values, i) => {
    const row = sheet.addRow(values);
    // The title and section headings: one-cell rows.
    if (values.length === 1) row.font = { ...HEADER_FONT, size: i === 0 ? 14 : 12 };
    else if (values.length > 0) row.getCell(1).font = HEADER_FONT;
    row.commit();
  });
  sheet.commit();
  // The sheet list is in id order; put the README first (its tab is then the one a reader sees on opening).
  const internal = workbook as unknown as { _worksheets: (ExcelJS.Worksheet | undefined)[] };
  internal._worksheets = [sheet, ...internal._worksheets.filter((w) => w && w !== sheet)];
}

/**
 * exceljs hands a sheet's XML to the zip's deflate stream without waiting for
 * it (StreamBuf ignores write()'s return value), and deflate runs on libuv's
 * thread pool, slower than rows are produced: without this, a million rows
 * pile up in memory as pending deflate input (780 MiB measured). So between
 * batches, wait while the deflate stream (the sheet stream's pipe destination)
 * is over its buffer. (Internals of exceljs 4 and archiver; see docs/benchmarks.md.)
 */
async function waitForZip(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) await waitForDrain(pipe, out);
}

/**
 * A sheet with a bold, frozen header row in an explicit font, an autofilter over
 * the columns, widths and number formats, printed landscape, fitted to the page
 * width, with the header row repeated on every page.
 */
/** The number format of a column's cells (null: the cell type's own). */
function columnFormat(column: ExportColumn, formats: NumberFormats): string | null {
  return column.whole ? formats[column.whole === 'year' ? 'year' : 'integer'] : formats[column.type];
}

/**
 * One style object per column (and for the columns without a number format, one for text and one for
 * empty cells), given to every body cell: exceljs gives each new cell a copy of its column's style and
 * then serialises every copy to XML to find its style id, which was most of an XLSX export's time;
 * a style object it has seen before costs it one WeakMap lookup. The ids, and so the bytes, are the same.
 */
function sharedCellStyles(columns: readonly ExportColumn[], formats: NumberFormats): (value: ExcelJS.CellValue, column: number) => Partial<ExcelJS.Style> {
  const formatted = columns.map((c) => {
    const numFmt = columnFormat(c, formats);
    return numFmt ? { numFmt } : null;
  });
  // Without a number format the style id depends on the cell's type: these columns hold text or nothing.
  const text = {};
  const empty = {};
  return (value, column) => formatted[column] ?? (value === null ? empty : text);
}

function openSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: TabularExport,
  part: number,
  formats: NumberFormats,
  widths: readonly number[],
): ExcelJS.Worksheet {
  const name = part === 1 ? table.sheetName : `${table.sheetName.slice(0, 26)} (${part})`;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  sheet.columns = table.columns.map((c: ExportColumn, i) => {
    const numFmt = columnFormat(c, formats);
    // Body cells keep the workbook's default font (Calibri 11, set by exceljs): a font in every cell's style
    // costs exceljs a style lookup per cell (measured: XLSX 1.7× slower).
    return { header: c.header, key: c.key, width: widths[i], style: numFmt ? { numFmt } : {} };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const header = sheet.getRow(1);
  header.font = HEADER_FONT;
  header.commit();
  return sheet;
}
