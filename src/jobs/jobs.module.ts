import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobWorker } from './job-worker';

/** The job queue in PostgreSQL (see JobQueue for the entry points, JobWorker for the lifecycle). */
@Global()
@Module({ providers: [JobQueue, JobWorker], exports: [JobQueue, JobWorker] })
export class JobsModule {}
