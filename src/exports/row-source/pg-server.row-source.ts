import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import { DataSource, QueryRunner } from 'typeorm';
import { CsvOptions } from '../tabular/csv-options';
import { ExportColumn } from '../tabular/export-column';
import { copyCsvSql } from './copy-csv.sql';
import { orderedSql } from '../../database/sql/ordering';
import { ExportQuery, RowBatch } from '../../database/sql/query';
import { RowSource } from './row-source';
import { inlineParams } from './sql-literals';

/**
 * Every column as PostgreSQL's text output: the CSV writer writes it as it comes,
 * the XLSX writer converts by column type. Skipping node-postgres' per-value
 * parsing, and rows as arrays instead of objects, roughly halve the client's
 * CPU time per row.
 */
const TEXT_AS_IS = { getTypeParser: () => (value: string) => value };

/**
 * A PostgreSQL server: rows through a server-side cursor (pg-query-stream), or
 * CSV straight from COPY, each on a connection of its own taken from TypeORM's
 * pool ('slave': a read replica when DATABASE_REPLICA_URLS has one). One
 * statement and one snapshot per export; the streams' backpressure stops the
 * reading while the destination is behind.
 */
export class PgServerRowSource implements RowSource {
  constructor(
    private readonly db: DataSource,
    private readonly batchSize = 1000,
  ) {}

  async *batches(query: ExportQuery): AsyncGenerator<RowBatch> {
    const runner = this.db.createQueryRunner('slave');
    try {
      const client = await connect(runner);
      const stream = client.query(
        new QueryStream(orderedSql(query), query.params, { batchSize: this.batchSize, highWaterMark: this.batchSize, rowMode: 'array', types: TEXT_AS_IS }),
      );
      try {
        let fields: string[] | null = null;
        // Each turn of the iterator yields one row; take whatever else is already buffered with it.
        for await (const first of stream) {
          // The column names, known once the first row has arrived (pg's Result, exposed by QueryStream).
          fields ??= (stream._result as { fields: { name: string }[] }).fields.map((f) => f.name);
          const rows: unknown[][] = [first as unknown[]];
          let next: unknown;
          while (rows.length < this.batchSize && (next = stream.read()) !== null) rows.push(next as unknown[]);
          yield { fields, rows };
        }
      } finally {
        // Stopping early (client went away) closes the cursor before the connection goes back.
        stream.destroy();
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * The CSV written by PostgreSQL (COPY … TO STDOUT WITH (FORMAT csv)), read
   * through pg-copy-streams: for a million rows about three times faster than
   * formatting cursor rows in JavaScript, and within a few percent of a bare COPY.
   */
  async *copyCsv(query: ExportQuery, columns: readonly ExportColumn[], options: CsvOptions): AsyncGenerator<Buffer> {
    const runner = this.db.createQueryRunner('slave');
    let client: Client | null = null;
    let complete = false;
    try {
      client = await connect(runner);
      const sql = copyCsvSql(query, columns, options, (select) => inlineParams(client as Client, select, query.params));
      for await (const chunk of client.query(copyTo(sql))) yield chunk as Buffer;
      complete = true;
    } finally {
      // A COPY stopped halfway leaves the connection mid-protocol: close it, so the pool drops it.
      if (client && !complete) await client.end().catch(() => undefined);
      await runner.release();
    }
  }
}

async function connect(runner: QueryRunner): Promise<Client> {
  const client = (await runner.connect()) as unknown;
  if (!(client instanceof Client)) throw new Error('PgServerRowSource needs a node-postgres connection');
  return client;
}
