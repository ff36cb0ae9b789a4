import { join } from 'node:path';
import { types, type ClientBase } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { Environment } from '../config/environment';
import { DatabaseLogger } from './database.logger';
import type { EmbeddedConnection } from './embedded-postgres';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { parseTimestamptz } from './timestamptz-parser';

/**
 * Every entity file of src/ (or dist/src/ when compiled), for what runs outside the Nest
 * application: the TypeORM CLI (migrations, `migration:check`), seed and backup scripts,
 * tests. The application itself registers each feature's entities in its module
 * (TypeOrmModule.forFeature, autoLoadEntities); test/entity-registration.e2e-spec.ts
 * checks that both sets are the same, so an entity cannot be left out of either.
 */
export const ENTITY_FILES = join(__dirname, '..', '**', '*.entity.{ts,js}');

// DATE columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// timestamptz: the same Date as node-postgres's reader gives, without its regular expressions.
types.setTypeParser(types.builtins.TIMESTAMPTZ, parseTimestamptz);

/**
 * The one description of the database, shared by the application, the TypeORM
 * CLI, the seed script and the tests. `synchronize` is off everywhere: the
 * schema changes only through migrations/.
 */
export function buildDataSourceOptions(
  env: Pick<Environment, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'> & Partial<Pick<Environment, 'DATABASE_REPLICA_URLS' | 'DATABASE_JIT'>>,
  embedded: EmbeddedConnection | null = null,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: [ENTITY_FILES],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Ids default to gen_random_uuid(), built into PostgreSQL 13+.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logger: new DatabaseLogger(),
    maxQueryExecutionTime: 1000,
    // Passed to every pg pool (the primary's and each replica's).
    extra: env.DATABASE_JIT ? {} : { onConnect: withoutJit },
  };
  const replicas = replicaUrls(env.DATABASE_REPLICA_URLS);
  if (replicas.length && !env.DATABASE_URL) {
    throw new Error('Invalid configuration: DATABASE_REPLICA_URLS needs DATABASE_URL (the primary they replicate)');
  }
  if (env.DATABASE_URL && replicas.length) {
    // TypeORM's replication: query builders and repositories outside a transaction read from a
    // replica (picked at random per query); transactions, writes, migrations and raw
    // dataSource.query() use the primary. One pool of DATABASE_POOL_SIZE per server.
    return {
      ...common,
      replication: {
        master: { url: env.DATABASE_URL },
        slaves: replicas.map((url) => ({ url })),
      },
      poolSize: databasePoolSize(env),
      applicationName: 'roundtable-tracker',
    };
  }
  if (env.DATABASE_URL) {
    return {
      ...common,
      url: env.DATABASE_URL,
      poolSize: databasePoolSize(env),
      applicationName: 'roundtable-tracker',
    };
  }
  // The embedded server (see embedded-postgres.ts): the same driver and pool, over its Unix socket.
  return {
    ...common,
    ...(embedded ? { host: embedded.host, port: embedded.port, username: embedded.user, database: embedded.database } : {}),
    poolSize: databasePoolSize(env),
    applicationName: 'roundtable-tracker',
  };
}

/**
 * pg-pool's hook for each new connection, before its first use: the session compiles nothing
 * just in time (DATABASE_JIT). A statement, not the `options` startup parameter, which PgBouncer
 * refuses for `jit` unless told to ignore it.
 */
async function withoutJit(client: ClientBase): Promise<void> {
  await client.query('SET jit = off');
}

/** The pool size per server: DATABASE_POOL_SIZE, or its default (10 on a server, 4 on the embedded one). */
export function databasePoolSize(env: Pick<Environment, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): number {
  return env.DATABASE_POOL_SIZE ?? (env.DATABASE_URL ? 10 : 4);
}

/** DATABASE_REPLICA_URLS split into URLs (empty when unset). */
export function replicaUrls(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
}
