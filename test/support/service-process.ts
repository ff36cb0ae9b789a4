import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceBuild } from './service-build';

const ROOT = join(__dirname, '..', '..');

/** Children still running, so a failing test cannot leave one behind (see stopAllServices). */
const running = new Set<ChildProcess>();

/** The real service in a child process, compiled and run as `npm start` runs it (serviceBuild), for tests of process-level behaviour. */
export interface ServiceProcess {
  url: string;
  output(): string;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }>;
  /** Sends a signal; resolves with how the process ended (Nest re-raises the signal after a graceful close). */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the service with `env` over this process's; on a free port unless env.PORT names one (a test that takes it). */
export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const port = /^\d+$/.test(env.PORT ?? '') ? Number(env.PORT) : await freePort();
  // Its own bootstrap token: rate-limit counters shared in Redis are keyed by token, so concurrent
  // or back-to-back test runs against the same Redis must not spend each other's budget.
  const ADMIN_TOKEN = env.ADMIN_TOKEN ?? `service-process-admin-${randomBytes(16).toString('hex')}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: String(port),
    ADMIN_TOKEN,
    ...env,
  };
  delete childEnv.DATABASE_URL;
  if (env.DATABASE_URL) childEnv.DATABASE_URL = env.DATABASE_URL;
  const child = spawn(process.execPath, [serviceBuild()], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('close', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, port, child, () => output);
  return {
    url,
    output: () => output,
    async graphql(query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: unknown[] };
    },
    stop: (signal = 'SIGTERM') => stop(child, signal),
  };
}

async function waitForHealth(url: string, port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output()}`);
    try {
      // Healthy, and this child is what listens: its port was free when chosen, but until the child
      // binds it, another process (a parallel test's application) may take it and answer in its place.
      const res = await fetch(`${url}/health`);
      if (res.ok && listensOn(child.pid!, port)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop(child, 'SIGKILL');
  throw new Error(`service did not become healthy within 60 s:\n${output()}`);
}

/**
 * Whether process `pid` holds the socket listening on TCP `port`: the kernel's tables of listening
 * sockets (/proc/net/tcp, tcp6) name each socket's inode, and the process's descriptors link to the
 * inodes of its sockets. Where there is no /proc (not Linux), assumed.
 */
function listensOn(pid: number, port: number): boolean {
  if (process.platform !== 'linux') return true;
  const LISTEN = '0A';
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue; // no IPv6
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && fields[1].endsWith(local) && fields[3] === LISTEN) inodes.add(fields[9]);
    }
  }
  let descriptors: string[];
  try {
    descriptors = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // it has exited
  }
  return descriptors.some((fd) => {
    try {
      return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
    } catch {
      return false; // closed meanwhile
    }
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    // 'close' (not 'exit'): waits until its output has been read to the end.
    child.once('close', (code, exitSignal) => {
      clearTimeout(killer);
      resolve({ code, signal: exitSignal });
    });
    child.kill(signal);
  });
}

/** For afterEach/afterAll: kills whatever a test left running. */
export async function stopAllServices(): Promise<void> {
  await Promise.all([...running].map((child) => stop(child, 'SIGKILL')));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A temp DATA_DIR for the service's embedded PostgreSQL. mkdtemp makes it 0700; run as root the
 * server runs as an unprivileged user, which must be able to enter it.
 */
export function tempDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}
