import Redis from 'ioredis';
import { REDIS_URL, redisAnswers, redisTest, testRedisPrefix } from './support/redis';
import { createDatabaseFromTemplate, dropDatabase, ENV, serverUrl } from './support/test-database';
import { ServiceProcess, startService, stopAllServices } from './support/service-process';

/**
 * Redis is optional for the service, so a newcomer's `npm test` without one skips the shared-limit test
 * (reported as skipped, with the reason printed); under CI (which starts Redis) or with TEST_REDIS_URL set,
 * a missing Redis fails it. TEST_REDIS_URL=none skips it on purpose.
 */
const withRedis = redisTest('the shared-limit test');
const LIMIT = 5;

/** POST /graphql with a token of its own, so that runs sharing the Redis never share a budget. */
async function ask(service: ServiceProcess, token: string): Promise<number> {
  const res = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ organizations { id } }' }),
  });
  await res.arrayBuffer();
  return res.status;
}

const server = serverUrl();
const template = process.env[ENV.template];

(server && template ? describe : describe.skip)('several instances (PostgreSQL server)', () => {
  let databaseName: string;
  let databaseUrl: string;

  beforeAll(async () => {
    if (withRedis.run && !redisAnswers()) throw new Error(`no Redis at ${REDIS_URL} (set TEST_REDIS_URL=none to skip the shared-limit test)`);
    const db = await createDatabaseFromTemplate(server!, template!);
    databaseName = db.name;
    databaseUrl = db.url;
  });
  afterEach(() => stopAllServices());
  afterAll(async () => {
    if (databaseName) await dropDatabase(server!, databaseName);
  });

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    ...extra,
  });

  async function twoInstancesAndAToken(
    extra: Record<string, string>,
    extraOfB: Record<string, string> = extra,
  ): Promise<{ a: ServiceProcess; b: ServiceProcess; token: string }> {
    const a = await startService(env(extra));
    const b = await startService(env(extraOfB));
    // The bootstrap admin spends one request of its own budget here, not the token's.
    const created = await a.graphql<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(input: { name: "limit probe", role: VIEWER }) { token } }',
    );
    return { a, b, token: created.data!.createApiToken.token };
  }

  withRedis.it('with REDIS_URL, two instances enforce one limit per caller, counted under RATE_LIMIT_REDIS_PREFIX', async () => {
    const prefix = testRedisPrefix();
    const { a, b, token } = await twoInstancesAndAToken({ REDIS_URL, RATE_LIMIT_REDIS_PREFIX: prefix });
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) statuses.push(await ask(i % 2 ? b : a, token));
    expect(statuses).toEqual([...Array(LIMIT).fill(200), ...Array(LIMIT).fill(429)]);
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      // The counters' keys are `{key:throttler}:hits` (hash-tagged); ours begin inside the braces.
      expect((await redis.keys(`{${prefix}*`)).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  withRedis.it('two deployments sharing a Redis under different RATE_LIMIT_REDIS_PREFIX keep their budgets apart', async () => {
    const { a, b, token } = await twoInstancesAndAToken({ REDIS_URL, RATE_LIMIT_REDIS_PREFIX: testRedisPrefix() }, { REDIS_URL, RATE_LIMIT_REDIS_PREFIX: testRedisPrefix() });
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) statuses.push(await ask(i % 2 ? b : a, token));
    expect(statuses).toEqual(Array(2 * LIMIT).fill(200));
    expect(await ask(a, token)).toBe(429);
  });

  it('without REDIS_URL, each instance counts on its own (as before)', async () => {
    const { a, b, token } = await twoInstancesAndAToken({});
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) statuses.push(await ask(i % 2 ? b : a, token));
    expect(statuses).toEqual(Array(2 * LIMIT).fill(200));
    expect(await ask(a, token)).toBe(429);
    expect(await ask(b, token)).toBe(429);
  });

  it('with REDIS_URL pointing at nothing, limits fall back to each instance and the service keeps answering', async () => {
    const { a, token } = await twoInstancesAndAToken({ REDIS_URL: 'redis://127.0.0.1:1/0' });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push(await ask(a, token));
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429]);
    expect(a.output()).toMatch(/Redis unreachable/);
  });
});
