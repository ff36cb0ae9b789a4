import { Logger, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.service';
import { buildDataSourceOptions } from './data-source-options';
import { SqlStatementCounterMiddleware } from './sql-statement-counter.middleware';
import { EmbeddedDatabase, EmbeddedDatabaseModule } from './embedded-database';
import { DatabaseCapabilitiesModule } from './database-capabilities';
import { disablePreparedStatements } from './prepared-statements';

@Module({
  imports: [
    EmbeddedDatabaseModule,
    TypeOrmModule.forRootAsync({
      imports: [EmbeddedDatabaseModule],
      inject: [AppConfig, EmbeddedDatabase],
      useFactory: async (config: AppConfig, embedded: EmbeddedDatabase) => ({
        ...buildDataSourceOptions(
          {
            DATABASE_URL: config.get('DATABASE_URL'),
            DATABASE_POOL_SIZE: config.get('DATABASE_POOL_SIZE'),
            DATABASE_REPLICA_URLS: config.get('DATABASE_REPLICA_URLS'),
            DATABASE_JIT: config.get('DATABASE_JIT'),
          },
          await embedded.start(),
        ),
        // Each feature module registers its own entities (TypeOrmModule.forFeature).
        entities: [],
        autoLoadEntities: true,
        migrationsRun: config.get('MIGRATIONS_RUN'),
        // Fail fast at boot instead of retrying for half a minute.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
    DatabaseCapabilitiesModule,
  ],
})
export class DatabaseModule implements NestModule, OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly embedded: EmbeddedDatabase,
  ) {
    if (!config.get('DATABASE_PREPARED_STATEMENTS')) disablePreparedStatements(db);
  }

  /**
   * Runs after the HTTP server has closed (Nest disposes it first), so in-flight requests finish;
   * then the pool closes, then the embedded server (if any) stops.
   */
  async onApplicationShutdown(signal?: string): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
    await this.embedded.stop();
    new Logger('Database').log(`closed the database${signal ? ` on ${signal}` : ''}`);
  }

  configure(consumer: MiddlewareConsumer): void {
    // Only where asked for (tests, the benchmark's counting pass): the counter's AsyncLocalStorage
    // turns on async hooks for every promise, which costs throughput.
    if (this.config.get('EXPOSE_SQL_STATEMENT_COUNT')) consumer.apply(SqlStatementCounterMiddleware).forRoutes('*');
  }
}
