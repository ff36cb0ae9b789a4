import { createHash } from 'node:crypto';
import { DataSource, QueryFailedError, QueryRunner } from 'typeorm';

/**
 * Named (server-side) prepared statements for the read path's own SQL (readQuery: the DataLoader
 * batches, the progress figures, the pages' lists). A statement sent unnamed is parsed and planned
 * by PostgreSQL on every execution: for the uncached dashboard, parsing and planning were about half
 * of PostgreSQL's time per request, on the cores the service shares with it. Named, each is parsed
 * once per connection; how it is planned stays PostgreSQL's choice (plan_cache_mode = auto: a cached
 * generic plan once one is no worse than the custom ones; for the dashboard's statements it keeps
 * custom plans, which forcing generic ones showed to execute faster).
 *
 * The statements are few and their texts fixed (parameters are `$n`, lists are arrays), so each text
 * gets a name from its hash; past MAX_NAMED distinct texts in a process, further ones run unnamed,
 * which bounds what each connection keeps. DATABASE_PREPARED_STATEMENTS=false turns it off (a
 * transaction-pooling PgBouncer before 1.21 does not keep prepared statements across transactions).
 */
const MAX_NAMED = 256;

/** SQLSTATE 0A000 "cached plan must not change result type": a `SELECT *` whose table changed under a running service. */
const STALE_PLAN = '0A000';

const names = new Map<string, string>();
const disabled = new WeakSet<DataSource>();
let renamed = 0;

/** Statements on `db` run unnamed, as TypeORM sends them (DATABASE_PREPARED_STATEMENTS=false). */
export function disablePreparedStatements(db: DataSource): void {
  disabled.add(db);
}

function nameOf(sql: string): string | undefined {
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `tracker_${createHash('sha1').update(sql).digest('base64url').slice(0, 22)}`;
    names.set(sql, name);
  }
  return name;
}

/** The minimal part of node-postgres's client this uses. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one read-only statement on `runner`'s connection as a named prepared statement, with what
 * TypeORM's own query() does around it: the statement logged (and so counted per request), slow
 * statements logged, failures logged and thrown as QueryFailedError (which the error filter maps).
 */
export async function queryPrepared<R>(db: DataSource, runner: QueryRunner, sql: string, parameters: unknown[], retried = false): Promise<R[]> {
  const name = disabled.has(db) ? undefined : nameOf(sql);
  if (!name) return (await runner.query(sql, parameters)) as R[];
  const client = (await runner.connect()) as PgClient;
  db.logger.logQuery(sql, parameters, runner);
  const started = Date.now();
  try {
    const { rows } = await client.query({ name, text: sql, values: parameters });
    const took = Date.now() - started;
    const slowAfter = db.options.maxQueryExecutionTime;
    if (slowAfter && took > slowAfter) db.logger.logQuerySlow(took, sql, parameters, runner);
    return rows as R[];
  } catch (error) {
    if ((error as { code?: string }).code === STALE_PLAN && !retried) {
      // The table's columns changed since this connection prepared it (a migration by another
      // instance): the text gets a new name, which every connection prepares afresh, once.
      if (names.get(sql) === name) names.set(sql, `${name.slice(0, 30)}_${++renamed}`);
      return queryPrepared(db, runner, sql, parameters, true);
    }
    db.logger.logQueryError(error as Error, sql, parameters, runner);
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}
