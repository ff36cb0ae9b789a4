import request from 'supertest';
import { bearer, createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/** GET /graphql as Apollo Client, urql and graphql-request send it, and CORS for browser dashboards (issue 27). */
describe('GET /graphql for common clients, and CORS', () => {
  const ORIGIN = 'https://dashboard.example.org';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${ORIGIN}, https://other.example.org` });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (headers: Record<string, string>) =>
    request(t.app.getHttpServer())
      .get('/graphql')
      .query({ query: 'query Count { meetings { totalCount } }' })
      .set('authorization', bearer(TEST_ADMIN_TOKEN))
      .set(headers);

  it.each([
    ['apollo-require-preflight', { 'apollo-require-preflight': 'true' }],
    ["Apollo Client's x-apollo-operation-name", { 'x-apollo-operation-name': 'Count' }],
    ['a non-simple content type', { 'content-type': 'application/json' }],
  ])('answers a GET with %s', async (_name, headers) => {
    const res = await get(headers);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { meetings: { totalCount: 0 } } });
  });

  it('refuses a GET without any of them, saying which header to send', async () => {
    const res = await get({ 'x-request-id': 'get-refused' });
    expect(res.status).toBe(400);
    const [error] = (res.body as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors;
    expect(error.message).toContain('apollo-require-preflight');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'get-refused' });
  });

  it('lets an allowed origin send the clients’ headers (preflight)', async () => {
    const res = await request(t.app.getHttpServer())
      .options('/graphql')
      .set('origin', ORIGIN)
      .set('access-control-request-method', 'GET')
      .set(
        'access-control-request-headers',
        'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, apollographql-client-name, apollographql-client-version, if-none-match, x-request-id',
      );
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    const allowed = res.headers['access-control-allow-headers'].split(',').map((header: string) => header.trim());
    for (const header of ['apollo-require-preflight', 'x-apollo-operation-name', 'apollographql-client-name', 'apollographql-client-version', 'if-none-match']) {
      expect(allowed).toContain(header);
    }
  });

  it('exposes etag, x-request-id and the rate-limit headers to an allowed origin', async () => {
    const res = await get({ origin: ORIGIN, 'apollo-require-preflight': 'true' });
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    const exposed = res.headers['access-control-expose-headers'].split(',').map((header: string) => header.trim());
    for (const header of ['etag', 'x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      expect(exposed).toContain(header);
    }
  });

  it('gives no CORS headers to an origin not in CORS_ORIGINS', async () => {
    const res = await get({ origin: 'https://evil.example.com', 'apollo-require-preflight': 'true' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
