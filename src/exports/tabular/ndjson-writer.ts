import { Writable } from 'node:stream';
import { RowSource } from '../row-source/row-source';
import { cellText } from './cell-text';
import { CellType } from './export-column';
import { alignedRows, isTrue, TabularExport } from './tabular-export';
import { waitForDrain } from './wait-for-drain';

/** A value as JSON wants it: numbers and booleans typed, dates and timestamps as their ISO text, missing as null. */
function jsonValue(type: CellType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'number':
    case 'percent':
      return Number(value);
    case 'boolean':
      return isTrue(value);
    case 'text':
    case 'date':
    case 'timestamp':
      return cellText(value);
  }
}

/**
 * Newline-delimited JSON (one object per line, keys as the English CSV's headers):
 * what scripts read without guessing types, delimiters or escapes. Text is
 * written as stored (no formula escaping: JSON is not opened by spreadsheets).
 * Streamed a batch at a time like the CSV; returns the number of rows.
 */
export async function writeNdjson(source: RowSource, table: TabularExport, out: Writable): Promise<number> {
  // Keys are the column names, not the headers: the same in every language.
  const keys = table.columns.map((c) => JSON.stringify(c.key));
  const types = table.columns.map((c) => c.type);
  let count = 0;
  for await (const batch of source.batches(table.query)) {
    let text = '';
    for (const values of alignedRows(table, batch)) {
      text += `{${values.map((value, i) => `${keys[i]}:${JSON.stringify(jsonValue(types[i], value))}`).join(',')}}\n`;
    }
    out.write(text);
    count += batch.rows.length;
    await waitForDrain(out);
  }
  return count;
}
