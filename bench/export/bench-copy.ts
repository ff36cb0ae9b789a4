import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { orderedSql } from '../../src/database/sql/ordering';
import { ExportQuery } from '../../src/database/sql/query';
import { inlineParams } from '../../src/exports/row-source/sql-literals';

/** COPY takes no parameters: the export's SQL with its parameters written in. */
function inlined(client: Client, query: ExportQuery): string {
  return inlineParams(client, orderedSql(query), query.params);
}

/**
 * PostgreSQL's own CSV of exactly the export's rows: `COPY (same SELECT) TO
 * STDOUT WITH CSV`, read through pg-copy-streams and thrown away. Returns seconds.
 */
export async function timeCopy(db: DataSource, query: ExportQuery): Promise<{ seconds: number; bytes: number }> {
  const runner = db.createQueryRunner();
  try {
    const client = (await runner.connect()) as Client;
    const started = process.hrtime.bigint();
    let bytes = 0;
    const discard = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    await pipeline(client.query(copyTo(`COPY (${inlined(client, query)}) TO STDOUT WITH (FORMAT csv, HEADER)`)), discard);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes };
  } finally {
    await runner.release();
  }
}
