import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 25: a killed instance's jobs are picked up by another. Each working instance holds a lease
// on its graphile-worker workers, renewed while it lives; an instance that finds a lapsed lease
// frees that worker's jobs (graphile_worker.force_unlock_workers) instead of waiting for the
// queue's 4-hour lock timeout. The table belongs to the job queue's adapter (src/jobs), like the
// graphile_worker schema itself, and has no entity.

export class JobWorkerLeases1796950000000 implements MigrationInterface {
    name = 'JobWorkerLeases1796950000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "job_worker_lease" ("worker_id" text NOT NULL, "instance" text NOT NULL, "renewed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_job_worker_lease" PRIMARY KEY ("worker_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_job_worker_lease_expires_at" ON "job_worker_lease" ("expires_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_job_worker_lease_expires_at"`);
        await queryRunner.query(`DROP TABLE "job_worker_lease"`);
    }

}
