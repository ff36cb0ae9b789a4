import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { tableChecksums } from './support/table-checksums';
import { startService, stopAllServices, tempDataDir } from './support/service-process';

const ROOT = join(__dirname, '..');

/** PGlite (the earlier embedded engine) runs in a child process: see support/pglite-fixture.ts. */
function pglite(command: 'create' | 'checksums', dataDir: string): string {
  return execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/support/pglite-fixture.ts', command, dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

/** `npm run embedded:upgrade` as a user runs it. */
function upgrade(dataDir: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return execFileSync('npm', ['run', '--silent', 'embedded:upgrade'], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm run embedded:upgrade (a PGlite DATA_DIR into the embedded PostgreSQL)', () => {
  const dataDir = tempDataDir('tracker-upgrade-');
  afterAll(async () => {
    await stopAllServices();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves every row, verifies the counts, keeps the old files, and the service answers from the new server', async () => {
    pglite('create', dataDir);
    const before = JSON.parse(pglite('checksums', dataDir)) as Record<string, string>;
    expect(before.recommendation).toMatch(/^2000:/);

    const output = upgrade(dataDir);
    expect(output).toMatch(/verified: \d+ tables, the same row counts/);
    expect(readdirSync(join(dataDir, 'pglite-old'))).toContain('PG_VERSION');
    expect(readdirSync(dataDir).sort()).toEqual(['pglite-old', 'postgres']);

    const server = new EmbeddedPostgres({ dataDir, osUser: 'tracker-postgres', log: () => undefined });
    const connection = await server.start();
    const client = new Client({ host: connection.host, port: connection.port, user: connection.user, database: connection.database });
    await client.connect();
    try {
      const after = await tableChecksums(async (sql) => (await client.query(sql)).rows);
      expect(after).toEqual(before);
      // What PGlite could not have: the trigram search index.
      const indexes = await client.query(`SELECT indexname FROM pg_indexes WHERE indexname = 'IDX_recommendation_search_trgm'`);
      expect(indexes.rowCount).toBe(1);
    } finally {
      await client.end();
      await server.stop();
    }

    const service = await startService({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
    const answer = await service.graphql(`{ recommendations(filter: { search: "аялдар" }) { totalCount } meetings { totalCount } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ recommendations: { totalCount: 2000 }, meetings: { totalCount: 50 } });
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('refuses a DATA_DIR without a PGlite database and changes nothing', async () => {
    const empty = tempDataDir('tracker-upgrade-empty-');
    try {
      expect(() => upgrade(empty)).toThrow(/holds no PGlite database: nothing to upgrade/);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
