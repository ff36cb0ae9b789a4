import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../../config/environment';
import { buildDataSourceOptions } from '../data-source-options';
import { EmbeddedPostgres, holdsPGliteDatabase } from '../embedded-postgres';

/**
 * `npm run embedded:upgrade`: moves a DATA_DIR written by the earlier embedded
 * engine (PGlite, PostgreSQL in WASM) into the embedded PostgreSQL server.
 *
 * 1. PGlite's files move aside into DATA_DIR/pglite-old (nothing is deleted).
 * 2. PGlite's own pg_dump (@electric-sql/pglite-tools) dumps the database.
 * 3. A fresh cluster is created in DATA_DIR/postgres and the dump restored
 *    into it; pending migrations run; the trigram search indexes PGlite could
 *    not have are added (as the ListIndexes migration does where pg_trgm exists).
 * 4. Every table's row count is compared between the two. On any difference or
 *    error the new cluster is removed and PGlite's files move back.
 *
 * PGlite is loaded only here, lazily: the service itself never loads it.
 */
const OLD_DIR = 'pglite-old';
/** Files of ours that live next to the database and stay where they are. */
const KEEP_IN_PLACE = new Set(['first-admin-token.txt', 'service.pid', 'postgres', OLD_DIR]);

export interface UpgradeResult {
  tables: { table: string; rows: number }[];
  oldDir: string;
}

export async function upgradePGliteDataDir(dataDirInput: string, osUser: string, log: (message: string) => void): Promise<UpgradeResult> {
  const dataDir = resolve(dataDirInput);
  if (!holdsPGliteDatabase(dataDir)) {
    throw new Error(`DATA_DIR ${dataDir} holds no PGlite database: nothing to upgrade`);
  }
  const oldDir = join(dataDir, OLD_DIR);
  if (existsSync(oldDir)) throw new Error(`${oldDir} exists already (an earlier upgrade?); move it away first`);
  if (existsSync(join(dataDir, 'postgres'))) throw new Error(`${join(dataDir, 'postgres')} exists already; move it away first`);
  const moved = readdirSync(dataDir).filter((entry) => !KEEP_IN_PLACE.has(entry));
  mkdirSync(oldDir);
  for (const entry of moved) renameSync(join(dataDir, entry), join(oldDir, entry));
  const server = new EmbeddedPostgres({
    dataDir,
    osUser,
    log: (level, message) => {
      if (level !== 'log' || !message.startsWith('postgres:')) log(message);
    },
  });
  // Loaded here only: the service itself never needs the WASM engine.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
  const pglite = await PGlite.create({ dataDir: oldDir });
  try {
    log(`dumping the PGlite database in ${oldDir}`);
    const dump = await pgDump({ pg: pglite, args: ['--inserts', '--rows-per-insert=500', '--no-owner', '--no-privileges', '--quote-all-identifiers'] });
    const sql = restorableSql(await dump.text());
    const before = await rowCounts((text) => pglite.query<{ table: string; rows: number }>(text).then((r) => r.rows));

    const connection = await server.start();
    const client = new Client({ host: connection.host, port: connection.port, user: connection.user, database: connection.database });
    await client.connect();
    try {
      log('restoring into the embedded PostgreSQL');
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('COMMIT');
      await client.query(`SET search_path = public`);
      await migrate(connection);
      await addTrigramIndexes(client);
      const after = await rowCounts((text) => client.query<{ table: string; rows: number }>(text).then((r) => r.rows));
      const differences = before.filter((t) => after.find((a) => a.table === t.table)?.rows !== t.rows);
      if (differences.length) {
        throw new Error(`row counts differ after the restore: ${differences.map((d) => `${d.table} ${d.rows} before, ${after.find((a) => a.table === d.table)?.rows ?? 'missing'} after`).join('; ')}`);
      }
      log(`verified: ${before.length} tables, the same row counts (${before.reduce((n, t) => n + t.rows, 0)} rows)`);
      return { tables: before, oldDir };
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.stop();
    rmSync(join(dataDir, 'postgres'), { recursive: true, force: true });
    await pglite.close().catch(() => undefined);
    for (const entry of moved) renameSync(join(oldDir, entry), join(dataDir, entry));
    rmSync(oldDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (!pglite.closed) await pglite.close();
    await server.stop();
  }
}

/** psql meta-commands (pg_dump 17.6+ writes \restrict … \unrestrict) are not SQL. */
function restorableSql(dump: string): string {
  return dump
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
}

/** Rows per table of the public schema, counted exactly. */
async function rowCounts(query: (sql: string) => Promise<{ table: string; rows: number }[]>): Promise<{ table: string; rows: number }[]> {
  const tables = await query(`SELECT tablename AS "table", 0 AS rows FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  if (!tables.length) return [];
  const counts = await query(tables.map((t) => `SELECT '${t.table}' AS "table", count(*)::int AS rows FROM public."${t.table}"`).join(' UNION ALL '));
  return counts.map((c) => ({ table: c.table, rows: Number(c.rows) })).sort((a, b) => a.table.localeCompare(b.table));
}

/** Migrations the PGlite database had not run yet, as the service would run them at start. */
async function migrate(connection: { host: string; port: number; user: string; database: string }): Promise<void> {
  const db = new DataSource(buildDataSourceOptions({ DATABASE_URL: undefined, DATABASE_POOL_SIZE: 1 }, connection));
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await db.destroy();
  }
}

async function addTrigramIndexes(client: Client): Promise<void> {
  await client.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  // As migrations/…-TranslatableContent creates them: every locale's text through translations_text().
  await client.query(
    `CREATE INDEX IF NOT EXISTS "IDX_recommendation_search_trgm" ON "recommendation" USING gin ("code" gin_trgm_ops, translations_text("title") gin_trgm_ops, translations_text("description") gin_trgm_ops)`,
  );
  await client.query(
    `CREATE INDEX IF NOT EXISTS "IDX_indicator_search_trgm" ON "indicator" USING gin ("code" gin_trgm_ops, translations_text("name") gin_trgm_ops)`,
  );
}

async function main(): Promise<void> {
  Logger.overrideLogger(['log', 'warn', 'error']);
  if (existsSync('.env') && process.env.NODE_ENV !== 'test') process.loadEnvFile('.env');
  const env = validateEnvironment(process.env);
  if (env.DATABASE_URL) throw new Error('DATABASE_URL is set: the upgrade is for the embedded database under DATA_DIR; unset it');
  const logger = new Logger('EmbeddedUpgrade');
  const result = await upgradePGliteDataDir(env.DATA_DIR, env.EMBEDDED_POSTGRES_OS_USER, (message) => logger.log(message));
  for (const t of result.tables) logger.log(`  ${t.table}: ${t.rows}`);
  logger.log(`done. The PGlite files are kept in ${result.oldDir}; delete that folder once the service runs as expected.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
