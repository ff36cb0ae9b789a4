import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import {
  DEFAULT_TEST_SERVER_URL,
  ENV,
  databaseUrl,
  isServerReachable,
  uniqueDatabaseName,
  withAdminClient,
} from './test-database';

/** Migrates one template database per test run (when a PostgreSQL server is reachable). */
export default async function globalSetup(): Promise<void> {
  Logger.overrideLogger(['error']);
  const server = process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL;
  if (!(await isServerReachable(server))) {
    console.log(`\n[e2e] no PostgreSQL server at ${new URL(server).host}: e2e tests use the embedded database (PGlite)`);
    delete process.env[ENV.serverUrl];
    return;
  }
  const template = uniqueDatabaseName('tracker_template');
  await withAdminClient(server, (c) => c.query(`CREATE DATABASE "${template}"`));
  const dataSource = new DataSource(
    buildDataSourceOptions({ DATABASE_URL: databaseUrl(server, template), DATA_DIR: '', DATABASE_POOL_SIZE: 2 }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env[ENV.serverUrl] = server;
  process.env[ENV.template] = template;
  console.log(`\n[e2e] PostgreSQL at ${new URL(server).host}: each test file gets a database cloned from ${template}`);
}
