import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger as WorkerLogger, runMigrations } from 'graphile-worker';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { primaryConnectionConfig } from '../database/primary-connection';

/** What a task receives besides its payload. */
export interface JobContext {
  /** The job's id in graphile_worker (for logs). */
  jobId: string;
  /** 1 on the first attempt, then 2, 3, … (retries come with exponential backoff). */
  attempt: number;
  /** The key it was enqueued with, if any. */
  jobKey: string | null;
}

/**
 * Runs one job. Throwing makes the queue retry it later (exponential backoff, up to maxAttempts):
 * a handler must therefore be idempotent (do nothing the second time for what the first did).
 */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /**
   * At most one waiting job per key: enqueueing a key that is already queued (or running) does
   * nothing. Once the job has finished, the key is free again, so a lasting "only once" belongs in
   * the handler's own data (e.g. a unique dedupe key).
   */
  jobKey?: string;
  /** Not before this moment (default: at once). */
  runAt?: Date;
  /** Attempts before the job is given up (default 10: about 3 hours of backoff in all). */
  maxAttempts?: number;
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string;
}

/** A recurring job: a crontab line's time fields, evaluated in UTC by the queue. */
export interface Schedule {
  task: string;
  /** Five crontab fields, e.g. `0 * * * *` (every hour, on the hour, UTC). */
  pattern: string;
  /** Names the schedule in graphile_worker.known_crontabs (default: the task). */
  identifier?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * The job queue in PostgreSQL (graphile-worker): the one entry point features use to defer work.
 *
 * - `enqueueInTransaction(manager, …)` adds the job on the connection and in the transaction of the
 *   write that causes it: a rolled-back write leaves no job, a committed one cannot lose it.
 * - `register(task, handler)` (in a provider's `onModuleInit`) says what runs a task; every instance
 *   that works the queue (JOBS_WORKER) must know every task.
 * - `schedule(...)` adds a recurring job (crontab).
 *
 * Several instances share the jobs (SKIP LOCKED); a job locked by an instance that died is run again
 * once its lease lapses (JobWorkerLeases, JOBS_WORKER_LEASE_SECONDS), not graphile-worker's 4-hour lock timeout.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: Schedule[] = [];
  private schema: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Brings the queue's schema up to date at start (wherever jobs may be enqueued: the service, the CLIs). */
  onApplicationBootstrap(): Promise<void> {
    return this.ready();
  }

  /** Resolves once graphile-worker's schema (its own migrations, idempotent) is up to date. */
  ready(): Promise<void> {
    this.schema ??= migrateQueueSchema(this.db);
    return this.schema;
  }

  register(task: string, handler: JobHandler): void {
    if (!/^[a-z][a-zA-Z0-9_.:-]{0,99}$/.test(task)) throw new Error(`job task name "${task}" is not valid`);
    if (this.handlers.has(task)) throw new Error(`job task "${task}" is registered twice`);
    this.handlers.set(task, handler);
  }

  schedule(schedule: Schedule): void {
    this.schedules.push(schedule);
  }

  /** The tasks and schedules registered so far (the worker reads them when it starts). */
  registered(): { handlers: ReadonlyMap<string, JobHandler>; schedules: readonly Schedule[] } {
    return { handlers: this.handlers, schedules: this.schedules };
  }

  /** Adds a job inside the caller's transaction (`manager` is the transaction's EntityManager). */
  async enqueueInTransaction(manager: EntityManager, task: string, payload: object, options: EnqueueOptions = {}): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('enqueueInTransaction needs the EntityManager of an open transaction');
    }
    await manager.query(ADD_JOB, addJobParameters(task, payload, options));
  }

  /** Adds a job on its own (no write to tie it to: schedules, retries by hand, tests). */
  async enqueue(task: string, payload: object, options: EnqueueOptions = {}): Promise<void> {
    await this.db.query(ADD_JOB, addJobParameters(task, payload, options));
  }
}

/**
 * graphile-worker's own function, so the job is added on this connection (not through a pool of its
 * own). `unsafe_dedupe`: a key already queued or running is left alone (no replacement, no second job).
 */
const ADD_JOB = `SELECT (graphile_worker.add_job(
  identifier => $1::text, payload => $2::json, queue_name => $3::text, run_at => $4::timestamptz,
  max_attempts => $5::int, job_key => $6::text, job_key_mode => CASE WHEN $6::text IS NULL THEN NULL ELSE 'unsafe_dedupe' END
)).id`;

function addJobParameters(task: string, payload: object, options: EnqueueOptions): unknown[] {
  return [
    task,
    JSON.stringify(payload),
    options.queueName ?? null,
    options.runAt?.toISOString() ?? null,
    options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    options.jobKey ?? null,
  ];
}

/** graphile-worker's migrations on a connection of their own (under its advisory lock: instances may start together). */
async function migrateQueueSchema(db: DataSource): Promise<void> {
  const pool = new Pool({ ...primaryConnectionConfig(db), application_name: 'roundtable-tracker jobs', max: 1 });
  const lost = (error: Error) => new Logger('Jobs').warn(`job queue migration connection lost: ${error.message}`);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  try {
    await runMigrations({ pgPool: pool, logger: jobLogger() });
  } finally {
    await pool.end();
  }
}

/** graphile-worker's log lines through the application's logger ("Jobs"). */
export function jobLogger(): WorkerLogger {
  const logger = new Logger('Jobs');
  return new WorkerLogger(() => (level, message) => {
    if (String(level) === 'error') logger.error(message);
    else if (String(level) === 'warning') logger.warn(message);
    else logger.debug(message);
  });
}
