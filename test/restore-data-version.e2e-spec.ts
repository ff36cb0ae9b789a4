import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { createOrganization } from './support/factories';
import { REDIS_URL, testRedisPrefix } from './support/redis';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createDatabaseFromTemplate, dropDatabase, serverUrl, uniqueDatabaseName } from './support/test-database';

const ROOT = join(__dirname, '..');
const ORGANIZATIONS = '{ organizations { name } }';

function npmRun(script: 'backup' | 'restore', file: string, databaseUrl: string): string {
  const result = spawnSync('npm', ['run', '--silent', script, '--', file], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * `npm run restore` into the database a running service uses: the data version never goes
 * back, so no answer from before the restore (in memory, in Redis, or by ETag) is served as
 * current after it, nor after a restart on the same Redis.
 */
describe('the data version across a restore', () => {
  const file = join(tmpdir(), `${uniqueDatabaseName('restore_version')}.backup`);
  let t: TestApp | undefined;
  let again: TestApp | undefined;
  let database: { name: string; url: string } | undefined;
  afterAll(async () => {
    await again?.close();
    await t?.close();
    if (database) await dropDatabase(serverUrl()!, database.name);
    rmSync(file, { force: true });
  });

  it('serves no pre-restore answer after a restore followed by writes, with Redis and after a restart', async () => {
    if (!(await redisReachable())) {
      if (process.env.CI === 'true' || process.env.TEST_REDIS_URL) throw new Error(`no Redis at ${REDIS_URL}`);
      console.warn(`[e2e] no Redis at ${REDIS_URL}: the restore data-version test is skipped`);
      return;
    }
    const env = { REDIS_URL, RESPONSE_CACHE: 'true', RESPONSE_CACHE_REDIS_PREFIX: testRedisPrefix(), RATE_LIMIT_REDIS_PREFIX: testRedisPrefix() };
    // A database of the test's own: it outlives the first app (the restart).
    database = await createDatabaseFromTemplate(serverUrl()!, process.env.TRACKER_TEST_TEMPLATE!);
    t = await createTestApp(env, { databaseUrl: database.url });
    const app = t;
    const ask = (target: TestApp, etag?: string) =>
      request(target.app.getHttpServer())
        .post('/graphql')
        .set({ authorization: bearer(target.adminToken), ...(etag ? { 'if-none-match': etag } : {}) })
        .send({ query: ORGANIZATIONS });
    const names = (res: request.Response) => (res.body as { data: { organizations: { name: string }[] } }).data.organizations.map((o) => o.name).sort();

    await createOrganization(app, { name: 'Kept by the backup' });
    npmRun('backup', file, app.databaseUrl);
    // After the backup: writes that the restore undoes, and their answer cached (memory and Redis).
    await createOrganization(app, { name: 'Undone one' });
    await createOrganization(app, { name: 'Undone two' });
    const beforeRestore = await ask(app);
    expect(names(beforeRestore)).toEqual(expect.arrayContaining(['Undone one', 'Undone two']));
    expect((await ask(app)).text).toBe(beforeRestore.text);
    const staleEtag = beforeRestore.headers.etag;

    npmRun('restore', file, app.databaseUrl);
    // As many writes after the restore as it undid: the version would be back where it was.
    await createOrganization(app, { name: 'After one' });
    await createOrganization(app, { name: 'After two' });
    const now = await ask(app);
    expect(names(now)).toEqual(expect.arrayContaining(['After one', 'After two', 'Kept by the backup']));
    expect(names(now)).not.toContain('Undone one');
    expect((await ask(app, staleEtag)).status).toBe(200);

    // A restart on the same Redis: nothing from before the restore either.
    await app.close();
    t = undefined;
    again = await createTestApp(env, { databaseUrl: app.databaseUrl });
    const restarted = await ask(again);
    expect(names(restarted)).toEqual(expect.arrayContaining(['After one', 'After two']));
    expect(names(restarted)).not.toContain('Undone one');
    expect((await ask(again, staleEtag)).status).toBe(200);
  });
});
