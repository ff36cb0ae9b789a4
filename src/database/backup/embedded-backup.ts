import { chownSync, createWriteStream, existsSync, fstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import * as tar from 'tar';
import { EmbeddedPostgres, clusterDirOf, postmasterPid } from '../embedded-postgres';
import { advanceDataVersionPastRestore } from './restore-epoch';

/**
 * Backups of the embedded server, which ships no pg_dump: a consistent online
 * copy of its data directory through PostgreSQL's low-level backup API.
 *
 * In one session: a temporary replication slot keeps every WAL segment from
 * now on; pg_backup_start() (with a fast checkpoint) marks the start; the data
 * directory is copied into a gzipped tar (files may change meanwhile: the WAL
 * replayed at restore makes them consistent); pg_backup_stop() returns the
 * backup_label, which goes into the archive; then pg_wal is copied, holding
 * the WAL from the start to the stop. Restoring = extracting into a fresh
 * DATA_DIR/postgres; at its first start PostgreSQL sees backup_label and
 * recovers to the end of that WAL.
 */
export const EMBEDDED_BACKUP_MARKER = 'tracker-embedded-backup.json';

/** Not copied: runtime state PostgreSQL recreates (see "Backing Up the Data Directory" in its manual). */
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'run', 'pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const EMPTY_DIRS = ['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans'];

/** Where a running embedded server listens, from its postmaster.pid (lines: pid, dir, start, port, socket dir). */
function runningServer(clusterDir: string): { host: string; port: number } | null {
  const pid = postmasterPid(clusterDir);
  if (!pid) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  const lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  const port = Number(lines[3]);
  const host = lines[4]?.trim() || lines[5]?.trim() || '127.0.0.1';
  return { host, port };
}

/** The online copy, written into `fd` (the backup file created by createBackupFile). */
export async function backupEmbedded(dataDir: string, fd: number, file: string, osUser: string, log: (message: string) => void): Promise<void> {
  const clusterDir = clusterDirOf(dataDir);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) throw new Error(`no embedded database in ${clusterDir}: nothing to back up`);
  let running = runningServer(clusterDir);
  // With the service stopped, start the server just for the copy (the same online procedure).
  let ownServer: EmbeddedPostgres | null = null;
  if (!running) {
    ownServer = new EmbeddedPostgres({ dataDir, osUser, log: () => undefined });
    const connection = await ownServer.start();
    running = { host: connection.host, port: connection.port };
  }
  const client = new Client({ host: running.host, port: running.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  const staging = `${file}.parts`;
  rmSync(staging, { recursive: true, force: true });
  // Private: the copy holds password hashes too.
  mkdirSync(staging, { mode: 0o700 });
  try {
    await client.query(`SELECT pg_create_physical_replication_slot('tracker_backup_' || pg_backend_pid(), true, true)`);
    const start = await client.query<{ lsn: string }>(`SELECT pg_backup_start('roundtable-tracker backup', true) AS lsn`);
    log(`backup started at WAL ${start.rows[0].lsn}`);
    const dataFiles = listFiles(clusterDir, clusterDir);
    await tar.create({ gzip: true, file: join(staging, 'data.tar.gz'), cwd: clusterDir, portable: true }, dataFiles);
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(`SELECT * FROM pg_backup_stop(false)`);
    writeFileSync(join(staging, 'backup_label'), stop.rows[0].labelfile);
    if (stop.rows[0].spcmapfile) writeFileSync(join(staging, 'tablespace_map'), stop.rows[0].spcmapfile);
    // The WAL from the start to the stop (the slot kept it): every segment there now.
    await client.query(`SELECT pg_switch_wal()`);
    const walFiles = readdirSync(join(clusterDir, 'pg_wal')).filter((name) => /^[0-9A-F]{24}$/.test(name) || name.endsWith('.history'));
    await tar.create({ gzip: true, file: join(staging, 'wal.tar.gz'), cwd: join(clusterDir, 'pg_wal'), portable: true }, walFiles);
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    writeFileSync(
      join(staging, EMBEDDED_BACKUP_MARKER),
      JSON.stringify({ kind: 'embedded-postgres', serverVersion: version, startLsn: start.rows[0].lsn, stopLsn: stop.rows[0].lsn, takenAt: new Date().toISOString() }),
    );
    await pipeline(tar.create({ cwd: staging, portable: true }, readdirSync(staging)), createWriteStream('', { fd, autoClose: false }));
    log(`backup stopped at WAL ${stop.rows[0].lsn}; wrote ${file} (${Math.round(fstatSync(fd).size / 1024)} KB)`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    await client.end();
    await ownServer?.stop();
  }
}

/**
 * Restores into a DATA_DIR without a database: the cluster is built, owned by the
 * server's user and recovered (the server started once and the database opened)
 * in a private folder next to DATA_DIR/postgres, and only then renamed into place
 * (atomic on one file system). Whatever fails, that folder goes and
 * DATA_DIR/postgres is not created, so a next restore can run.
 */
export async function restoreEmbedded(dataDir: string, file: string, osUser: string, log: (message: string) => void): Promise<void> {
  const clusterDir = clusterDirOf(dataDir);
  if (existsSync(clusterDir)) {
    throw new Error(`${clusterDir} exists: restore goes into a DATA_DIR without a database (stop the service and move that folder away first)`);
  }
  mkdirSync(dataDir, { recursive: true });
  const work = mkdtempSync(join(resolve(dataDir), '.restore-'));
  const staging = join(work, 'archive');
  // The server's own DATA_DIR while it recovers: work/postgres.
  const restoredCluster = clusterDirOf(work);
  const server = new EmbeddedPostgres({ dataDir: work, osUser, log: () => undefined });
  try {
    mkdirSync(staging, { mode: 0o700 });
    await tar.extract({ file, cwd: staging });
    if (!existsSync(join(staging, EMBEDDED_BACKUP_MARKER))) {
      throw new Error(`${file} is not a backup of the embedded database (made with DATABASE_URL unset)`);
    }
    mkdirSync(restoredCluster, { mode: 0o700 });
    await tar.extract({ file: join(staging, 'data.tar.gz'), cwd: restoredCluster });
    for (const dir of EMPTY_DIRS) mkdirSync(join(restoredCluster, dir), { recursive: true, mode: 0o700 });
    await tar.extract({ file: join(staging, 'wal.tar.gz'), cwd: join(restoredCluster, 'pg_wal') });
    writeFileSync(join(restoredCluster, 'backup_label'), readFileSync(join(staging, 'backup_label')));
    if (existsSync(join(staging, 'tablespace_map'))) writeFileSync(join(restoredCluster, 'tablespace_map'), readFileSync(join(staging, 'tablespace_map')));
    rmSync(staging, { recursive: true, force: true });
    // The server runs as the unprivileged user when we are root: the files must be its own.
    const owner = server.ownerIds();
    if (owner) {
      chownSync(work, owner.uid, owner.gid);
      chownTree(restoredCluster, owner.uid, owner.gid);
    }
    const connection = await server.start();
    const client = new Client({ host: connection.host, port: connection.port, user: connection.user, database: connection.database });
    await client.connect();
    const tables = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    // Above any version issued before, by this DATA_DIR or another (restore-epoch.ts).
    await advanceDataVersionPastRestore(client, null);
    await client.end();
    await server.stop();
    // Its socket folder belongs to the folder it ran in; the service makes its own.
    rmSync(join(restoredCluster, 'run'), { recursive: true, force: true });
    if (existsSync(clusterDir)) throw new Error(`${clusterDir} appeared while restoring: not replaced`);
    renameSync(restoredCluster, clusterDir);
    log(`restored ${file} into ${clusterDir}: the server recovered and opened the database (${tables.rows[0].n} tables)`);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function listFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (dir === root && SKIPPED.has(entry.name)) continue;
    if (dir === root && (entry.name === 'backup_label' || entry.name === 'tablespace_map')) continue;
    if (entry.isDirectory()) {
      const inner = listFiles(root, path);
      out.push(...(inner.length ? inner : [relative(root, path)]));
    } else out.push(relative(root, path));
  }
  return out;
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}
