import { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AuditModule } from '../../../src/audit/audit.module';
import { Actor } from '../../../src/auth/actor';
import { Role } from '../../../src/auth/role.enum';
import { CommonModule } from '../../../src/common/common.module';
import { AppConfigModule, EnvironmentOverrides } from '../../../src/config/config.module';
import { DatabaseModule } from '../../../src/database/database.module';
import { JobsModule } from '../../../src/jobs/jobs.module';
import { I18nModule } from '../../../src/i18n/i18n.module';
import { createDatabaseFromTemplate, dropDatabase, ENV, serverUrl } from '../../support/test-database';

/**
 * The medium tier: only the modules a rule needs (its features' services and
 * repositories, over config, clock, i18n, the database and the audit) on a database
 * of its own cloned from the migrated template. No HTTP server, no GraphQL schema:
 * a file builds in a second or two what an e2e file builds in ten.
 */
export interface MediumModule {
  module: TestingModule;
  db: DataSource;
  /** Who the factories write as: an administrator, as the e2e tests' bootstrap token. */
  actor: Actor;
  /** Runs SQL directly against the test database (for assertions only). */
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export const MEDIUM_ACTOR: Actor = { tokenId: null, name: 'medium-test', role: Role.ADMIN, organizationId: null, requestId: null };

export async function createMediumModule(features: NonNullable<ModuleMetadata['imports']>, env: EnvironmentOverrides = {}): Promise<MediumModule> {
  const server = serverUrl();
  const template = process.env[ENV.template];
  if (!server || !template) throw new Error('no test database server: run the medium tests through jest (global-setup prepares it)');
  const database = await createDatabaseFromTemplate(server, template);
  const overrides: EnvironmentOverrides = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    MIGRATIONS_RUN: 'false',
    RESPONSE_CACHE: 'false',
    DATABASE_URL: database.url,
    ...env,
  };
  let module: TestingModule;
  try {
    module = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(overrides), CommonModule, I18nModule, DatabaseModule, JobsModule, AuditModule, ...features],
    })
      .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {}, fatal() {} })
      .compile();
    await module.init();
  } catch (error) {
    await dropDatabase(server, database.name);
    throw error;
  }
  const db = module.get(DataSource);
  return {
    module,
    db,
    actor: MEDIUM_ACTOR,
    sql: <R,>(text: string, params: unknown[] = []) => db.query<R[]>(text, params),
    close: async () => {
      await module.close();
      await dropDatabase(server, database.name);
    },
  };
}
