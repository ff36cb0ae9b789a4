import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { parseCronItems, run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { primaryConnectionConfig } from '../database/primary-connection';
import { jobLogger, JobQueue } from './job-queue';
import { JobWorkerLeases } from './job-worker-leases';

/**
 * The worker's lifecycle in the service (JobQueue brings the schema up to date first). With
 * JOBS_WORKER it works the queue (JOBS_CONCURRENCY jobs at once) until shutdown, when it
 * stops taking jobs and waits for the running ones before the database closes.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private pool: Pool | null = null;
  private runner: Runner | null = null;
  private leases: JobWorkerLeases | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('JOBS_WORKER')) await this.start();
  }

  /** Whether this instance works the queue now. */
  get running(): boolean {
    return this.runner !== null;
  }

  /** Starts working the queue (at boot with JOBS_WORKER; tests start it by hand). */
  async start(): Promise<void> {
    if (this.runner) return;
    await this.queue.ready();
    const { handlers, schedules } = this.queue.registered();
    const taskList: TaskList = {};
    for (const [task, handler] of handlers) {
      taskList[task] = (payload, helpers) =>
        handler(payload, { jobId: helpers.job.id, attempt: helpers.job.attempts, jobKey: helpers.job.key ?? null });
    }
    const leases = new JobWorkerLeases(this.connections(), `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`, this.config.get('JOBS_WORKER_LEASE_SECONDS'));
    this.leases = leases;
    const events: WorkerEvents = new EventEmitter();
    // graphile-worker locks jobs in the name of the worker pool (its id): that is what is leased,
    // from the pool's creation until it is released on a clean stop.
    events.on('pool:create', ({ workerPool }) => void leases.add(workerPool.id).catch((error: Error) => this.logger.warn(`job worker lease failed: ${error.message}`)));
    events.on('pool:release', ({ workerPool }) => void leases.remove(workerPool.id).catch(() => undefined));
    this.runner = await run({
      events,
      pgPool: this.connections(),
      concurrency: this.config.get('JOBS_CONCURRENCY'),
      pollInterval: this.config.get('JOBS_POLL_INTERVAL_MS'),
      noHandleSignals: true,
      logger: jobLogger(),
      taskList,
      parsedCronItems: parseCronItems(
        schedules.map((s) => ({ task: s.task, match: s.pattern, identifier: s.identifier ?? s.task, options: { backfillPeriod: 0 } })),
      ),
    });
    leases.start();
    this.logger.log(`working the job queue (${handlers.size} tasks, ${this.config.get('JOBS_CONCURRENCY')} at once)`);
  }

  /** Stops taking jobs and waits for the running ones. */
  async stop(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    if (runner) await runner.stop();
    await this.leases?.stop();
    this.leases = null;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  /** A pool of its own (the worker holds a LISTEN connection and runs jobs beside the requests). */
  private connections(): Pool {
    if (!this.pool) {
      this.pool = new Pool({
        ...primaryConnectionConfig(this.db),
        application_name: 'roundtable-tracker jobs',
        max: this.config.get('JOBS_CONCURRENCY') + 2,
      });
      // An idle connection that breaks (server restart, network) is logged and replaced, not fatal.
      const lost = (error: Error) => this.logger.warn(`job queue connection lost: ${error.message}`);
      this.pool.on('error', lost);
      this.pool.on('connect', (client) => client.on('error', lost));
    }
    return this.pool;
  }
}
