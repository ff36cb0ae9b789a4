import { CsvError, parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../common/loaded-on-first-use';
import { DomainError } from '../common/errors/domain-error';
import { restoreFormula } from '../common/tabular/formula-injection';
import { DimensionColumns, ImportFile, ImportHeader, ImportRow, readHeader, toImportRow } from './import-file';
import { checkedWorkbookStream } from './xlsx-archive';

export interface ImportFileLimits {
  /** IMPORT_MAX_ROWS */
  maxRows: number;
  /** IMPORT_MAX_UNPACKED_BYTES: what an XLSX may unpack to. */
  maxUnpackedBytes: number;
  /** The dimension columns a breakdown's rows may have (see readHeader); none when not given. */
  dimensions?: DimensionColumns;
}

/** An XLSX file is a ZIP archive: it starts with the local file header signature "PK\x03\x04". */
function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

function malformed(problem: string): DomainError {
  return DomainError.badInput('file', problem);
}

/**
 * Reads an uploaded import file, CSV or XLSX (recognised by its content, not its
 * name), into rows numbered as a spreadsheet shows them. A file that cannot be
 * read as such, lacks the header row (see readHeader), has no data rows or more than
 * `maxRows`, or an XLSX unpacking beyond `maxUnpackedBytes`, is refused as a
 * whole with BAD_USER_INPUT naming the problem.
 */
export async function readImportFile(buffer: Buffer, limits: ImportFileLimits): Promise<ImportFile> {
  const { maxRows } = limits;
  const file: ImportFile = isZip(buffer)
    ? { format: 'xlsx', rows: await readXlsx(buffer, limits) }
    : { format: 'csv', rows: readCsv(buffer, maxRows, limits.dimensions) };
  if (file.rows.length === 0) throw malformed('has a header row but no data rows');
  return file;
}

function tooMany(maxRows: number): DomainError {
  return malformed(`has more than ${maxRows} data rows (IMPORT_MAX_ROWS); split it into several imports`);
}

function readCsv(buffer: Buffer, maxRows: number, dimensions: DimensionColumns | undefined): ImportRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw malformed('is neither an XLSX workbook nor UTF-8 text; save it as "CSV UTF-8" or as an Excel workbook');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.trim() === '') throw malformed('is empty; the first line must be the header row');
  // Excel saves "CSV" with semicolons where the decimal separator is a comma (Russian, Kyrgyz locales).
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, to: maxRows + 2 }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw malformed(`is not valid CSV: ${error.message}`);
    throw error;
  }
  const [first, ...data] = records;
  const header = readHeader(first.record, dimensions);
  if ('problem' in header) throw malformed(header.problem);
  if (data.length > maxRows) throw tooMany(maxRows);
  // The CSV export neutralises formulas with an apostrophe (formula-injection.ts); an exported file read back stores the text it was made from.
  const rows = data.map(({ record, info }) => toImportRow(info.lines, record.map(restoreFormula), false, header));
  if (delimiter === ';') for (const row of rows) row.cells.value = withDecimalPoint(row.cells.value);
  return rows;
}

/** A number written with a decimal comma, as the same locales write it ("12,5", "-0,25"); thousands separators stay refused. */
const DECIMAL_COMMA = /^[-+]?(\d+,\d*|,\d+)([eE][-+]?\d+)?$/;

function withDecimalPoint(value: string): string {
  return DECIMAL_COMMA.test(value) ? value.replace(',', '.') : value;
}

/** A cell's value as the text a person sees (numbers as written, formulas by their result). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * The first worksheet, read with the streaming reader so that rows beyond the limit
 * are never loaded, from the checked and repacked archive (see checkedWorkbookStream):
 * nothing is unpacked beyond the limits, and nothing is written to temp files.
 */
async function readXlsx(buffer: Buffer, { maxRows, maxUnpackedBytes, dimensions }: ImportFileLimits): Promise<ImportRow[]> {
  const workbook = await checkedWorkbookStream(buffer, { maxUnpackedBytes });
  try {
    // The unpacking fails apart from the reader (a size the directory misstates, the budget): whichever comes first decides.
    const rows = await Promise.race([readFirstSheet(workbook.stream, maxRows, dimensions), workbook.failed]);
    // A stream cut short by a failure can read as a complete, shorter sheet.
    const cause = workbook.failure();
    if (cause) throw cause;
    return rows;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // The repacking stream fails with the limit that was broken; exceljs may report it as its own error.
    const cause = workbook.failure();
    if (cause) throw cause;
    throw malformed(`is not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    // Stops unpacking when the reader stopped early (the row limit, a bad header).
    workbook.close();
  }
}

/**
 * The first worksheet, read with the streaming reader so that rows beyond the limit
 * are never loaded, from the checked and repacked archive (see checkedWorkbookStream):
 * nothing is unpacked beyond the limits, and nothing is written to temp files.
 */
async function readFirstSheet(workbook: Readable, maxRows: number, dimensions: DimensionColumns | undefined): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  let header: ImportHeader | null = null;
  const reader = new (exceljs().stream.xlsx.WorkbookReader)(workbook, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!header) {
        const read = readHeader(values, dimensions);
        if ('problem' in read) throw malformed(read.problem);
        header = read;
        continue;
      }
      if (values.every((v) => v.trim() === '')) continue;
      if (rows.length === maxRows) throw tooMany(maxRows);
      rows.push(toImportRow(row.number, trimTrailingEmpty(values), true, header));
    }
    break;
  }
  if (!header) throw malformed('has no rows; the first row must be the header row');
  return rows;
}

function trimTrailingEmpty(values: string[]): string[] {
  const cells = [...values];
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}
