import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { DataVersionRepository } from '../src/data-version/data-version.repository';
import { DataVersionService } from '../src/data-version/data-version.service';
import { storedVersion, waitForVersion, waitUntil } from './support/data-version';
import { unique } from './support/factories';
import { startService, stopAllServices, tempDataDir } from './support/service-process';
import { bearer, createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * The data version held in memory, kept current by LISTEN/NOTIFY (DataVersionService): no
 * statement per request, read-your-writes in the writing instance, other instances within the
 * notification's delivery time, SQL whenever the listener is away and with read replicas.
 */
const ORGANIZATIONS = '{ organizations { id name } }';
const CREATE_ORGANIZATION = `mutation ($name: String!) { createOrganization(input: { name: $name, kind: NGO }) { id } }`;
const LISTENER_APPLICATION = 'roundtable-tracker data-version listener';
const admin = { authorization: bearer(TEST_ADMIN_TOKEN) };

interface Answer {
  status: number;
  etag?: string;
  dataVersion?: string;
  statements: number;
  names: string[];
}

async function post(app: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await request(app.app.getHttpServer()).post('/graphql').set({ ...admin, ...headers }).send({ query, variables });
  const body = res.body as { data?: { organizations?: { name: string }[] } | null; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return {
    status: res.status,
    etag: res.headers.etag,
    dataVersion: res.headers['x-data-version'],
    statements: Number(res.headers['x-sql-statements'] ?? NaN),
    names: (body.data?.organizations ?? []).map((o) => o.name),
  };
}

describe('data version in memory (one instance)', () => {
  let t: TestApp;
  let versions: DataVersionService;

  beforeAll(async () => {
    t = await createTestApp({ RESPONSE_CACHE: 'true' });
    versions = t.app.get(DataVersionService);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('answers from memory once listening, with the stored version', async () => {
    await waitUntil(() => versions.inMemory, 'the listener is up');
    expect(BigInt((await versions.current()).version)).toBe(await storedVersion(t));
    const first = await post(t, ORGANIZATIONS);
    const revalidated = await post(t, ORGANIZATIONS, {}, { 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.statements).toBe(0);
  });

  it('reads its own writes with no wait: each commit advances memory before the write is answered', async () => {
    // Notifications muted: only the commit hook can make the write visible to the next query.
    const notified = jest.spyOn(versions as unknown as { notified: () => void }, 'notified').mockImplementation(() => undefined);
    try {
      let before = await post(t, ORGANIZATIONS);
      for (let i = 0; i < 5; i++) {
        const name = unique('Read your write');
        const write = await request(t.app.getHttpServer()).post('/graphql').set(admin).send({ query: CREATE_ORGANIZATION, variables: { name } });
        const written = BigInt(write.headers['x-data-version']);
        expect(written).toBe(await storedVersion(t));
        const after = await post(t, ORGANIZATIONS, {}, { 'if-none-match': before.etag! });
        expect(after.status).toBe(200);
        expect(after.names).toContain(name);
        expect(BigInt(after.dataVersion!)).toBe(written);
        before = after;
      }
    } finally {
      notified.mockRestore();
    }
  });

  it('re-reads the version when a notification on its channel is not the trigger\'s', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      // A version advanced by hand, announced with a payload that says nothing: only a re-read finds it.
      await t.sql(`BEGIN; UPDATE "data_version" SET "version" = "version" + 1, "changed_at" = now();
        SELECT pg_notify('data_version', 'not json'); COMMIT;`);
      await waitForVersion(t, await storedVersion(t));
      expect(warn.mock.calls.some(([message]) => String(message).includes('unexpected notification'))).toBe(true);
      expect(versions.inMemory).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  it('falls back to SQL when the listener is killed, answers correctly meanwhile, warns once, and recovers', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    // The first reconnection attempts are refused, so the fallback is observed for as long as needed.
    const listen = jest.spyOn(t.app.get(DataVersionRepository), 'listen').mockRejectedValue(new Error('refused by the test'));
    try {
      const before = await post(t, ORGANIZATIONS);
      const [{ pid }] = await t.sql<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [LISTENER_APPLICATION],
      );
      await t.sql('SELECT pg_terminate_backend($1)', [pid]);
      await waitUntil(() => !versions.inMemory, 'the listener is seen lost');

      // A write from another connection (as from another instance) while nobody listens: seen at once, from SQL.
      const name = unique('While deaf');
      await t.sql(`INSERT INTO organization (name, kind) VALUES (jsonb_build_object('en', $1::text), 'NGO')`, [name]);
      const fallback = await post(t, ORGANIZATIONS, {}, { 'if-none-match': before.etag! });
      expect(fallback.status).toBe(200);
      expect(fallback.names).toContain(name);
      expect(BigInt(fallback.dataVersion!)).toBe(await storedVersion(t));
      const revalidated = await post(t, ORGANIZATIONS, {}, { 'if-none-match': fallback.etag! });
      expect(revalidated.status).toBe(304);
      // The version check is a statement again.
      expect(revalidated.statements).toBe(1);
      expect(versions.inMemory).toBe(false);

      listen.mockRestore();
      await waitUntil(() => versions.inMemory, 'the listener is back', 15_000);
      // Re-read after LISTEN: a write made while deaf is in memory, and the 304 costs nothing again.
      const name2 = unique('After recovery');
      await t.sql(`INSERT INTO organization (name, kind) VALUES (jsonb_build_object('en', $1::text), 'NGO')`, [name2]);
      await waitForVersion(t, await storedVersion(t));
      const recovered = await post(t, ORGANIZATIONS);
      expect(recovered.names).toContain(name2);
      const again = await post(t, ORGANIZATIONS, {}, { 'if-none-match': recovered.etag! });
      expect(again.status).toBe(304);
      expect(again.statements).toBe(0);
      const lost = warn.mock.calls.filter(([message]) => String(message).includes('data-version listener'));
      expect(lost).toHaveLength(1);
      expect(String(lost[0][0])).toMatch(/lost .*reading the version from SQL/);
    } finally {
      listen.mockRestore();
      warn.mockRestore();
    }
  });
});

describe('data version in memory (two instances on one database)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ RESPONSE_CACHE: 'true' });
    b = await createTestApp({ RESPONSE_CACHE: 'true' }, { databaseUrl: a.databaseUrl });
    await waitUntil(() => a.app.get(DataVersionService).inMemory && b.app.get(DataVersionService).inMemory, 'both listen');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("sees the other instance's write within the notification's delivery time", async () => {
    const waits: number[] = [];
    let before = await post(b, ORGANIZATIONS);
    for (let i = 0; i < 10; i++) {
      const name = unique('Written on A');
      const write = await request(a.app.getHttpServer()).post('/graphql').set(admin).send({ query: CREATE_ORGANIZATION, variables: { name } });
      waits.push(await waitForVersion(b, write.headers['x-data-version'], 1_000));
      const seen = await post(b, ORGANIZATIONS, {}, { 'if-none-match': before.etag! });
      expect(seen.status).toBe(200);
      expect(seen.names).toContain(name);
      expect(seen.statements).toBeGreaterThan(0);
      before = seen;
    }
    // The 304 on B costs nothing again once B knows the version.
    const revalidated = await post(b, ORGANIZATIONS, {}, { 'if-none-match': before.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.statements).toBe(0);
    console.log(`[data-version] NOTIFY reached the other instance within ${Math.max(...waits)} ms (10 writes)`);
  });

  it('reads SQL when a client asks for a version above memory (x-min-data-version)', async () => {
    const bVersions = b.app.get(DataVersionService);
    // B's notifications muted: the write below is invisible to B's memory.
    const notified = jest.spyOn(bVersions as unknown as { notified: () => void }, 'notified').mockImplementation(() => undefined);
    try {
      const name = unique('Asked for');
      const write = await request(a.app.getHttpServer()).post('/graphql').set(admin).send({ query: CREATE_ORGANIZATION, variables: { name } });
      const written = write.headers['x-data-version'];
      expect(BigInt((await bVersions.current()).version)).toBeLessThan(BigInt(written));
      const asked = await post(b, ORGANIZATIONS, {}, { 'x-min-data-version': written });
      expect(asked.dataVersion).toBe(written);
      expect(asked.names).toContain(name);
    } finally {
      notified.mockRestore();
    }
  });
});

describe('data version with DATA_VERSION_LISTEN=false', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RESPONSE_CACHE: 'true', DATA_VERSION_LISTEN: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads the version from SQL for every query and opens no listening connection', async () => {
    expect(t.app.get(DataVersionService).inMemory).toBe(false);
    const listeners = await t.sql('SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [LISTENER_APPLICATION]);
    expect(listeners).toHaveLength(0);
    const first = await post(t, ORGANIZATIONS);
    const revalidated = await post(t, ORGANIZATIONS, {}, { 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.statements).toBe(1);
  });
});

describe('data version with read replicas configured', () => {
  let primary: TestApp;
  let replicated: TestApp;

  beforeAll(async () => {
    primary = await createTestApp({ RESPONSE_CACHE: 'true' });
    // The database itself as the "replica": enough to show that replicas mean the SQL path.
    replicated = await createTestApp({ RESPONSE_CACHE: 'true', DATABASE_REPLICA_URLS: primary.databaseUrl }, { databaseUrl: primary.databaseUrl });
  });
  afterAll(async () => {
    await replicated?.close();
    await primary?.close();
  });

  it('neither listens nor answers from memory: every version check is a statement, as the replica labels its data', async () => {
    const versions = replicated.app.get(DataVersionService);
    expect(versions.inMemory).toBe(false);
    const listeners = await primary.sql('SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
      LISTENER_APPLICATION,
    ]);
    // Only the primary-only instance listens.
    expect(listeners).toHaveLength(1);
    const first = await post(replicated, ORGANIZATIONS);
    const revalidated = await post(replicated, ORGANIZATIONS, {}, { 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.statements).toBe(1);
  });
});

describe('data version in memory on the embedded PostgreSQL (over its Unix socket)', () => {
  const dir = tempDataDir('tracker-pg-listen-');
  afterAll(async () => {
    await stopAllServices();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens there too: a 304 costs no statement, and a write is seen by the next query', async () => {
    const token = `embedded-listen-${randomBytes(16).toString('hex')}`;
    const service = await startService({ DATA_DIR: dir, SEED_DEMO: 'false', RESPONSE_CACHE: 'true', EXPOSE_SQL_STATEMENT_COUNT: 'true', ADMIN_TOKEN: token });
    const ask = (query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) =>
      fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
    const first = await ask(ORGANIZATIONS);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const revalidated = await ask(ORGANIZATIONS, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('x-sql-statements')).toBe('0');
    expect((await (await ask(CREATE_ORGANIZATION, {}, { name: unique('Embedded') })).json()).errors).toBeUndefined();
    const after = await ask(ORGANIZATIONS, { 'if-none-match': etag });
    expect(after.status).toBe(200);
  });
});
