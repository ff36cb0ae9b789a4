import { Writable } from 'node:stream';
import { RowBatch } from '../../database/sql/query';
import { RowSource } from '../row-source/row-source';
import { cellText } from './cell-text';
import { CrlfRecords } from './crlf-records';
import { CsvOptions, DEFAULT_CSV_OPTIONS } from './csv-options';
import { CellType } from './export-column';
import { FORMULA_START, neutraliseFormula } from '../../common/tabular/formula-injection';
import { alignedRows, isTrue, TabularExport } from './tabular-export';
import { waitForDrain } from './wait-for-drain';

/** Excel reads a UTF-8 file as UTF-8 (Kyrgyz and Russian text intact) only when it starts with a BOM. */
const UTF8_BOM = '\uFEFF';

/** Compiled once per set of options: the checks every cell goes through. */
interface CsvFormat {
  options: CsvOptions;
  /** Either a formula start (when escaping) or a character that needs quoting: most cells match neither and are written as they are. */
  needsCare: RegExp;
  needsQuotes: RegExp;
}

const formats = new Map<string, CsvFormat>();

export function csvFormat(options: CsvOptions): CsvFormat {
  const id = `${options.delimiter}${options.decimal}${options.formulaEscape}`;
  let format = formats.get(id);
  if (!format) {
    const quote = `["\r\n${options.delimiter}]`;
    format = {
      options,
      needsCare: new RegExp(options.formulaEscape ? `${FORMULA_START.source}|${quote}` : quote),
      needsQuotes: new RegExp(quote),
    };
    formats.set(id, format);
  }
  return format;
}

/**
 * RFC 4180: a field holding a quote, the delimiter or a line break is quoted, its
 * quotes doubled; records end with CRLF (as COPY quotes: the two paths write the
 * same bytes). Written here rather than with csv-stringify, which measured 3.6 s of CPU per
 * million 12-column rows against 0.5 s for this (the same bytes), and alone
 * would have put the export past twice COPY's time.
 */
function field(format: CsvFormat, text: string): string {
  return format.needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function textField(format: CsvFormat, text: string): string {
  if (!format.needsCare.test(text)) return text;
  return field(format, format.options.formulaEscape ? neutraliseFormula(text) : text);
}

/** The text of one cell; only free text is neutralised, so -5 stays a number. */
function csvCell(format: CsvFormat, type: CellType, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'text':
      return textField(format, cellText(value));
    case 'number':
    case 'percent': {
      // Digits, signs, a decimal separator that is never the delimiter: nothing to quote.
      const text = cellText(value);
      return format.options.decimal === ',' ? text.replace('.', ',') : text;
    }
    case 'date':
    case 'timestamp':
      return cellText(value);
    case 'boolean':
      return isTrue(value) ? 'true' : 'false';
  }
}

/** The header line (with the BOM Excel needs), as written before the records. */
export function csvHeader(table: TabularExport, options: CsvOptions = DEFAULT_CSV_OPTIONS): string {
  const format = csvFormat(options);
  return `${options.bom === false ? '' : UTF8_BOM}${table.columns.map((c) => field(format, c.header)).join(options.delimiter)}\r\n`;
}

/**
 * Where a CSV's records come from. 'copy': PostgreSQL's COPY formats them (a
 * server source, and an export whose rows are its SQL's rows). 'rows': this
 * writer formats batches of rows: on a source without COPY (the embedded
 * database), and always for an export that derives its rows in JavaScript
 * (mapRow, like the indicators' progress), which COPY cannot run.
 */
export type CsvRecordsPath = 'copy' | 'rows';

export function csvRecordsPath(source: RowSource, table: TabularExport): CsvRecordsPath {
  if (table.mapRow) return 'rows';
  return source.copyCsv ? 'copy' : 'rows';
}

/**
 * Writes an export as CSV, waiting for the destination to drain so that a slow
 * client holds back the reads; its records come by csvRecordsPath, both paths
 * formatting by the same rules. Returns the number of data rows written.
 */
export async function writeCsv(
  source: RowSource,
  table: TabularExport,
  out: Writable,
  options: CsvOptions = DEFAULT_CSV_OPTIONS,
): Promise<number> {
  out.write(csvHeader(table, options));
  if (csvRecordsPath(source, table) === 'copy' && source.copyCsv) return copyCsvRecords(source.copyCsv(table.query, table.columns, options), out);
  let count = 0;
  for await (const batch of source.batches(table.query)) {
    out.write(csvLines(table, batch, options));
    count += batch.rows.length;
    await waitForDrain(out);
  }
  return count;
}

/** PostgreSQL's CSV records (see copy-csv.sql.ts) with CRLF record ends; returns how many there were. */
async function copyCsvRecords(records: AsyncIterable<Buffer>, out: Writable): Promise<number> {
  const crlf = new CrlfRecords();
  for await (const chunk of records) {
    out.write(crlf.convert(chunk));
    await waitForDrain(out);
  }
  return crlf.records;
}

/** One batch as CSV lines, reading each value straight from the row array where no mapRow is involved. */
export function csvLines(table: TabularExport, batch: RowBatch, options: CsvOptions = DEFAULT_CSV_OPTIONS): string {
  const format = csvFormat(options);
  const types = table.columns.map((c) => c.type);
  const rows = table.mapRow ? alignedRows(table, batch) : batch.rows;
  const positions = table.mapRow ? types.map((_, i) => i) : table.columns.map((c) => batch.fields.indexOf(c.key));
  let text = '';
  for (const values of rows) {
    for (let i = 0; i < positions.length; i++) {
      const at = positions[i];
      text += (i === 0 ? '' : options.delimiter) + csvCell(format, types[i], at === -1 ? undefined : values[at]);
    }
    text += '\r\n';
  }
  return text;
}
