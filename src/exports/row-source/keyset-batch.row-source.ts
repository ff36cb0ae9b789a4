import { DataSource } from 'typeorm';
import { ExportQuery, keysetPageSql, Row, RowBatch } from './export-query';
import { RowSource } from './row-source';

/**
 * For the embedded database (PGlite), which has no node-postgres client to
 * hold a cursor: the rows in keyset-paginated batches, one query per batch.
 * Memory stays bounded by the batch size, and because each batch is its own
 * query, other requests get the single embedded connection between batches.
 * (Rows written while the export runs may or may not be included.)
 */
export class KeysetBatchRowSource implements RowSource {
  constructor(
    private readonly db: DataSource,
    private readonly batchSize = 5000,
  ) {}

  async *batches(query: ExportQuery): AsyncGenerator<RowBatch> {
    let after: unknown[] | null = null;
    for (;;) {
      const page = keysetPageSql(query, after, this.batchSize);
      const rows: Row[] = await this.db.query(page.sql, page.params);
      if (rows.length > 0) {
        const fields = Object.keys(rows[0]);
        yield { fields, rows: rows.map((row) => fields.map((field) => row[field])) };
      }
      if (rows.length < this.batchSize) return;
      const last = rows[rows.length - 1];
      after = query.orderBy.map((key) => last[key.column]);
    }
  }
}
