import type { ClientConfig } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * Where the primary is, as the pg driver takes it, for what needs connections of its own beside
 * the application's pool (the job queue's workers, LISTEN connections): the URL, the primary of a
 * replicated setup, or the embedded server's socket.
 */
export function primaryConnectionConfig(db: DataSource): ClientConfig {
  const options = db.options as PostgresConnectionOptions;
  const url = options.url ?? options.replication?.master.url;
  if (url) return { connectionString: url };
  return {
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
  };
}
