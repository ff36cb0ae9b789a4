import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { EnvironmentOverrides } from '../../src/config/config.module';
import { configureApp } from '../../src/configure-app';
import { createDatabaseFromTemplate, dropDatabase, ENV, serverUrl } from './test-database';

export interface GraphqlError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphqlResponse<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: GraphqlError[];
  headers: Record<string, string>;
  /** SQL statements the request cost (x-sql-statements). */
  statements: number;
  /** The body as it was sent. */
  text: string;
}

/** The bootstrap ADMIN_TOKEN every test app accepts; t.gql sends it unless told otherwise. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789-abcdefghijklmnop';

export interface TestApp {
  app: INestApplication;
  adminToken: string;
  /**
   * POST /graphql as the bootstrap admin. `headers.authorization` replaces the
   * token (e.g. `bearer(token)`); an empty string sends the request anonymously.
   */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResponse<T>>;
  /** Like gql, but fails the test on any GraphQL error. */
  gqlOk<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The app's database (e.g. for a second app or a client of its own on the same data). */
  databaseUrl: string;
  /** Runs SQL directly against the test database (for assertions only). */
  sql<R = Record<string, any>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * The full AppModule over HTTP, on a database of its own. `env` overrides the test
 * defaults below and the process environment for this app only: it is handed to
 * AppModule.forRoot(), and process.env is left as it was (no setting leaks into the
 * next app or test file).
 */
export interface TestAppOptions {
  /** Use this (existing, migrated or empty) database instead of a fresh one; it is not dropped afterwards. */
  databaseUrl?: string;
}

export async function createTestApp(env: EnvironmentOverrides = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const server = serverUrl();
  const template = process.env[ENV.template];
  let dropAfter: string | null = null;
  let databaseUrl: string;
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
  } else {
    if (!server || !template) throw new Error('no test database server: run the e2e tests through jest (global-setup prepares it)');
    const db = await createDatabaseFromTemplate(server, template);
    databaseUrl = db.url;
    dropAfter = db.name;
  }
  const overrides: EnvironmentOverrides = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    MIGRATIONS_RUN: 'true',
    EXPOSE_SQL_STATEMENT_COUNT: 'true',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    PUBLIC_READ: 'false',
    // Generous in tests; rate limiting has tests of its own that lower these.
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    // Statement counts in tests measure execution; the response cache (which answers without executing)
    // has tests of its own that turn it on.
    RESPONSE_CACHE: 'false',
    // The job queue's schema is there, but no worker runs jobs unless a test starts one (JobWorker.start()).
    JOBS_WORKER: 'false',
    DATABASE_URL: databaseUrl,
    ...env,
  };

  const cleanUp = async () => {
    if (server && dropAfter) await dropDatabase(server, dropAfter);
  };
  let app: INestApplication;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(overrides)] }).compile();
    app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    configureApp(app);
    await app.init();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const dataSource = app.get(DataSource);

  const gql = async <T,>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const { authorization = bearer(TEST_ADMIN_TOKEN), ...rest } = headers;
    const req = request(app.getHttpServer()).post('/graphql').set(rest);
    if (authorization) void req.set('authorization', authorization);
    const res = await req.send({ query, variables });
    const body = res.body as { data?: T | null; errors?: GraphqlError[] };
    return {
      status: res.status,
      data: body.data ?? null,
      errors: body.errors,
      headers: res.headers as Record<string, string>,
      statements: Number(res.headers['x-sql-statements'] ?? NaN),
      text: res.text,
    };
  };

  return {
    app,
    adminToken: TEST_ADMIN_TOKEN,
    databaseUrl,
    gql,
    async gqlOk<T>(query: string, variables?: Record<string, unknown>) {
      const res = await gql<T>(query, variables);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
      return res.data as T;
    },
    sql: (text, params) => dataSource.query(text, params),
    async close() {
      await app.close();
      await cleanUp();
    },
  };
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}
