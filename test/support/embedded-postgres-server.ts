import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './service-process';

/**
 * An in-memory PGlite (the embedded PostgreSQL) served over the PostgreSQL wire
 * protocol by pglite-socket, in a child process of its own. Used by e2e tests
 * when no PostgreSQL server is reachable. PGlite is one backend, so the app must
 * use a pool of one connection against it (transactions would interleave otherwise).
 */
export interface EmbeddedPostgresServer {
  url: string;
  stop(): Promise<void>;
}

const SERVER_SCRIPT = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@electric-sql',
  'pglite-socket',
  'dist',
  'scripts',
  'server.js',
);

export async function startEmbeddedPostgresServer(): Promise<EmbeddedPostgresServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_SCRIPT, `--port=${port}`, '--host=127.0.0.1', '--db=memory://'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(url, child, () => output);
  return {
    url,
    stop: () => stopChild(child),
  };
}

async function waitUntilAccepting(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pglite-socket exited (${child.exitCode}): ${output()}`);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  await stopChild(child);
  throw new Error(`pglite-socket did not accept connections within 30 s: ${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
