/**
 * Tables that hold the running processes' state, not data: each working instance leases its job
 * worker pool in job_worker_lease while it runs, so a restored copy started beside the original
 * holds one more lease, as it should.
 */
const PROCESS_STATE_TABLES = ['job_worker_lease'];

/** Every data table's row count and a checksum of its rows (as text, in UTC). */
export async function tableChecksums(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, string>> {
  await query(`SET TimeZone = 'UTC'`);
  const tables = (await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`))
    .map((r) => r.tablename as string)
    .filter((table) => !PROCESS_STATE_TABLES.includes(table));
  const result: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM public."${table}" t`);
    result[table] = `${Number(row.n)}:${String(row.sum)}`;
  }
  return result;
}
