import { MigrationInterface, QueryRunner } from "typeorm";

// audit_entry.at is the time of the insert (clock_timestamp()), not of the transaction's
// start (now()): writers of one value queue on a row lock, and the one that waited longest
// started first; ordered by now(), its entry would sort before the entries it came after.

export class AuditEntryAtClockTimestamp1796000000001 implements MigrationInterface {
    name = 'AuditEntryAtClockTimestamp1796000000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_entry" ALTER COLUMN "at" SET DEFAULT clock_timestamp()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_entry" ALTER COLUMN "at" SET DEFAULT now()`);
    }
}
