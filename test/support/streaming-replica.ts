import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, appendFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './service-process';

/**
 * A throw-away PostgreSQL primary and a streaming replica of it, made with the
 * server binaries on this machine: initdb (wal_level=replica) in a temporary
 * directory, pg_basebackup -R into another, each started with pg_ctl on a free
 * port, as the `postgres` OS user when the tests run as root. Both log every
 * statement, so a test can tell which server ran what.
 */
export interface StreamingReplica {
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Runs SQL on the primary or the replica (own short-lived connection, application_name "replica-test"). */
  sql<R = Record<string, any>>(server: 'primary' | 'replica', database: string, text: string, params?: unknown[]): Promise<R[]>;
  /** Blocks until the replica has replayed everything the primary has written so far. */
  waitForReplay(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Log lines each server has written since the last mark (`mark()` returns nothing, remembers the offsets). */
  mark(): void;
  logSinceMark(server: 'primary' | 'replica'): string[];
  stop(): Promise<void>;
}

const DEFAULT_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
const NEEDED = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];

/** Where the server binaries are (POSTGRES_BIN_DIR, pg_config --bindir, or Debian's directories), or null. */
export function findPostgresBinaries(): string | null {
  const candidates = [process.env.POSTGRES_BIN_DIR, pgConfigBindir(), ...DEFAULT_BIN_DIRS].filter((d): d is string => !!d);
  return candidates.find((dir) => NEEDED.every((bin) => existsSync(join(dir, bin)))) ?? null;
}

function pgConfigBindir(): string | undefined {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Why a streaming replica cannot be made here, or null when it can be tried. */
export function replicaUnavailableReason(): string | null {
  if (!findPostgresBinaries()) return `PostgreSQL server binaries (${NEEDED.join(', ')}) not found; set POSTGRES_BIN_DIR`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
      execFileSync('which', ['runuser'], { stdio: 'ignore' });
    } catch {
      return 'running as root, and there is no `postgres` OS user (or no runuser) to run initdb as';
    }
  }
  return null;
}

export async function startStreamingReplica(): Promise<StreamingReplica> {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('PostgreSQL server binaries not found');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tracker-replication-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    try {
      return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
    }
  };
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const logs = { primary: join(dir, 'primary.log'), replica: join(dir, 'replica.log') };
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  let started: string[] = [];
  const stopAll = async () => {
    for (const data of [...started].reverse()) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    started = [];
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      [
        '',
        '# tracker replication test',
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'fsync = off',
        'log_statement = all',
        "log_line_prefix = 'app=%a db=%d '",
        '',
      ].join('\n'),
    );
    run('pg_ctl', ['-D', primaryDir, '-l', logs.primary, '-w', '-t', '60', 'start']);
    started.push(primaryDir);
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
    appendFileSync(join(replicaDir, 'postgresql.conf'), `\nport = ${replicaPort}\nhot_standby = on\n`);
    run('pg_ctl', ['-D', replicaDir, '-l', logs.replica, '-w', '-t', '60', 'start']);
    started.push(replicaDir);
  } catch (error) {
    await stopAll();
    throw error;
  }

  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const sql = async <R,>(server: 'primary' | 'replica', database: string, text: string, params: unknown[] = []) => {
    const client = new Client({
      connectionString: url(server === 'primary' ? primaryPort : replicaPort, database),
      application_name: 'replica-test',
    });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as R[];
    } finally {
      await client.end();
    }
  };
  const marks = { primary: 0, replica: 0 };
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return {
    primaryUrl: (database) => url(primaryPort, database),
    replicaUrl: (database) => url(replicaPort, database),
    sql,
    async waitForReplay() {
      const [{ lsn }] = await sql<{ lsn: string }>('primary', 'postgres', 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const [{ done }] = await sql<{ done: boolean }>(
          'replica',
          'postgres',
          'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
          [lsn],
        );
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the replica did not replay up to ${lsn} within 30 s`);
    },
    async pauseReplay() {
      await sql('replica', 'postgres', 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await sql('replica', 'postgres', 'SELECT pg_wal_replay_resume()');
    },
    mark() {
      marks.primary = size(logs.primary);
      marks.replica = size(logs.replica);
    },
    logSinceMark(server) {
      const text = readFileSync(logs[server], 'utf8');
      return Buffer.from(text).subarray(marks[server]).toString('utf8').split('\n').filter(Boolean);
    },
    stop: stopAll,
  };
}
