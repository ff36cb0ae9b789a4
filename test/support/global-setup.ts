import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
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
 * Migrates one template database per test run (when a PostgreSQL server is
 * reachable); each test file then clones it. The migrations run through the
 * project's own `migration:run` in a child process: loading the application's
 * modules here, in Jest's parent process, would leak them into the test files.
 */
export default async function globalSetup(): Promise<void> {
  const server = process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL;
  if (!(await isServerReachable(server))) {
    console.log(`\n[e2e] no PostgreSQL server at ${new URL(server).host}: each test file runs on its own embedded PostgreSQL (PGlite)`);
    delete process.env[ENV.serverUrl];
    return;
  }
  const template = uniqueDatabaseName('tracker_template');
  await withAdminClient(server, (c) => c.query(`CREATE DATABASE "${template}"`));
  execFileSync('npm', ['run', '--silent', 'migration:run'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl(server, template) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env[ENV.serverUrl] = server;
  process.env[ENV.template] = template;
  console.log(`\n[e2e] PostgreSQL at ${new URL(server).host}: each test file gets a database cloned from ${template}`);
}
