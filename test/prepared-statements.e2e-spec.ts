import { createRecommendation } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The read path's statements run as named prepared statements (src/database/prepared-statements.ts).
 * With a pool of one connection, the test's own SQL runs on the connection the service prepared
 * them on, so pg_prepared_statements shows them.
 */
const PAGE = `{ recommendations(first: 5) { edges { node { code meeting { title } barriers { title } statusHistory { to } } } } }`;

const prepared = (t: TestApp) =>
  t.sql<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'tracker\\_%'`).then((rows) => rows.map((r) => r.statement));

describe('reads as named prepared statements', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('prepares the loaders’ statements once per connection, and keeps answering when a table changes under them', async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '1' });
    await createRecommendation(t);
    const first = await t.gql(PAGE);
    expect(first.errors).toBeUndefined();
    const statements = await prepared(t);
    expect(statements.some((sql) => sql.includes('FROM meeting'))).toBe(true);
    expect(statements.some((sql) => sql.includes('FROM status_change'))).toBe(true);

    // Again: the same statements, not new ones.
    expect((await t.gql(PAGE)).data).toEqual(first.data);
    expect((await prepared(t)).length).toBe(statements.length);

    // Another instance migrates: `SELECT * FROM meeting` now returns another row type, which PostgreSQL
    // refuses to run on the plan it cached ("cached plan must not change result type").
    await t.sql('ALTER TABLE meeting ADD COLUMN prepared_statement_probe integer');
    const afterAdd = await t.gql(PAGE);
    expect(afterAdd.errors).toBeUndefined();
    expect(afterAdd.data).toEqual(first.data);
    await t.sql('ALTER TABLE meeting DROP COLUMN prepared_statement_probe');
    const afterDrop = await t.gql(PAGE);
    expect(afterDrop.errors).toBeUndefined();
    expect(afterDrop.data).toEqual(first.data);
  });

  it('with DATABASE_PREPARED_STATEMENTS=false, sends every statement unnamed', async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '1', DATABASE_PREPARED_STATEMENTS: 'false' });
    await createRecommendation(t);
    const page = await t.gql(PAGE);
    expect(page.errors).toBeUndefined();
    expect(page.data?.recommendations.edges).toHaveLength(1);
    expect(await prepared(t)).toEqual([]);
  });
});
