import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommonModule } from '../../common/common.module';
import { AppConfigModule } from '../../config/config.module';
import { DatabaseModule } from '../../database/database.module';
import { JobsModule } from '../../jobs/jobs.module';

/**
 * The configuration, database, the job queue (to enqueue; no worker) and one feature module, without HTTP or GraphQL:
 * what `npm run export` and `npm run import` run in. Reads the same environment
 * (and .env) as the service.
 */
export async function createCliContext(feature: Type<unknown>, extra: Type<unknown>[] = []): Promise<INestApplicationContext> {
  // Like the TypeORM CLI and `npm run seed`: the service's .env, real variables winning.
  if (existsSync('.env') && process.env.NODE_ENV !== 'test') process.loadEnvFile('.env');
  @Module({ imports: [AppConfigModule.forRoot(), CommonModule, DatabaseModule, JobsModule, ...extra, feature] })
  class CliModule {}
  return NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
}

/** Ends a CLI: the message on stderr and a non-zero exit code for a failure. */
export function fail(error: unknown): never {
  const details = (error as { details?: { validation?: string[] } }).details?.validation;
  console.error(details?.length ? details.join('\n') : error instanceof Error ? error.message : String(error));
  process.exit(1);
}
