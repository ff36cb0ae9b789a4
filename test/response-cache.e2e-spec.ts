import { createHash } from 'node:crypto';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { ResponseCacheService } from '../src/response-cache/response-cache.service';
import { waitForVersion } from './support/data-version';
import { createMeeting, createOrganization } from './support/factories';
import { REDIS_URL, redisAnswers, redisTest, testRedisPrefix } from './support/redis';
import { bearer, createTestApp, TestApp } from './support/test-app';

const DASHBOARD = `query Dashboard($first: Int) {
  recommendations(first: $first) { totalCount edges { node { code title status isOverdue } } }
}`;
const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`;
const CREATE_RECOMMENDATION = `mutation ($m: ID!, $o: ID!, $title: String!) {
  createRecommendation(input: { title: $title, kind: QUOTA, meetingId: $m, responsibleOrganizationIds: [$o] }) { id }
}`;

interface Answer {
  status: number;
  etag?: string;
  cacheControl?: string;
  dataVersion?: string;
  statements: number;
  body: { data?: { recommendations?: { totalCount: number; edges: { node: { title: string } }[] } } | null; errors?: { extensions?: { code?: string } }[] };
}

async function post(t: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const res = await request(t.app.getHttpServer()).post('/graphql').set(headers).send({ query, variables });
  return answer(res);
}

function answer(res: request.Response): Answer {
  return {
    status: res.status,
    etag: res.headers.etag,
    cacheControl: res.headers['cache-control'],
    dataVersion: res.headers['x-data-version'],
    statements: Number(res.headers['x-sql-statements'] ?? NaN),
    body: res.body as Answer['body'],
  };
}

describe('GraphQL response cache, ETag and 304', () => {
  let t: TestApp;
  let other: TestApp;
  let meetingId: string;
  let orgA: string;
  let orgB: string;
  let ministryA: string;
  let ministryB: string;
  let analyst: string;
  const admin = { authorization: bearer('test-admin-token-0123456789-abcdefghijklmnop') };

  const addRecommendation = async (app: TestApp, title: string) => {
    const res = await post(app, CREATE_RECOMMENDATION, { m: meetingId, o: orgA, title }, admin);
    expect(res.body.errors).toBeUndefined();
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_READ: 'true', RESPONSE_CACHE: 'true' });
    meetingId = (await createMeeting(t)).id;
    orgA = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    orgB = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    const token = async (input: Record<string, unknown>) =>
      ((await t.gqlOk(CREATE_TOKEN, { input })).createApiToken as { token: string }).token;
    ministryA = await token({ name: 'ministry-a', role: 'MINISTRY', organizationId: orgA });
    ministryB = await token({ name: 'ministry-b', role: 'MINISTRY', organizationId: orgB });
    analyst = await token({ name: 'analyst', role: 'ANALYST' });
    await addRecommendation(t, 'first');
    // A second instance on the same database (its own process cache), as behind a load balancer.
    other = await createTestApp({ PUBLIC_READ: 'true', RESPONSE_CACHE: 'true' }, { databaseUrl: t.databaseUrl });
  });

  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('labels a query answer with an ETag and answers If-None-Match with 304 without a statement (the version is in memory)', async () => {
    const first = await post(t, DASHBOARD, { first: 50 }, admin);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.cacheControl).toBe('private, no-cache');
    expect(first.body.data?.recommendations?.totalCount).toBe(1);

    const revalidated = await post(t, DASHBOARD, { first: 50 }, { ...admin, 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.etag).toBe(first.etag);
    expect(revalidated.statements).toBe(0);

    const warm = await post(t, DASHBOARD, { first: 50 }, admin);
    expect(warm.status).toBe(200);
    expect(warm.statements).toBe(0);
    expect(warm.body).toEqual(first.body);

    // Other variables are another entry.
    const otherVariables = await post(t, DASHBOARD, { first: 10 }, admin);
    expect(otherVariables.etag).not.toBe(first.etag);
    expect(otherVariables.statements).toBeGreaterThan(0);
  });

  it('never shares an entry between two organisations, another role or anonymous readers', async () => {
    const callers: Record<string, string>[] = [
      { authorization: bearer(ministryA) },
      { authorization: bearer(ministryB) },
      { authorization: bearer(analyst) },
      {},
    ];
    const etags: string[] = [];
    const cache = t.app.get(ResponseCacheService);
    for (const headers of callers) {
      const entries = cache.size;
      const first = await post(t, DASHBOARD, { first: 50 }, headers);
      expect(first.status).toBe(200);
      expect(first.etag).toBeDefined();
      // Computed and stored for this scope alone.
      expect(cache.size).toBe(entries + 1);
      etags.push(first.etag!);
      const again = await post(t, DASHBOARD, { first: 50 }, headers);
      expect(again.etag).toBe(first.etag);
      // Only the caller's identification (the version is in memory).
      expect(again.statements).toBeLessThan(first.statements);
      expect(again.statements).toBeLessThanOrEqual(2);
    }
    expect(new Set(etags).size).toBe(callers.length);
    // Another organisation's ETag is not this caller's: it executes rather than answer 304.
    const crossed = await post(t, DASHBOARD, { first: 50 }, { authorization: bearer(ministryB), 'if-none-match': etags[0] });
    expect(crossed.status).toBe(200);
  });

  it('keys answers by the negotiated content locale: Russian and English answers are never mixed up', async () => {
    const created = await t.gqlOk(
      `mutation ($m: ID!, $o: ID!) { createRecommendation(input: {
         titleTranslations: [{ locale: EN, text: "Cached in English" }, { locale: RU, text: "Кэш по-русски" }],
         kind: QUOTA, meetingId: $m, responsibleOrganizationIds: [$o] }) { id } }`,
      { m: meetingId, o: orgA },
    );
    const id = (created.createRecommendation as { id: string }).id;
    const QUERY = `query ($id: ID!) { recommendation(id: $id) { title titleLocale } }`;
    const ask = (acceptLanguage: string) => post(t, QUERY, { id }, { ...admin, 'accept-language': acceptLanguage });
    const ru = await ask('ru');
    const en = await ask('en');
    const ruAgain = await ask('ru-RU;q=0.9, en;q=0.5');
    const enAgain = await ask('en-GB');
    expect(ru.body).toEqual({ data: { recommendation: { title: 'Кэш по-русски', titleLocale: 'RU' } } });
    expect(en.body).toEqual({ data: { recommendation: { title: 'Cached in English', titleLocale: 'EN' } } });
    expect(ru.etag).not.toBe(en.etag);
    // Served from the cache (no statement: the version is in memory), each in its own language.
    expect(ruAgain.body).toEqual(ru.body);
    expect(ruAgain.etag).toBe(ru.etag);
    expect(ruAgain.statements).toBe(0);
    expect(enAgain.body).toEqual(en.body);
    expect(enAgain.etag).toBe(en.etag);
    // An English ETag does not revalidate a Russian request.
    const crossed = await post(t, QUERY, { id }, { ...admin, 'accept-language': 'ru', 'if-none-match': en.etag! });
    expect(crossed.status).toBe(200);
    expect(crossed.body).toEqual(ru.body);
    const res = await request(t.app.getHttpServer()).post('/graphql').set({ ...admin, 'accept-language': 'ru' }).send({ query: QUERY, variables: { id } });
    expect(res.headers.vary).toMatch(/Accept-Language/i);
    expect(res.headers['content-language']).toBe('ru');
  });

  it('sends public caching headers to anonymous readers and private ones to tokens', async () => {
    const anonymous = await post(t, DASHBOARD, { first: 50 }, {});
    expect(anonymous.cacheControl).toBe('public, max-age=10, stale-while-revalidate=20');
    const token = await post(t, DASHBOARD, { first: 50 }, { authorization: bearer(analyst) });
    expect(token.cacheControl).toBe('private, no-cache');
  });

  it('shows a write at the next query, on the same and on another instance, with the version the mutation returned', async () => {
    const before = await post(t, DASHBOARD, { first: 50 }, admin);
    const onOtherBefore = await post(other, DASHBOARD, { first: 50 }, admin);
    expect(onOtherBefore.etag).toBe(before.etag);

    const write = await addRecommendation(t, 'second');
    expect(Number(write.dataVersion)).toBeGreaterThan(Number(before.dataVersion));
    expect(write.cacheControl).toBe('no-store');

    // The writing instance knows its version before answering the write; the other learns it by
    // NOTIFY, within the notification's delivery time.
    await waitForVersion(other, write.dataVersion!);
    for (const app of [t, other]) {
      const stale = await post(app, DASHBOARD, { first: 50 }, { ...admin, 'if-none-match': before.etag! });
      expect(stale.status).toBe(200);
      expect(stale.etag).not.toBe(before.etag);
      expect(stale.dataVersion).toBe(write.dataVersion);
      expect(stale.body.data?.recommendations?.totalCount).toBe(before.body.data!.recommendations!.totalCount + 1);
      const withMin = await post(app, DASHBOARD, { first: 50 }, { ...admin, 'x-min-data-version': write.dataVersion! });
      expect(withMin.body.data?.recommendations?.edges.map((e) => e.node.title)).toContain('second');
    }
  });

  it('drops the entries of older versions when a write advances the version, on the writing and on another instance', async () => {
    await post(t, DASHBOARD, { first: 50 }, admin);
    await post(other, DASHBOARD, { first: 50 }, admin);
    const caches = [t, other].map((app) => app.app.get(ResponseCacheService));
    for (const cache of caches) expect(cache.size).toBeGreaterThan(0);
    const write = await addRecommendation(t, 'third');
    await waitForVersion(other, write.dataVersion!);
    // Unreachable once the version moved on (their keys carry the old one): none is kept.
    for (const cache of caches) expect(cache.size).toBe(0);
    // The newer version's answers are cached again, and answered from the cache.
    const first = await post(t, DASHBOARD, { first: 50 }, admin);
    expect(caches[0].size).toBe(1);
    const again = await post(t, DASHBOARD, { first: 50 }, admin);
    expect(again.etag).toBe(first.etag);
    expect(again.statements).toBeLessThan(first.statements);
    expect(again.body).toEqual(first.body);
  });

  it('keys answers by the date in APP_TIMEZONE, so they change at midnight', async () => {
    const today = await post(t, DASHBOARD, { first: 50 }, admin);
    const clock = t.app.get(Clock);
    const spy = jest.spyOn(clock, 'today').mockReturnValue('2099-01-01');
    try {
      const tomorrow = await post(t, DASHBOARD, { first: 50 }, { ...admin, 'if-none-match': today.etag! });
      expect(tomorrow.status).toBe(200);
      expect(tomorrow.etag).not.toBe(today.etag);
      expect(tomorrow.statements).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('never caches nor labels errors', async () => {
    // Past the page-size cap: refused by validation in the resolver, after the label was made.
    const variables = { first: 1000 };
    for (let i = 0; i < 2; i++) {
      const res = await post(t, DASHBOARD, variables, admin);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.etag).toBeUndefined();
      expect(res.cacheControl).toBe('no-store');
      // Refused before any statement: the label costs none.
      expect(res.statements).toBe(0);
    }
    expect(t.app.get(ResponseCacheService).size).toBeGreaterThan(0);
    // An unauthenticated caller is refused with its code, not answered from anyone's entry.
    const refused = await post(t, DASHBOARD, { first: 50 }, { authorization: bearer('not-a-token') });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.etag).toBeUndefined();
  });

  it('accepts queries over GET with automatic persisted queries, keeps CSRF prevention, refuses mutations', async () => {
    const sha256Hash = createHash('sha256').update(DASHBOARD).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    const variables = JSON.stringify({ first: 50 });
    const get = (headers: Record<string, string>) =>
      request(t.app.getHttpServer()).get('/graphql').query({ extensions, variables, operationName: 'Dashboard' }).set(headers);

    const unknown = await get({ ...admin, 'apollo-require-preflight': 'true' });
    expect((unknown.body as Answer['body']).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Registered by a POST with the document and its hash, as Apollo clients do.
    const registered = await request(t.app.getHttpServer())
      .post('/graphql')
      .set(admin)
      .send({ query: DASHBOARD, variables: { first: 50 }, operationName: 'Dashboard', extensions: JSON.parse(extensions) });
    expect(registered.status).toBe(200);

    const byHash = answer(await get({ ...admin, 'apollo-require-preflight': 'true' }));
    expect(byHash.status).toBe(200);
    expect(byHash.body.data?.recommendations?.totalCount).toBeGreaterThan(0);
    expect(byHash.etag).toBe(registered.headers.etag);
    expect(byHash.statements).toBe(0);
    const notModified = answer(await get({ ...admin, 'apollo-require-preflight': 'true', 'if-none-match': byHash.etag! }));
    expect(notModified.status).toBe(304);
    expect(notModified.statements).toBe(0);

    // CSRF prevention: a GET without a preflight-forcing header is refused.
    const simple = await get(admin);
    expect(simple.status).toBe(400);
    // Never a mutation over GET.
    const mutation = await request(t.app.getHttpServer())
      .get('/graphql')
      .query({ query: 'mutation { revokeApiToken(id: "x") { id } }' })
      .set({ ...admin, 'apollo-require-preflight': 'true' });
    expect(mutation.status).toBe(405);
  });
});

describe('GraphQL response cache turned off (RESPONSE_CACHE=false)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RESPONSE_CACHE: 'false' });
    await createMeeting(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('executes every query and sends neither ETag nor x-data-version', async () => {
    const admin = { authorization: bearer(t.adminToken) };
    const first = await post(t, DASHBOARD, { first: 50 }, admin);
    expect(first.etag).toBeUndefined();
    expect(first.cacheControl).toBe('no-store');
    const second = await post(t, DASHBOARD, { first: 50 }, { ...admin, 'if-none-match': '*' });
    expect(second.status).toBe(200);
    expect(second.statements).toBe(first.statements);
    expect(second.statements).toBeGreaterThan(0);
  });
});

/** Runs only with Redis (skipped with a printed reason without one; under CI=true a missing Redis fails it). */
const withRedis = redisTest('the shared response cache test');

describe('GraphQL response cache shared by two instances through Redis', () => {
  let a: TestApp | undefined;
  let b: TestApp | undefined;

  beforeAll(async () => {
    if (!withRedis.run) return;
    if (!redisAnswers()) throw new Error(`no Redis at ${REDIS_URL}`);
    // A prefix of this run's own: other test files and runs share the Redis.
    const env = { REDIS_URL, RESPONSE_CACHE: 'true', RESPONSE_CACHE_REDIS_PREFIX: testRedisPrefix(), RATE_LIMIT_REDIS_PREFIX: testRedisPrefix() };
    a = await createTestApp(env);
    b = await createTestApp(env, { databaseUrl: a.databaseUrl });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  withRedis.it('computes an answer once for both instances, and neither answers from it after a write', async () => {
    if (!a || !b) throw new Error('the two instances did not start');
    const admin = { authorization: bearer(a.adminToken) };
    await createMeeting(a);
    const computed = await post(a, DASHBOARD, { first: 50 }, admin);
    expect(computed.statements).toBeGreaterThan(0);
    expect(b.app.get(ResponseCacheService).size).toBe(0);
    const shared = await post(b, DASHBOARD, { first: 50 }, admin);
    expect(shared.statements).toBe(0);
    expect(shared.body).toEqual(computed.body);
    expect(shared.etag).toBe(computed.etag);

    const orgId = (await createOrganization(b, { kind: 'MINISTRY' })).id;
    const meetingId = (await createMeeting(b)).id;
    const write = await post(b, CREATE_RECOMMENDATION, { m: meetingId, o: orgId, title: 'written on b' }, admin);
    expect(write.body.errors).toBeUndefined();
    await waitForVersion(a, write.dataVersion!);
    const after = await post(a, DASHBOARD, { first: 50 }, admin);
    expect(after.body.data?.recommendations?.totalCount).toBe(computed.body.data!.recommendations!.totalCount + 1);
    expect(after.statements).toBeGreaterThan(0);
  });
});
