import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 23: an indicator says what its values measure (LEVEL at a point in time, FLOW within a
// period, CUMULATIVE since the baseline) and how often they are due (YEARLY or QUARTERLY), so
// that a quarter's value is compared with the right in-year target (src/action-plan/period-target.ts)
// and reporting completeness knows which periods are expected. Existing indicators become
// LEVEL/YEARLY: what every reader assumed until now (a year's actual is its annual value or its
// latest quarter's). A QUARTERLY indicator may have a milestone (a target) per quarter.

export class IndicatorMeasure1796450000000 implements MigrationInterface {
    name = 'IndicatorMeasure1796450000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."indicator_measure" AS ENUM('LEVEL', 'FLOW', 'CUMULATIVE')`);
        await queryRunner.query(`CREATE TYPE "public"."reporting_frequency" AS ENUM('YEARLY', 'QUARTERLY')`);
        await queryRunner.query(`ALTER TABLE "indicator" ADD "measure" "public"."indicator_measure" NOT NULL DEFAULT 'LEVEL'`);
        await queryRunner.query(`ALTER TABLE "indicator" ADD "reporting_frequency" "public"."reporting_frequency" NOT NULL DEFAULT 'YEARLY'`);
        await queryRunner.query(`CREATE TABLE "indicator_milestone" (
            "indicator_id" uuid NOT NULL,
            "year" integer NOT NULL,
            "quarter" smallint NOT NULL,
            "value" double precision NOT NULL,
            CONSTRAINT "CHK_indicator_milestone_quarter" CHECK ("quarter" BETWEEN 1 AND 4),
            CONSTRAINT "PK_indicator_milestone" PRIMARY KEY ("indicator_id", "year", "quarter"))`);
        await queryRunner.query(`ALTER TABLE "indicator_milestone" ADD CONSTRAINT "FK_indicator_milestone_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Public data (Indicator.milestones): page ETags and caches follow its writes (see DataVersion).
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER INSERT OR UPDATE OR DELETE ON "indicator_milestone"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "advance_data_version"()`);
        await queryRunner.query(`CREATE TRIGGER "advance_data_version_truncated" AFTER TRUNCATE ON "indicator_milestone"
            FOR EACH STATEMENT EXECUTE FUNCTION "advance_data_version"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "indicator_milestone"`);
        await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "reporting_frequency"`);
        await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "measure"`);
        await queryRunner.query(`DROP TYPE "public"."reporting_frequency"`);
        await queryRunner.query(`DROP TYPE "public"."indicator_measure"`);
    }

}
