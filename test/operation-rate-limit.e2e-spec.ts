import { bearer, createTestApp, TestApp } from './support/test-app';

/** The rate limit is checked once per GraphQL operation, before it executes (issue 27). */
describe('rate limit once per operation', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  const organizations = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM organization'))[0].n;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const { createApiToken } = await t.gqlOk<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(input: { name: "editor script", role: EDITOR }) { token } }',
    );
    editor = { authorization: bearer(createApiToken.token) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets an operation with more root fields than the budget in and runs it to the end', async () => {
    const before = await organizations();
    const res = await t.gql(
      `mutation {
        a: createOrganization(input: { name: "Org A", kind: NGO }) { id }
        b: createOrganization(input: { name: "Org B", kind: NGO }) { id }
        c: createOrganization(input: { name: "Org C", kind: NGO }) { id }
      }`,
      undefined,
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(Object.keys(res.data!)).toEqual(['a', 'b', 'c']);
    expect(await organizations()).toBe(before + 3);
  });

  it('refuses an operation over the limit whole, before it writes anything', async () => {
    const second = await t.gql('{ organizations { id } }', undefined, editor);
    expect(second.errors).toBeUndefined();
    const before = await organizations();
    const refused = await t.gql('mutation { createOrganization(input: { name: "Org D", kind: NGO }) { id } }', undefined, editor);
    expect(refused.status).toBe(429);
    expect(refused.data).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: expect.any(Number) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await organizations()).toBe(before);
    expect(await t.sql("SELECT count(*)::int AS n FROM audit_entry WHERE action LIKE 'organization.%' AND after::text LIKE '%Org D%'")).toEqual([{ n: 0 }]);
  });
});
