import { createTestApp, TestApp } from './support/test-app';
import { withAdminClient } from './support/test-database';

/**
 * The service's connections compile nothing just in time (DATABASE_JIT, src/database/data-source-options.ts):
 * PostgreSQL JIT-compiles any statement whose estimated cost passes jit_above_cost, which made the
 * "My work" list of values due take ~500 ms of CPU for ~1 ms of work.
 */
const COSTLY = 'EXPLAIN (FORMAT JSON) SELECT sum(a * b) FROM generate_series(1, 100000000) AS a, generate_series(1, 100) AS b';

/** Reads each of the pool's connections at once, so that more than one is opened. */
const onConnections = (t: TestApp, count: number, sql: string) => Promise.all(Array.from({ length: count }, () => t.sql(sql)));

/** `jit` as a connection that is not the service's sees it: the server's own setting. */
const serverJit = (databaseUrl: string) => withAdminClient(databaseUrl, async (client) => (await client.query<{ jit: string }>('SHOW jit')).rows[0].jit);

describe('JIT compilation on the service’s connections', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('is off on every connection of the pool, whatever the server says', async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '3' });
    const shown = await onConnections(t, 3, 'SHOW jit');
    expect(shown.map(([row]) => row.jit)).toEqual(['off', 'off', 'off']);
    // A statement estimated far above jit_above_cost is planned without JIT.
    expect(JSON.stringify(await t.sql(COSTLY))).not.toContain('"JIT"');
  });

  it('with DATABASE_JIT=true, is the server’s own setting', async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '2', DATABASE_JIT: 'true' });
    const expected = await serverJit(t.databaseUrl);
    const shown = await onConnections(t, 2, 'SHOW jit');
    expect(shown.map(([row]) => row.jit)).toEqual([expected, expected]);
    // Where the server can compile (JIT on, its LLVM provider installed), the statement above is planned with it.
    const [{ available }] = await t.sql<{ available: boolean }>('SELECT pg_jit_available() AS available');
    expect(JSON.stringify(await t.sql(COSTLY)).includes('"JIT"')).toBe(available);
  });
});
