import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { buildDataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

// The CLI prints what it does, not every statement.
Logger.overrideLogger(['log', 'warn', 'error']);

// Same .env as the application (ConfigModule reads it there), so `migration:run` and `seed`
// talk to the database `npm start` uses. Variables already set win.
if (existsSync('.env') && process.env.NODE_ENV !== 'test') process.loadEnvFile('.env');

/**
 * Without DATABASE_URL the CLI works on the embedded server under DATA_DIR: it starts it
 * on initialize() and stops it on destroy() (refused while a service holds that DATA_DIR).
 */
class EmbeddedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly server: EmbeddedPostgres,
  ) {
    super(options);
  }

  override async initialize(): Promise<this> {
    const connection = await this.server.start();
    this.setOptions({ host: connection.host, port: connection.port, username: connection.user, database: connection.database });
    try {
      return await super.initialize();
    } catch (error) {
      await this.server.stop();
      throw error;
    }
  }

  override async destroy(): Promise<void> {
    try {
      if (this.isInitialized) await super.destroy();
    } finally {
      await this.server.stop();
    }
  }
}

function createDataSource(): DataSource {
  const env = validateEnvironment(process.env);
  const options = buildDataSourceOptions(env);
  if (env.DATABASE_URL) return new DataSource(options);
  const logger = new Logger('EmbeddedPostgres');
  const server = new EmbeddedPostgres({
    dataDir: env.DATA_DIR,
    osUser: env.EMBEDDED_POSTGRES_OS_USER,
    // The server's own routine lines (start, checkpoints) are noise in a CLI's output.
    log: (level, message) => (level === 'log' && message.startsWith('postgres:') ? undefined : logger[level](message)),
  });
  return new EmbeddedDataSource(options, server);
}

// Used by the TypeORM CLI (migration:run / revert / generate) and scripts.
// Reads the same validated environment as the application.
const dataSource = createDataSource();

export default dataSource;
