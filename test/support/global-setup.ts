import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startEmbeddedTestServer } from './embedded-postgres-server';
import {
  DEFAULT_TEST_SERVER_URL,
  ENV,
  databaseUrl,
  isServerReachable,
  uniqueDatabaseName,
  withAdminClient,
} from './test-database';

const ROOT = join(__dirname, '..', '..');

/**
 * Migrates one template database per test run; each test file then clones it.
 * The server is TEST_DATABASE_URL (default the local one) when reachable, else
 * one embedded PostgreSQL (the service's own default) started here for the run:
 * either way the same path. The migrations run through the project's own
 * `migration:run` in a child process: loading the application's modules here,
 * in Jest's parent process, would leak them into the test files.
 */
export default async function globalSetup(): Promise<void> {
  let server = process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL;
  if (!(await isServerReachable(server))) {
    const embedded = await startEmbeddedTestServer();
    // globalTeardown runs in this same process and stops it.
    (globalThis as { trackerEmbeddedTestServer?: typeof embedded }).trackerEmbeddedTestServer = embedded;
    console.log(`\n[e2e] no PostgreSQL server at ${new URL(server).host}: started an embedded PostgreSQL for this run`);
    server = embedded.url;
  }
  const template = uniqueDatabaseName('tracker_template');
  await withAdminClient(server, (c) => c.query(`CREATE DATABASE "${template}"`));
  execFileSync('npm', ['run', '--silent', 'migration:run'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl(server, template) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The job queue's schema (graphile-worker's own migrations, which the app also runs at start): in the
  // template, so each app's start only checks it.
  execFileSync(join(ROOT, 'node_modules', '.bin', 'graphile-worker'), ['--schema-only', '--connection', databaseUrl(server, template)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env[ENV.serverUrl] = server;
  process.env[ENV.template] = template;
  console.log(`[e2e] each test file gets a database cloned from ${template}`);
}
