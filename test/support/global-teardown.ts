import type { EmbeddedTestServer } from './embedded-postgres-server';
import { ENV, serverUrl, withAdminClient } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const server = serverUrl();
  const template = process.env[ENV.template];
  if (server && template) {
    await withAdminClient(server, (c) => c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
  }
  await (globalThis as { trackerEmbeddedTestServer?: EmbeddedTestServer }).trackerEmbeddedTestServer?.stop();
}
