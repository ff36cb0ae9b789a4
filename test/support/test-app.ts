import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
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
  /** Runs SQL directly against the test database (for assertions only). */
  sql<R = Record<string, any>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * The full AppModule over HTTP, on a database of its own. Environment overrides
 * are applied before AppModule.forRoot() reads and validates them.
 */
export interface TestAppOptions {
  /** Use this (existing, migrated or empty) database instead of a fresh one; it is not dropped afterwards. */
  databaseUrl?: string;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const server = serverUrl();
  const template = process.env[ENV.template];
  let dropAfter: string | null = null;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = 'silent';
  process.env.SEED_DEMO = 'false';
  process.env.MIGRATIONS_RUN = 'true';
  process.env.EXPOSE_SQL_STATEMENT_COUNT = 'true';
  process.env.ADMIN_TOKEN = TEST_ADMIN_TOKEN;
  process.env.PUBLIC_READ = 'false';
  // Generous in tests; rate limiting has tests of its own that lower these.
  process.env.RATE_LIMIT_PER_MINUTE = '100000';
  process.env.RATE_LIMIT_ANONYMOUS_PER_MINUTE = '100000';
  // Statement counts in tests measure execution; the response cache (one version lookup per query)
  // has tests of its own that turn it on.
  process.env.RESPONSE_CACHE = 'false';
  if (options.databaseUrl) {
    process.env.DATABASE_URL = options.databaseUrl;
  } else {
    if (!server || !template) throw new Error('no test database server: run the e2e tests through jest (global-setup prepares it)');
    const db = await createDatabaseFromTemplate(server, template);
    process.env.DATABASE_URL = db.url;
    dropAfter = db.name;
  }
  Object.assign(process.env, env);

  const cleanUp = async () => {
    if (server && dropAfter) await dropDatabase(server, dropAfter);
  };
  let app: INestApplication;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] }).compile();
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
    };
  };

  return {
    app,
    adminToken: TEST_ADMIN_TOKEN,
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
