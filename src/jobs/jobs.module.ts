import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobWorker } from './job-worker';

/**
 * The job queue in PostgreSQL: JobQueue (enqueue, register, schedule; the schema at start), for
 * every context that writes (the service, the CLIs). Global: features take it without importing it.
 */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}

/** Works the queue (JOBS_WORKER): in the service only, never in a CLI. */
@Module({ providers: [JobWorker], exports: [JobWorker] })
export class JobWorkerModule {}
