import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { EmbeddedPostgres, postmasterPid } from '../src/database/embedded-postgres';
import { ServiceProcess, startService, stopAllServices, tempDataDir } from './support/service-process';

const CREATE_MEETING = `mutation ($title: String!) { createMeeting(input: { title: $title, heldOn: "2025-03-01", format: HEARING, settlement: "Kant" }) { id } }`;
const MEETING_TITLES = '{ meetings(first: 100) { totalCount edges { node { title } } } }';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process whose command line names the cluster (a postgres left behind would). */
function processesOn(clusterDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(clusterDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function embeddedPid(service: ServiceProcess): Promise<number> {
  const health = (await (await fetch(`${service.url}/health`)).json()) as { details: { embeddedPostgres: { pid: number } } };
  return health.details.embeddedPostgres.pid;
}

/**
 * The embedded PostgreSQL as a process of the service: crashes, collisions and
 * shutdown, with the real service (src/main.ts) in child processes.
 */
describe('the embedded PostgreSQL server process', () => {
  const dataDirs: string[] = [];
  const dataDir = () => {
    const dir = tempDataDir('tracker-pg-process-');
    dataDirs.push(dir);
    return dir;
  };
  afterEach(stopAllServices);
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('after kill -9 of the service, the next start stops the orphaned server and every acknowledged write is there', async () => {
    const dir = dataDir();
    const first = await startService({ DATA_DIR: dir, SEED_DEMO: 'false' });
    const titles = Array.from({ length: 20 }, (_, i) => `Hearing ${i + 1}`);
    for (const title of titles) expect((await first.graphql(CREATE_MEETING, { title })).errors).toBeUndefined();
    const orphan = await embeddedPid(first);
    await first.stop('SIGKILL');
    // The server outlives the service that was killed.
    expect(isAlive(orphan)).toBe(true);
    expect(postmasterPid(join(dir, 'postgres'))).toBe(orphan);

    const second = await startService({ DATA_DIR: dir, SEED_DEMO: 'false' });
    expect(second.output()).toContain(`found an orphaned embedded PostgreSQL (pid ${orphan})`);
    expect(isAlive(orphan)).toBe(false);
    const after = await second.graphql(MEETING_TITLES);
    expect(after.data.meetings.edges.map((e: { node: { title: string } }) => e.node.title).sort()).toEqual([...titles].sort());
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('refuses a second service on the same DATA_DIR, naming the directory and the running pid', async () => {
    const dir = dataDir();
    const first = await startService({ DATA_DIR: dir, SEED_DEMO: 'false' });
    const holder = Number(readFileSync(join(dir, 'service.pid'), 'utf8'));
    await expect(startService({ DATA_DIR: dir, SEED_DEMO: 'false' })).rejects.toThrow(
      new RegExp(`DATA_DIR ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another running service \\(pid ${holder}\\)`),
    );
    // The first one is untouched.
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    expect((await first.graphql(CREATE_MEETING, { title: 'Still here' })).errors).toBeUndefined();
  });

  it('reports a server killed under the running service on /health', async () => {
    const service = await startService({ DATA_DIR: dataDir(), SEED_DEMO: 'false' });
    const pid = await embeddedPid(service);
    process.kill(pid, 'SIGKILL');
    let body: { status?: string; error?: { embeddedPostgres?: { message: string } } } = {};
    await waitFor(async () => {
      const res = await fetch(`${service.url}/health`);
      body = (await res.json()) as typeof body;
      // The failed ping may come a moment before the service has reaped the server process.
      return res.status === 503 && body.error?.embeddedPostgres !== undefined;
    }, '/health to answer 503 naming the embedded server');
    expect(body.status).toBe('error');
    expect(body.error?.embeddedPostgres?.message).toMatch(new RegExp(`embedded PostgreSQL \\(pid ${pid}\\) exited \\(SIGKILL\\)`));
    // The exit is logged too, though the log line may reach the output a moment after /health answers.
    await waitFor(() => service.output().includes(`embedded PostgreSQL (pid ${pid}) exited`), 'the exit to be logged');
  });

  it('after kill -9 of the embedded server, the first restart waits for the new server (the stale postmaster.pid says ready)', async () => {
    const dir = dataDir();
    const clusterDir = join(dir, 'postgres');
    const first = new EmbeddedPostgres({ dataDir: dir, osUser: 'tracker-postgres', log: () => undefined });
    const connection = await first.start();
    const client = new Client({ host: connection.host, port: connection.port, user: connection.user, database: connection.database });
    await client.connect();
    await client.query('CREATE TABLE before_the_crash (note text); INSERT INTO before_the_crash VALUES ($$kept$$)');
    await client.end();
    const pid = first.pid!;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => processesOn(clusterDir).length === 0, 'the killed server and its backends to be gone');
    await first.stop();
    // What a killed server leaves: its pid file, still saying "ready", and its socket.
    expect(postmasterPid(clusterDir)).toBe(pid);
    expect(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim()).toBe('ready');

    const second = new EmbeddedPostgres({ dataDir: dir, osUser: 'tracker-postgres', log: () => undefined });
    try {
      const again = await second.start();
      expect(second.pid).not.toBe(pid);
      const after = new Client({ host: again.host, port: again.port, user: again.user, database: again.database });
      await after.connect();
      expect((await after.query('SELECT note FROM before_the_crash')).rows).toEqual([{ note: 'kept' }]);
      await after.end();
    } finally {
      await second.stop();
    }
  });

  it('on SIGTERM stops the server (fast shutdown) and leaves no process behind', async () => {
    const dir = dataDir();
    const service = await startService({ DATA_DIR: dir, SEED_DEMO: 'false' });
    const pid = await embeddedPid(service);
    expect(processesOn(join(dir, 'postgres')).length).toBeGreaterThan(0);
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(isAlive(pid)).toBe(false);
    expect(processesOn(join(dir, 'postgres'))).toEqual([]);
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dir, 'service.pid'))).toBe(false);
  });

  it('works in a DATA_DIR too long for a Unix socket path (the socket goes to a short folder keyed by its hash)', async () => {
    const long = join(dataDir(), 'a-rather-long-folder-name-for-the-data'.repeat(3));
    mkdirSync(long, { recursive: true });
    const server = new EmbeddedPostgres({ dataDir: long, osUser: 'tracker-postgres', log: () => undefined });
    try {
      const connection = await server.start();
      expect(Buffer.byteLength(join(long, 'postgres', 'run', '.s.PGSQL.5432'))).toBeGreaterThan(107);
      expect(connection.host).toMatch(new RegExp(`^${tmpdir()}/tracker-pg-[0-9a-f]{16}$`));
      const client = new Client({ host: connection.host, port: connection.port, user: connection.user, database: connection.database });
      await client.connect();
      expect((await client.query(`SELECT 'ok' AS answer`)).rows).toEqual([{ answer: 'ok' }]);
      await client.end();
    } finally {
      await server.stop();
    }
  });

  it('recognises a DATA_DIR of the earlier embedded engine (PGlite) and points to the upgrade command', async () => {
    const dir = dataDir();
    // The top level of a PGlite data directory (PostgreSQL's layout, in DATA_DIR itself).
    writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    mkdirSync(join(dir, 'base'));
    await expect(startService({ DATA_DIR: dir })).rejects.toThrow(/holds a database of the earlier embedded engine \(PGlite\)[\s\S]*npm run embedded:upgrade/);
  });
});
