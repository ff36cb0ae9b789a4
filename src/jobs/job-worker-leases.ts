import { Logger } from '@nestjs/common';
import { Pool } from 'pg';

/**
 * The leases a working instance holds on its graphile-worker worker pool (table job_worker_lease;
 * graphile-worker locks jobs in the pool's id, `locked_by`). graphile-worker frees a job locked by a
 * pool that died only after its 4-hour lock timeout; with
 * leases, every instance renews its own every third of JOBS_WORKER_LEASE_SECONDS and frees the jobs
 * of any worker whose lease has lapsed (graphile_worker.force_unlock_workers), so a killed instance's
 * jobs run again on another within about one lease. A live instance that cannot reach the database
 * for a whole lease may see its jobs freed and run twice: the handlers are idempotent for that reason.
 */
export class JobWorkerLeases {
  private readonly logger = new Logger('Jobs');
  private readonly workers = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly instance: string,
    private readonly leaseSeconds: number,
  ) {}

  /** A worker pool of this instance started: lease it at once. */
  async add(workerId: string): Promise<void> {
    this.workers.add(workerId);
    await this.pool.query(
      `INSERT INTO job_worker_lease (worker_id, instance, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (worker_id) DO UPDATE SET renewed_at = now(), expires_at = EXCLUDED.expires_at`,
      [workerId, this.instance, this.leaseSeconds],
    );
  }

  /** A pool stopped cleanly: its jobs are released by graphile-worker, its lease goes. */
  async remove(workerId: string): Promise<void> {
    this.workers.delete(workerId);
    await this.pool.query('DELETE FROM job_worker_lease WHERE worker_id = $1', [workerId]);
  }

  /** Renews and recovers every third of a lease until stop(). */
  start(): void {
    this.timer ??= setInterval(() => void this.tick(), (this.leaseSeconds * 1000) / 3);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const ids = [...this.workers];
    this.workers.clear();
    if (ids.length) await this.pool.query('DELETE FROM job_worker_lease WHERE worker_id = ANY($1::text[])', [ids]).catch(() => undefined);
  }

  /** One renewal of this instance's leases, then the recovery of lapsed ones; returns the workers freed. */
  async tick(): Promise<string[]> {
    try {
      if (this.workers.size) {
        // An upsert: a lease another instance took as lapsed (this one was stalled) is held again.
        await this.pool.query(
          `INSERT INTO job_worker_lease (worker_id, instance, expires_at) SELECT w, $2, now() + make_interval(secs => $3) FROM unnest($1::text[]) AS w
           ON CONFLICT (worker_id) DO UPDATE SET renewed_at = now(), expires_at = EXCLUDED.expires_at`,
          [[...this.workers], this.instance, this.leaseSeconds],
        );
      }
      // One statement: the lapsed leases go, and their workers' jobs are unlocked for anyone to take.
      const { rows } = await this.pool.query<{ worker_id: string }>(
        `WITH lapsed AS (DELETE FROM job_worker_lease WHERE expires_at < now() RETURNING worker_id),
              freed AS (SELECT graphile_worker.force_unlock_workers(array_agg(worker_id)) FROM lapsed HAVING count(*) > 0)
         SELECT worker_id FROM lapsed, (SELECT count(*) FROM freed) AS done`,
      );
      const freed = rows.map((row) => row.worker_id);
      if (freed.length) this.logger.warn(`freed the jobs of ${freed.length} worker(s) whose instance stopped renewing its lease: ${freed.join(', ')}`);
      return freed;
    } catch (error) {
      this.logger.warn(`job worker lease renewal failed: ${(error as Error).message}`);
      return [];
    }
  }
}
