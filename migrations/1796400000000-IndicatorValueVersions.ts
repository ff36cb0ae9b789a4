import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 23: a recorded value is never overwritten. `indicator_value` stays the period slot
// (indicator, period, year, quarter, first recorded_at/recorded_by); every write adds a row to
// `indicator_value_version` (1, 2, … per slot) that is SUBMITTED, then APPROVED or RETURNED by
// a reviewer. `indicator_value.value/source/note` become a denormalised copy of the slot's
// latest APPROVED version (NULL while none is approved), kept by the service in the same
// transaction; reports read versions "as known by" a date (action-plan.repository.ts).
//
// Today's rows were public already: each becomes version 1, APPROVED, submitted and reviewed
// at its recorded_at, by its recorder (nobody reviewed them: reviewed_by stays NULL). Lossless:
// the slot keeps its value, the version repeats it (test/indicator-value-versions-migration).
//
// `action_plan.reporting_lag_days`: how long after a period's end its values are expected
// (valuesKnownBy defaults to asOf + this lag).
//
// Down keeps, per slot, the latest approved version (else the latest version) as its value.

export class IndicatorValueVersions1796400000000 implements MigrationInterface {
    name = 'IndicatorValueVersions1796400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "indicator_value_version" (
            "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            "indicator_value_id" uuid NOT NULL,
            "number" integer NOT NULL,
            "value" double precision NOT NULL,
            "source" jsonb,
            "note" jsonb,
            "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            "submitted_by" character varying(200),
            "submitted_by_user_id" uuid,
            "correction_reason" text,
            "review_status" character varying(10) NOT NULL DEFAULT 'SUBMITTED',
            "reviewed_at" TIMESTAMP WITH TIME ZONE,
            "reviewed_by" character varying(200),
            "reviewed_by_user_id" uuid,
            "return_reason" text,
            CONSTRAINT "CHK_indicator_value_version_status" CHECK ("review_status" IN ('SUBMITTED', 'APPROVED', 'RETURNED')),
            CONSTRAINT "CHK_indicator_value_version_number" CHECK ("number" >= 1),
            CONSTRAINT "PK_indicator_value_version" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_indicator_value_version_number" ON "indicator_value_version" ("indicator_value_id", "number") `);
        // The review queue: what still waits, oldest first.
        await queryRunner.query(`CREATE INDEX "IDX_indicator_value_version_status" ON "indicator_value_version" ("review_status", "submitted_at") `);
        await queryRunner.query(`ALTER TABLE "indicator_value_version" ADD CONSTRAINT "FK_indicator_value_version_value" FOREIGN KEY ("indicator_value_id") REFERENCES "indicator_value"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`INSERT INTO "indicator_value_version"
            ("indicator_value_id", "number", "value", "source", "note", "submitted_at", "submitted_by", "review_status", "reviewed_at")
            SELECT "id", 1, "value", "source", "note", "recorded_at", "recorded_by", 'APPROVED', "recorded_at" FROM "indicator_value"`);
        await queryRunner.query(`ALTER TABLE "indicator_value" ALTER COLUMN "value" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "action_plan" ADD "reporting_lag_days" integer NOT NULL DEFAULT 45`);
        await queryRunner.query(`ALTER TABLE "action_plan" ADD CONSTRAINT "CHK_action_plan_reporting_lag" CHECK ("reporting_lag_days" BETWEEN 0 AND 366)`);
        // Public data: page ETags and caches follow its writes (see DataVersion).
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER INSERT OR UPDATE OR DELETE ON "indicator_value_version"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "advance_data_version"()`);
        await queryRunner.query(`CREATE TRIGGER "advance_data_version_truncated" AFTER TRUNCATE ON "indicator_value_version"
            FOR EACH STATEMENT EXECUTE FUNCTION "advance_data_version"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // The data_version triggers fire now, not at commit: ALTER TABLE refuses a table with pending trigger events.
        await queryRunner.query(`SET CONSTRAINTS ALL IMMEDIATE`);
        await queryRunner.query(`ALTER TABLE "action_plan" DROP CONSTRAINT "CHK_action_plan_reporting_lag"`);
        await queryRunner.query(`ALTER TABLE "action_plan" DROP COLUMN "reporting_lag_days"`);
        await queryRunner.query(`UPDATE "indicator_value" v SET "value" = w."value", "source" = w."source", "note" = w."note"
            FROM (SELECT DISTINCT ON ("indicator_value_id") * FROM "indicator_value_version"
                   ORDER BY "indicator_value_id", ("review_status" = 'APPROVED') DESC, "number" DESC) w
           WHERE w."indicator_value_id" = v."id"`);
        await queryRunner.query(`DELETE FROM "indicator_value" WHERE "value" IS NULL`);
        await queryRunner.query(`ALTER TABLE "indicator_value" ALTER COLUMN "value" SET NOT NULL`);
        await queryRunner.query(`DROP TABLE "indicator_value_version"`);
    }
}
