import { join } from 'node:path';
import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { Environment } from '../config/environment';
import { DatabaseLogger } from './database.logger';
import { embeddedPostgresDriver } from './embedded-postgres';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// DATE columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * The one description of the database, shared by the application, the TypeORM
 * CLI, the seed script and the tests. `synchronize` is off everywhere: the
 * schema changes only through migrations/.
 */
export function buildDataSourceOptions(
  env: Pick<Environment, 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_POOL_SIZE'>,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Ids default to gen_random_uuid(), built into PostgreSQL 13+ and PGlite alike.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logger: new DatabaseLogger(),
    maxQueryExecutionTime: 1000,
  };
  if (env.DATABASE_URL) {
    return {
      ...common,
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      applicationName: 'roundtable-tracker',
    };
  }
  return {
    ...common,
    driver: embeddedPostgresDriver(env.DATA_DIR),
  };
}
