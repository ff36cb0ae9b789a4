import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.service';
import { AppConfigModule } from '../config/config.module';
import { buildDataSourceOptions } from './data-source-options';
import { SqlStatementCounterMiddleware } from './sql-statement-counter.middleware';
import { DemoSeedOnFirstStart } from './seed/demo-seed-on-first-start';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [AppConfigModule],
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          DATABASE_URL: config.get('DATABASE_URL'),
          DATA_DIR: config.get('DATA_DIR'),
          DATABASE_POOL_SIZE: config.get('DATABASE_POOL_SIZE'),
        }),
        migrationsRun: config.get('MIGRATIONS_RUN'),
        // Fail fast at boot instead of retrying for half a minute.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [DemoSeedOnFirstStart],
})
export class DatabaseModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SqlStatementCounterMiddleware).forRoutes('*');
  }
}
