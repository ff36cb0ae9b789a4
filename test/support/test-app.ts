import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/configure-app';
import { EmbeddedPostgresServer, startEmbeddedPostgresServer } from './embedded-postgres-server';
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

export interface TestApp {
  app: INestApplication;
  /** Where the data lives: a fresh database on the PostgreSQL server, or an in-memory PGlite of its own. */
  database: 'postgres' | 'embedded';
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
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const server = serverUrl();
  const template = process.env[ENV.template];
  let dropAfter: string | null = null;
  let embedded: EmbeddedPostgresServer | null = null;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = 'silent';
  process.env.SEED_DEMO = 'false';
  process.env.MIGRATIONS_RUN = 'true';
  process.env.EXPOSE_SQL_STATEMENT_COUNT = 'true';
  if (server && template) {
    const db = await createDatabaseFromTemplate(server, template);
    process.env.DATABASE_URL = db.url;
    dropAfter = db.name;
  } else {
    embedded = await startEmbeddedPostgresServer();
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_POOL_SIZE = '1';
  }
  Object.assign(process.env, env);

  const cleanUp = async () => {
    if (server && dropAfter) await dropDatabase(server, dropAfter);
    await embedded?.stop();
  };
  let app: INestApplication;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureApp(app);
    await app.init();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const dataSource = app.get(DataSource);

  const gql = async <T,>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await request(app.getHttpServer()).post('/graphql').set(headers).send({ query, variables });
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
    database: embedded ? 'embedded' : 'postgres',
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
