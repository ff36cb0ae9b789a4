import { execFileSync, spawnSync } from 'node:child_process';
import { openSync, readSync, closeSync } from 'node:fs';
import { Client } from 'pg';
import { advanceDataVersionPastRestore, dataVersionOf } from './restore-epoch';

/**
 * Backups on a PostgreSQL server (DATABASE_URL): pg_dump's custom format, one
 * consistent snapshot, restored with pg_restore. Uses the machine's pg_dump,
 * which must be at least the server's major version (an older pg_dump refuses
 * a newer server).
 */
function toolMajor(tool: 'pg_dump' | 'pg_restore'): number {
  const result = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`${tool} is not installed: install the PostgreSQL client tools of the server's major version (Debian: apt-get install postgresql-client)`);
  }
  return Number(/(\d+)(?:\.\d+)*/.exec(result.stdout)?.[1]);
}

async function serverMajor(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/** Says which versions are in play; refuses when the tool is older than the server. */
export async function checkToolVersion(tool: 'pg_dump' | 'pg_restore', url: string, log: (message: string) => void): Promise<void> {
  const [mine, theirs] = [toolMajor(tool), await serverMajor(url)];
  if (mine < theirs) {
    throw new Error(`${tool} is version ${mine} but the server is PostgreSQL ${theirs}: install the version ${theirs} client tools (an older ${tool} cannot read a newer server)`);
  }
  log(`${tool} ${mine}, server PostgreSQL ${theirs}${mine > theirs ? ` (a newer ${tool} than the server works, the reverse does not)` : ''}`);
}

/** pg_dump into `fd`, the backup file created by createBackupFile (pg_dump writes to its standard output). */
export async function backupServer(url: string, fd: number, file: string, log: (message: string) => void): Promise<void> {
  await checkToolVersion('pg_dump', url, log);
  execFileSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${url}`], { stdio: ['ignore', fd, 'inherit'] });
  log(`wrote ${file}`);
}

/** Replaces the database's contents with the backup's, in one transaction (all or nothing). */
export async function restoreServer(url: string, file: string, log: (message: string) => void): Promise<void> {
  const magic = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  readSync(fd, magic, 0, 5, 0);
  closeSync(fd);
  if (magic.toString('latin1') !== 'PGDMP') throw new Error(`${file} is not a pg_dump custom-format backup (made with DATABASE_URL set)`);
  await checkToolVersion('pg_restore', url, log);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Services may be running on this database: its data version must not go back (restore-epoch.ts).
    const before = await dataVersionOf(client);
    restoreDump(url, file);
    const version = await advanceDataVersionPastRestore(client, before);
    log(`restored ${file}${version ? `; data version now ${version}` : ''}`);
  } finally {
    await client.end();
  }
}

function restoreDump(url: string, file: string): void {
  execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
