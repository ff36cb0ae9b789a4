import { createHash, Hash } from 'node:crypto';
import { canonicalJson } from '../../common/fingerprint';
import { RowBatch } from '../../database/sql/query';
import { RowSource } from '../row-source/row-source';
import { csvLines } from '../tabular/csv-writer';
import { DEFAULT_CSV_OPTIONS } from '../tabular/csv-options';
import { TabularExport } from '../tabular/tabular-export';

/** What a file's figures depend on besides the data; stated in its metadata and part of its fingerprint. */
export interface ExportInputs {
  export: string;
  asOf: string;
  /** Value versions approved (or submitted, see valueStatus) by the end of this day count. */
  valuesKnownBy: string;
  valueStatus: string;
  timeZone: string;
  /** The language of the headers and labels (ky, ru, en): the same data in another language is another file. */
  lang: string;
  /** The parameters given (and defaults that shape the data, such as the indicators' year), absent ones left out. */
  parameters: Record<string, unknown>;
}

/**
 * A SHA-256 of an export's inputs and of its rows, each table written as the
 * default CSV (comma, decimal point, formulas escaped) whatever format or CSV
 * options the file itself uses: the same data as of the same day gives the same
 * fingerprint in the CSV's Table Schema, the workbook's README sheet and on any
 * day it is downloaded; any change to a row it contains changes it. The day it
 * was generated is not part of it.
 */
export class ExportFingerprint {
  private readonly hash: Hash = createHash('sha256');

  constructor(inputs: ExportInputs) {
    this.hash.update(`${canonicalJson(inputs)}\n`);
  }

  startTable(table: TabularExport): void {
    this.hash.update(`# ${table.name}\n${table.columns.map((c) => c.header).join(',')}\n`);
  }

  addBatch(table: TabularExport, batch: RowBatch): void {
    this.hash.update(csvLines(table, batch, DEFAULT_CSV_OPTIONS));
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

/** Reads every row of the tables to fingerprint them (the CSV's Table Schema, which is asked for apart from the CSV). */
export async function fingerprintTables(source: RowSource, tables: readonly TabularExport[], inputs: ExportInputs): Promise<string> {
  const fingerprint = new ExportFingerprint(inputs);
  for (const table of tables) {
    fingerprint.startTable(table);
    for await (const batch of source.batches(table.query)) fingerprint.addBatch(table, batch);
  }
  return fingerprint.hex();
}
