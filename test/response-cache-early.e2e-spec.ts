import { createHash } from 'node:crypto';
import request from 'supertest';
import { ResponseCacheService } from '../src/response-cache/response-cache.service';
import { createMeeting, createOrganization } from './support/factories';
import { bearer, createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * Repeated queries answered before Apollo (EarlyAnswerMiddleware): the same bytes and headers as
 * Apollo's answers, no statement, the caller's rate limit still charged, and anything it does not
 * know left to Apollo. An early answer is recognised by the plugin not running: the plugin
 * remembers every operation it labels (ResponseCacheService.rememberOperation).
 */
const DASHBOARD = `query Dashboard($first: Int) {
  recommendations(first: $first) { totalCount edges { node { code title status isOverdue } } }
}`;
const ORGANIZATIONS = `query Organizations { organizations { id name } }`;
const admin = { authorization: bearer(TEST_ADMIN_TOKEN) };
/** Headers whose values differ between any two answers. */
const PER_RESPONSE = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'x-sql-statements', 'x-ratelimit-remaining']);

interface Raw {
  status: number;
  text: string;
  headers: Record<string, string>;
  statements: number;
}

async function post(t: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await request(t.app.getHttpServer()).post('/graphql').set({ ...admin, ...headers }).send(body);
  return { status: res.status, text: res.text, headers: res.headers, statements: Number(res.headers['x-sql-statements'] ?? NaN) };
}

function comparable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_RESPONSE.has(name)));
}

describe('GraphQL answers before Apollo (early answers)', () => {
  let t: TestApp;
  let cache: ResponseCacheService;

  beforeAll(async () => {
    t = await createTestApp({ RESPONSE_CACHE: 'true' });
    cache = t.app.get(ResponseCacheService);
    const meeting = await createMeeting(t);
    const org = await createOrganization(t, { kind: 'MINISTRY' });
    await t.gqlOk(`mutation ($m: ID!, $o: ID!) { createRecommendation(input: { title: "Early", kind: QUOTA, meetingId: $m, responsibleOrganizationIds: [$o] }) { id } }`, {
      m: meeting.id,
      o: org.id,
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('sends the bytes and headers Apollo sent, without a statement and without Apollo', async () => {
    const body = { query: DASHBOARD, variables: { first: 50 }, operationName: 'Dashboard' };
    const computed = await post(t, body);
    expect(computed.status).toBe(200);
    expect(computed.statements).toBeGreaterThan(0);
    const remember = jest.spyOn(cache, 'rememberOperation');
    try {
      const warm = await post(t, body);
      expect(remember).not.toHaveBeenCalled();
      expect(warm.status).toBe(200);
      expect(warm.statements).toBe(0);
      expect(warm.text).toBe(computed.text);
      expect(comparable(warm.headers)).toEqual(comparable(computed.headers));
      expect(warm.headers['x-request-id']).toBeDefined();

      const early304 = await post(t, body, { 'if-none-match': computed.headers.etag });
      expect(remember).not.toHaveBeenCalled();
      expect(early304.status).toBe(304);
      expect(early304.statements).toBe(0);

      // The same 304 through Apollo (this process has forgotten the operation): the same headers.
      cache.clearLocal();
      const apollo304 = await post(t, body, { 'if-none-match': computed.headers.etag });
      expect(remember).toHaveBeenCalledTimes(1);
      expect(apollo304.status).toBe(304);
      expect(comparable(early304.headers)).toEqual(comparable(apollo304.headers));
    } finally {
      remember.mockRestore();
    }
  });

  it('answers persisted queries over GET early only with the CSRF header, and never another document or operation', async () => {
    const sha256Hash = createHash('sha256').update(ORGANIZATIONS).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    const registered = await post(t, { query: ORGANIZATIONS, extensions: JSON.parse(extensions) });
    expect(registered.status).toBe(200);
    const remember = jest.spyOn(cache, 'rememberOperation');
    try {
      const get = (headers: Record<string, string>, query: Record<string, string> = {}) =>
        request(t.app.getHttpServer()).get('/graphql').query({ extensions, ...query }).set({ ...admin, ...headers });
      const early = await get({ 'apollo-require-preflight': 'true' });
      expect(early.status).toBe(200);
      expect(early.text).toBe(registered.text);
      expect(remember).not.toHaveBeenCalled();
      // Without Apollo's CSRF header: Apollo refuses it, as before.
      expect((await get({})).status).toBe(400);
      // A hash that does not match the document sent with it: Apollo's error, not an answer.
      const mismatch = await post(t, { query: `${ORGANIZATIONS} `, extensions: JSON.parse(extensions) });
      expect(mismatch.text).toContain('provided sha does not match query');
      // Another operation name in the same document is not the known one: Apollo answers it, with an error.
      const unknownName = await get({ 'apollo-require-preflight': 'true' }, { operationName: 'Other' });
      expect(unknownName.status).not.toBe(200);
      expect(unknownName.headers.etag).toBeUndefined();
    } finally {
      remember.mockRestore();
    }
  });

  it('blocks a form or text POST of a warm query as CSRF, as Apollo blocks a new one', async () => {
    const body = { query: ORGANIZATIONS, operationName: 'Organizations' };
    expect((await post(t, body)).status).toBe(200);
    expect((await post(t, body)).statements).toBe(0); // warm: answered early
    const fresh = `query Fresh { organizations { id } }`;
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent(ORGANIZATIONS)}&operationName=Organizations`],
      ['text/plain', JSON.stringify(body)],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${ORGANIZATIONS}\r\n--x--\r\n`],
    ] as const) {
      for (const query of [ORGANIZATIONS, fresh]) {
        const sent = type === 'application/x-www-form-urlencoded' ? payload.replace(encodeURIComponent(ORGANIZATIONS), encodeURIComponent(query)) : payload;
        const res = await request(t.app.getHttpServer()).post('/graphql').set(admin).set('content-type', type).send(sent);
        expect({ type, query, status: res.status }).toEqual({ type, query, status: 400 });
        expect(res.text).toMatch(/Cross-Site Request Forgery/);
      }
    }
  });

  it('leaves a caller asking for a version above this instance to Apollo', async () => {
    const body = { query: ORGANIZATIONS };
    await post(t, body);
    const remember = jest.spyOn(cache, 'rememberOperation');
    try {
      const ahead = await post(t, body, { 'x-min-data-version': '999999999' });
      expect(ahead.status).toBe(200);
      expect(remember).toHaveBeenCalledTimes(1);
    } finally {
      remember.mockRestore();
    }
  });
});

describe('early answers still count against the rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RESPONSE_CACHE: 'true', RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers TOO_MANY_REQUESTS once the budget is spent, warm or 304 alike', async () => {
    const body = { query: ORGANIZATIONS };
    const computed = await post(t, body);
    expect(computed.status).toBe(200);
    const warm = await post(t, body);
    expect(warm.status).toBe(200);
    expect(warm.statements).toBe(0);
    const revalidated = await post(t, body, { 'if-none-match': computed.headers.etag });
    expect(revalidated.status).toBe(304);
    const refused = await post(t, body, { 'if-none-match': computed.headers.etag });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ extensions: { code: 'TOO_MANY_REQUESTS' } }] });
  });
});
