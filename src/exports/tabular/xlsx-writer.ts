import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { RowSource } from '../row-source/row-source';
import { cellText } from './cell-text';
import { CellType, ExportColumn } from './export-column';
import { alignedRows, isTrue, TabularExport } from './tabular-export';
import { waitForDrain } from './wait-for-drain';

/** A worksheet holds at most 1,048,576 rows; the header takes one, the rest continue on another sheet. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

const NUMBER_FORMATS: Partial<Record<CellType, string>> = {
  date: 'yyyy-mm-dd',
  timestamp: 'yyyy-mm-dd hh:mm:ss',
};

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' as a Date whose UTC fields are those: Excel dates carry no time zone. */
function excelDate(text: string): Date {
  const [date, time = '00:00:00'] = text.split(' ');
  return new Date(`${date}T${time}Z`);
}

function xlsxCell(type: CellType, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'text':
      // A string cell is never evaluated as a formula, so it needs no neutralising.
      return cellText(value);
    case 'number':
      return Number(value);
    case 'date':
    case 'timestamp':
      return excelDate(cellText(value));
    case 'boolean':
      return isTrue(value);
  }
}

/**
 * Writes one or more exports into one workbook, one sheet each, with exceljs's
 * streaming WorkbookWriter. Known pitfalls avoided: every row is committed as
 * soon as it is added (uncommitted rows stay in memory), each sheet is committed
 * before the next one is opened (the zip writes its entries one after another,
 * so rows of a later sheet would wait in memory), no shared strings (a table of
 * every distinct string), and the loop waits when the destination is behind.
 */
export async function writeXlsx(source: RowSource, tables: readonly TabularExport[], out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let total = 0;
  for (const table of tables) {
    let part = 1;
    let sheet = openSheet(workbook, table, part);
    let rowsInSheet = 0;
    const types = table.columns.map((c) => c.type);
    for await (const batch of source.batches(table.query)) {
      for (const values of alignedRows(table, batch)) {
        if (rowsInSheet === XLSX_MAX_DATA_ROWS) {
          sheet.commit();
          sheet = openSheet(workbook, table, ++part);
          rowsInSheet = 0;
        }
        sheet.addRow(values.map((value, i) => xlsxCell(types[i], value))).commit();
        rowsInSheet += 1;
      }
      total += batch.rows.length;
      await waitForZip(sheet, out);
      await waitForDrain(out);
    }
    sheet.commit();
  }
  await workbook.commit();
  return total;
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

/** A sheet with a bold, frozen header row, an autofilter over the columns, widths and date formats. */
function openSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: TabularExport, part: number): ExcelJS.Worksheet {
  const name = part === 1 ? table.sheetName : `${table.sheetName.slice(0, 26)} (${part})`;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c: ExportColumn) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: NUMBER_FORMATS[c.type] ? { numFmt: NUMBER_FORMATS[c.type] } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}
