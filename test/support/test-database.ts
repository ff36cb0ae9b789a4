import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where e2e tests get their databases. With a PostgreSQL server (TEST_DATABASE_URL,
 * default the local one) every test file gets its own database, cloned from a
 * template that global-setup migrated once, and dropped afterwards. Without a
 * server, global-setup starts one embedded PostgreSQL for the run and the rest is the same.
 */
export const DEFAULT_TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const ENV = {
  serverUrl: 'TRACKER_TEST_SERVER_URL',
  template: 'TRACKER_TEST_TEMPLATE',
} as const;

export function serverUrl(): string | undefined {
  return process.env[ENV.serverUrl] || undefined;
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function withAdminClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function isServerReachable(url: string): Promise<boolean> {
  try {
    await withAdminClient(url, (c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

/** Creates a database cloned from the migrated template; returns its URL. */
export async function createDatabaseFromTemplate(server: string, template: string): Promise<{ url: string; name: string }> {
  const name = uniqueDatabaseName('tracker_test');
  await withAdminClient(server, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { url: databaseUrl(server, name), name };
}

export async function dropDatabase(server: string, name: string): Promise<void> {
  await withAdminClient(server, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
