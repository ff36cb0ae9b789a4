import { CsvOptions } from '../tabular/csv-options';
import { ExportColumn } from '../tabular/export-column';
import { ExportQuery, RowBatch } from '../../database/sql/query';

/**
 * Reads an export's rows in order, a bounded batch at a time, so that an export
 * of a million rows holds only one batch in memory. Implementations: a server
 * side cursor (pg-server.row-source.ts).
 */
export interface RowSource {
  batches(query: ExportQuery): AsyncIterable<RowBatch>;

  /**
   * Where the database can write the CSV itself (COPY on a PostgreSQL server):
   * the data records, formatted per column like the CSV writer does, each
   * ending with LF. Optional so that a source can also be read only by rows.
   */
  copyCsv?(query: ExportQuery, columns: readonly ExportColumn[], options: CsvOptions): AsyncIterable<Buffer>;
}
