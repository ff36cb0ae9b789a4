import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * The embedded PostgreSQL (the same binaries and code as the service's default),
 * in a temp dir of its own, as the e2e tests' server when no PostgreSQL server
 * is reachable: global setup starts one, and the tests take the template path.
 */
export interface EmbeddedTestServer {
  /** An admin URL on its Unix socket (127.0.0.1 on Windows). */
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedTestServer(): Promise<EmbeddedTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tracker-test-pg-'));
  // As root the server runs as an unprivileged user, which must reach the (0700) temp dir.
  chmodSync(dataDir, 0o755);
  const server = new EmbeddedPostgres({
    dataDir,
    osUser: process.env.EMBEDDED_POSTGRES_OS_USER || 'tracker-postgres',
    log: (level, message) => {
      if (level === 'error') console.error(`[embedded postgres] ${message}`);
    },
  });
  const connection = await server.start();
  const url = new URL(`postgres://${connection.user}@localhost:${connection.port}/postgres`);
  if (connection.host.startsWith('/')) url.searchParams.set('host', connection.host);
  else url.hostname = connection.host;
  return {
    url: url.toString(),
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
