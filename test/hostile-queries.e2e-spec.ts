import request from 'supertest';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** A query `depth` fields deep: meetings > edges > node > recommendations > meeting > recommendations ... > id. */
const nested = (depth: number) => {
  let selection = 'id';
  for (let level = depth - 4; level > 0; level--) {
    selection = level % 2 ? `recommendations { ${selection} }` : `meeting { ${selection} }`;
  }
  return `{ meetings(first: 1) { edges { node { ${selection} } } } }`;
};

describe('defences against hostile queries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_MAX_DEPTH: '10', GRAPHQL_MAX_COMPLEXITY: '5000', GRAPHQL_MAX_ROOT_FIELDS: '5', REQUEST_BODY_LIMIT: '20kb' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a query deeper than the limit before any resolver runs', async () => {
    const ok = await t.gql(nested(10));
    expect(ok.errors).toBeUndefined();
    const res = await t.gql(nested(11));
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subcode: 'QUERY_TOO_COMPLEX', limit: 'maxDepth' });
    expect(res.errors![0].message).toBe('the query is 11 levels deep; at most 10 are allowed');
    expect(res.statements).toBe(0);
  });

  it('refuses a query whose estimated cost is over the limit, counting list sizes from first', async () => {
    // Sixty fields per node: 1 node costs about 60, 100 about 6,000 (unpaginated lists cost what the data holds, see bounded-answers).
    const query = `query ($first: Int) { recommendations(first: $first) { edges { node {
      ${Array.from({ length: 60 }, (_, i) => `f${i}: code`).join(' ')} } } } }`;
    const small = await t.gql(query, { first: 1 });
    expect(small.errors).toBeUndefined();
    const big = await t.gql(query, { first: 100 });
    expect(big.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subcode: 'QUERY_TOO_COMPLEX', limit: 'maxComplexity' });
    expect(big.errors![0].message).toMatch(/estimated cost is \d+; at most 5000/);
    expect(big.statements).toBe(0);
    // Verdicts are remembered per document and variables: asked again, in any order, the answers stay.
    const again = await t.gql(query, { first: 100 });
    expect(again.errors![0]).toMatchObject({ message: big.errors![0].message, extensions: { limit: 'maxComplexity' } });
    expect(again.statements).toBe(0);
    expect((await t.gql(query, { first: 1 })).errors).toBeUndefined();
  });

  it('bounds the number of root fields, aliases included', async () => {
    const five = `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: organizations { id }`).join(' ')} }`;
    expect((await t.gql(five)).errors).toBeUndefined();
    const six = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: organizations { id }`).join(' ')} }`;
    const res = await t.gql(six);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxRootFields' });
  });

  it('does not accept batched operations', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('authorization', bearer(t.adminToken))
      .send([{ query: '{ organizations { id } }' }, { query: '{ people { id } }' }]);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('"organizations"');
  });

  it('refuses a body over the size limit', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('authorization', bearer(t.adminToken))
      .send({ query: `{ organizations { id } } # ${'x'.repeat(30_000)}` });
    expect(res.status).toBe(413);
  });

  it('caps page sizes as the contract says', async () => {
    const res = await t.gql('{ recommendations(first: 1000) { totalCount } }');
    expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sends security headers', async () => {
    const res = await request(t.app.getHttpServer()).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS, introspection and suggestions in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', CORS_ORIGINS: 'https://dashboard.example.kg' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hides the schema from anonymous callers (introspection needs a token), and says no "did you mean"', async () => {
    const introspection = await t.gql('{ __schema { types { name } } }', {}, { authorization: '' });
    expect(introspection.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const typo = await t.gql('{ organisations { id } }');
    expect(typo.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = await request(t.app.getHttpServer()).options('/graphql').set('origin', 'https://dashboard.example.kg').set('access-control-request-method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.example.kg');
    const other = await request(t.app.getHttpServer()).options('/graphql').set('origin', 'https://evil.example').set('access-control-request-method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('limits each token, answers TOO_MANY_REQUESTS with Retry-After, and keeps other callers unaffected', async () => {
    const limited = await createTestApp({ PUBLIC_READ: 'true', RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' });
    try {
      const { createApiToken } = await limited.gqlOk(
        'mutation { createApiToken(input: { name: "script", role: VIEWER }) { token } }',
      );
      const as = { authorization: bearer(createApiToken.token) };
      const codes: string[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 4; i++) {
        const res = await limited.gql('{ organizations { id } }', {}, as);
        codes.push(res.errors?.[0].extensions?.code ?? 'OK');
        if (res.errors) {
          retryAfter = res.headers['retry-after'];
          expect(res.errors[0].extensions?.retryAfter).toEqual(expect.any(Number));
          expect(res.errors[0].message).toMatch(/rate limit of 3 requests per 60 s/);
        }
      }
      expect(codes).toEqual(['OK', 'OK', 'OK', 'TOO_MANY_REQUESTS']);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Anonymous readers are counted per IP, with their own (lower) budget.
      const anonymous = [];
      for (let i = 0; i < 3; i++) anonymous.push(await limited.gql('{ organizations { id } }', {}, { authorization: '' }));
      expect(anonymous.map((r) => r.errors?.[0].extensions?.code ?? 'OK')).toEqual(['OK', 'OK', 'TOO_MANY_REQUESTS']);
    } finally {
      await limited.close();
    }
  });
});
