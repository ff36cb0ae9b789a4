import { DataSource } from 'typeorm';
import { KeysetBatchRowSource } from './keyset-batch.row-source';
import { PgServerRowSource } from './pg-server.row-source';
import { RowSource } from './row-source';

/**
 * The row source the database supports: a cursor over node-postgres when the
 * DataSource talks to a PostgreSQL server, keyset batches on the in-process
 * embedded database (configured with its own `driver`, see embedded-postgres.ts).
 */
export function rowSourceFor(db: DataSource): RowSource {
  const embedded = (db.options as { driver?: unknown }).driver !== undefined;
  return embedded ? new KeysetBatchRowSource(db) : new PgServerRowSource(db);
}
