import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { EmbeddedConnection, EmbeddedPostgres } from './embedded-postgres';

/**
 * The one owner of the embedded PostgreSQL server in the application: present
 * when DATABASE_URL is unset. The DataSource factory starts it before
 * connecting; DatabaseModule stops it after the pool has closed; /health asks
 * it whether the server still runs.
 */
@Injectable()
export class EmbeddedDatabase {
  private readonly logger = new Logger('EmbeddedPostgres');
  readonly server: EmbeddedPostgres | null;

  constructor(config: AppConfig) {
    this.server = config.usesEmbeddedDatabase
      ? new EmbeddedPostgres({
          dataDir: config.get('DATA_DIR'),
          osUser: config.get('EMBEDDED_POSTGRES_OS_USER'),
          log: (level, message) => this.logger[level](message),
        })
      : null;
  }

  /** Starts the server (first start: initdb) and says where to connect; null on a PostgreSQL server. */
  start(): Promise<EmbeddedConnection | null> {
    return this.server ? this.server.start() : Promise.resolve(null);
  }

  /** Null when healthy (or not embedded); otherwise why the server is not running. */
  get failure(): string | null {
    return this.server ? this.server.failure : null;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}

@Global()
@Module({ providers: [EmbeddedDatabase], exports: [EmbeddedDatabase] })
export class EmbeddedDatabaseModule {}
