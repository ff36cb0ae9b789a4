import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { backupEmbedded, restoreEmbedded } from '../src/database/backup/embedded-backup';
import { createBackupFile } from '../src/database/backup/backup-file';
import { EMBEDDED_DATABASE, EmbeddedPostgres } from '../src/database/embedded-postgres';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { loadSyntheticData } from '../bench/synthetic/load-synthetic-data';
import { startService, stopAllServices, tempDataDir } from './support/service-process';
import { tableChecksums } from './support/table-checksums';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase, serverUrl, uniqueDatabaseName, withAdminClient } from './support/test-database';

const ROOT = join(__dirname, '..');
/** A few thousand synthetic rows (recommendations, their history and links) next to the sample. */
const SYNTHETIC_SCALE = 0.05;

/** `npm run backup|restore -- FILE` as a user runs it; resolves with its output, rejects with it. */
function npmRun(script: 'backup' | 'restore', file: string, env: Record<string, string>): string {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const result = spawnSync('npm', ['run', '--silent', script, '--', file], { cwd: ROOT, env: childEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** The synthetic rows (COPY) and then the Sokuluk sample (through the seed's own code), into an empty migrated database. */
async function fill(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await loadSyntheticData(client, SYNTHETIC_SCALE);
  } finally {
    await client.end();
  }
  const db = new DataSource({ ...buildDataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }), logger: 'simple-console', logging: false });
  await db.initialize();
  try {
    await seedSokulukRoundtable(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Every table's checksum but data_version's: a restore raises the data version above anything
 * served before it (restore-epoch.ts), so that no pre-restore answer is served as current.
 */
async function checksumsAt(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { data_version: _raisedByRestore, ...tables } = await tableChecksums(async (sql) => (await client.query(sql)).rows);
    return tables;
  } finally {
    await client.end();
  }
}

/** A URL to the embedded server of a running service (its socket, from postmaster.pid). */
function embeddedUrl(dataDir: string): string {
  const lines = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const url = new URL(`postgres://postgres@localhost:${lines[3]}/${EMBEDDED_DATABASE}`);
  url.searchParams.set('host', lines[4]);
  return url.toString();
}

describe('backup and restore', () => {
  const files: string[] = [];
  const backupFile = (name: string) => {
    const file = join(tmpdir(), `${uniqueDatabaseName(name)}.backup`);
    files.push(file);
    return file;
  };
  afterAll(async () => {
    await stopAllServices();
    for (const file of files) rmSync(file, { force: true });
  });

  it('embedded: an online backup of the running service restores into a fresh DATA_DIR with every table identical', async () => {
    const source = tempDataDir('tracker-backup-source-');
    const target = tempDataDir('tracker-backup-target-');
    try {
      const first = await startService({ DATA_DIR: source, SEED_DEMO: 'false' });
      await fill(embeddedUrl(source));
      const before = await checksumsAt(embeddedUrl(source));
      expect(Number(before.recommendation.split(':')[0])).toBeGreaterThan(1000);
      const answer = await first.graphql('{ meetings { totalCount } recommendations { totalCount } }');

      const file = backupFile('embedded');
      // Online: the service keeps running (and answering) while the copy is taken.
      expect(npmRun('backup', file, { DATA_DIR: source })).toMatch(/backup stopped at WAL/);
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
      expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });

      expect(npmRun('restore', file, { DATA_DIR: target })).toMatch(/the server recovered and opened the database/);
      // A restore never overwrites a database.
      expect(() => npmRun('restore', file, { DATA_DIR: target })).toThrow(/exists: restore goes into a DATA_DIR without a database/);

      const second = await startService({ DATA_DIR: target, SEED_DEMO: 'true' });
      expect(await checksumsAt(embeddedUrl(target))).toEqual(before);
      expect(await second.graphql('{ meetings { totalCount } recommendations { totalCount } }')).toEqual(answer);
      expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(source, { recursive: true, force: true });
      rmSync(target, { recursive: true, force: true });
    }
  });

  it('server (DATABASE_URL): pg_dump and pg_restore round-trip every table, or refuse an older pg_dump by name', async () => {
    const server = serverUrl()!;
    const template = process.env.TRACKER_TEST_TEMPLATE!;
    const source = await createDatabaseFromTemplate(server, template);
    const targetName = uniqueDatabaseName('tracker_restore');
    await withAdminClient(server, (c) => c.query(`CREATE DATABASE "${targetName}"`));
    const targetUrl = databaseUrl(server, targetName);
    try {
      await fill(source.url);
      const before = await checksumsAt(source.url);
      const file = backupFile('server');
      const serverMajor = await withAdminClient(server, async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10_000));
      const dumpVersion = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
      const dumpMajor = dumpVersion.status === 0 ? Number(/(\d+)/.exec(dumpVersion.stdout)![1]) : null;
      if (dumpMajor === null) {
        expect(() => npmRun('backup', file, { DATABASE_URL: source.url })).toThrow(/pg_dump is not installed/);
        return;
      }
      if (dumpMajor < serverMajor) {
        // e.g. the tests' own embedded server (PostgreSQL 18) and the machine's older client tools.
        expect(() => npmRun('backup', file, { DATABASE_URL: source.url })).toThrow(
          new RegExp(`pg_dump is version ${dumpMajor} but the server is PostgreSQL ${serverMajor}`),
        );
        return;
      }
      expect(npmRun('backup', file, { DATABASE_URL: source.url })).toContain(`pg_dump ${dumpMajor}, server PostgreSQL ${serverMajor}`);
      expect(() => npmRun('backup', file, { DATABASE_URL: source.url })).toThrow(/exists: choose a new file name/);
      npmRun('restore', file, { DATABASE_URL: targetUrl });
      expect(await checksumsAt(targetUrl)).toEqual(before);
      // The restore replaces: running it again gives the same database, not twice the rows.
      npmRun('restore', file, { DATABASE_URL: targetUrl });
      expect(await checksumsAt(targetUrl)).toEqual(before);
      expect(execFileSync('pg_restore', ['--list', file], { encoding: 'utf8' })).toContain('TABLE DATA public recommendation');
    } finally {
      await dropDatabase(server, source.name);
      await dropDatabase(server, targetName);
    }
  });

  it('writes a private backup file (0600), never through a symlink, even a dangling one', async () => {
    const server = serverUrl()!;
    const source = await createDatabaseFromTemplate(server, process.env.TRACKER_TEST_TEMPLATE!);
    const dir = tempDataDir('tracker-backup-file-');
    try {
      const file = join(dir, 'private.backup');
      const serverMajor = await withAdminClient(server, async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10_000));
      const dumpVersion = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
      const dumpMajor = dumpVersion.status === 0 ? Number(/(\d+)/.exec(dumpVersion.stdout)![1]) : null;
      if (dumpMajor === null || dumpMajor < serverMajor) {
        // An older pg_dump (the tests' embedded PostgreSQL 18 and the machine's client tools) is refused
        // before anything is written: no file, not even an empty one, is left behind.
        expect(() => npmRun('backup', file, { DATABASE_URL: source.url })).toThrow(/pg_dump/);
        expect(existsSync(file)).toBe(false);
        return;
      }
      npmRun('backup', file, { DATABASE_URL: source.url });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
      // A link to a file that does not exist yet: "never overwrites" covers writing through it.
      const target = join(dir, 'elsewhere.backup');
      const link = join(dir, 'link.backup');
      symlinkSync(target, link);
      expect(() => npmRun('backup', link, { DATABASE_URL: source.url })).toThrow(/exists: choose a new file name/);
      expect(existsSync(target)).toBe(false);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      // Created exclusively, so a link planted after the check is refused as well.
      expect(() => createBackupFile(link)).toThrow(/exists: choose a new file name/);
    } finally {
      await dropDatabase(server, source.name);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('embedded: a restore failing in its ownership step leaves no half DATA_DIR/postgres, so the next restore runs', async () => {
    const source = tempDataDir('tracker-backup-half-source-');
    const target = tempDataDir('tracker-backup-half-target-');
    const file = backupFile('embedded-half');
    const quiet = () => undefined;
    try {
      const first = new EmbeddedPostgres({ dataDir: source, osUser: 'tracker-postgres', log: quiet });
      const connection = await first.start();
      const client = new Client({ host: connection.host, port: connection.port, user: connection.user, database: connection.database });
      await client.connect();
      await client.query(`CREATE TABLE kept (note text); INSERT INTO kept VALUES ('restored')`);
      await client.end();
      await first.stop();
      const fd = createBackupFile(file);
      try {
        await backupEmbedded(source, fd, file, 'tracker-postgres', quiet);
      } finally {
        fs.closeSync(fd);
      }
      expect(statSync(file).mode & 0o777).toBe(0o600);

      // Run as root, the files are given to the server's OS user; a user that cannot be made fails that step.
      await expect(restoreEmbedded(target, file, 'not a valid user:name', quiet)).rejects.toThrow(/useradd not a valid user:name/);
      expect(existsSync(join(target, 'postgres'))).toBe(false);
      expect(readdirSync(target)).toEqual([]);

      await restoreEmbedded(target, file, 'tracker-postgres', quiet);
      const restored = new EmbeddedPostgres({ dataDir: target, osUser: 'tracker-postgres', log: quiet });
      const again = await restored.start();
      try {
        const check = new Client({ host: again.host, port: again.port, user: again.user, database: again.database });
        await check.connect();
        expect((await check.query('SELECT note FROM kept')).rows).toEqual([{ note: 'restored' }]);
        await check.end();
      } finally {
        await restored.stop();
      }
    } finally {
      rmSync(source, { recursive: true, force: true });
      rmSync(target, { recursive: true, force: true });
    }
  });
});
