import { DataSource } from 'typeorm';
import { queryPrepared } from './prepared-statements';

/**
 * Where a request's bulk reads go when read replicas are configured
 * (DATABASE_REPLICA_URLS). Reads go to a replica, which may lag behind the
 * primary by a little. A mutation's answer, though, must show what the mutation
 * just wrote: the GraphQL layer marks a mutation's request (its per-request
 * loader registry) with `readFromPrimary`, and every loader of that request then
 * reads from the primary. Without replicas both modes are the one database.
 */
const primaryRequests = new WeakSet<object>();

/** Marks a request (by its per-request key, the loader registry) as reading from the primary. */
export function readFromPrimary(request: object): void {
  primaryRequests.add(request);
}

export function readsFromPrimary(request: object | null | undefined): boolean {
  return !!request && primaryRequests.has(request);
}

/**
 * Runs one read-only statement outside any transaction: on a replica, or on the
 * primary when `request` was marked by a mutation. (A bare `dataSource.query()`
 * always uses the primary; query builders and repositories use a replica.) It runs
 * as a named prepared statement (see prepared-statements.ts).
 */
export async function readQuery<R = Record<string, unknown>>(
  db: DataSource,
  request: object | null,
  sql: string,
  parameters: unknown[] = [],
): Promise<R[]> {
  const runner = db.createQueryRunner(readsFromPrimary(request) ? 'master' : 'slave');
  try {
    return await queryPrepared<R>(db, runner, sql, parameters);
  } finally {
    await runner.release();
  }
}
