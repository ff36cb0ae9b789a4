import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 26: civil-society organisations assess recommendations independently. One
// independent_assessment per organisation and recommendation (the slot its submissions queue
// behind); every submission adds an assessment_version (numbered per slot, nothing overwritten),
// SUBMITTED until an EDITOR publishes or returns it. The status uses the official scale
// (recommendation_status); the latest PUBLISHED version is what the public reads, and what the
// divergence rule (src/assessments/divergence.ts) compares with the official status.

const PUBLIC_TABLES = ['independent_assessment', 'assessment_version'];

export class IndependentAssessments1796700100000 implements MigrationInterface {
    name = 'IndependentAssessments1796700100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "independent_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recommendation_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_independent_assessment" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_independent_assessment_organization" ON "independent_assessment"  ("organization_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_independent_assessment_recommendation_organization" ON "independent_assessment"  ("recommendation_id", "organization_id") `);
        await queryRunner.query(`CREATE TABLE "assessment_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "recommendation_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "number" integer NOT NULL, "status" "public"."recommendation_status" NOT NULL, "text" jsonb NOT NULL, "evidence_urls" text array NOT NULL DEFAULT '{}', "assessed_on" date NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "submitted_by" character varying(200), "submitted_by_user_id" uuid, "review_status" character varying(10) NOT NULL DEFAULT 'SUBMITTED', "reviewed_at" TIMESTAMP WITH TIME ZONE, "reviewed_by" character varying(200), "reviewed_by_user_id" uuid, "return_reason" text, CONSTRAINT "CHK_assessment_version_evidence" CHECK (cardinality("evidence_urls") <= 10), CONSTRAINT "CHK_assessment_version_number" CHECK ("number" >= 1), CONSTRAINT "CHK_assessment_version_status" CHECK ("review_status" IN ('SUBMITTED', 'PUBLISHED', 'RETURNED')), CONSTRAINT "PK_assessment_version" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_assessment_version_status" ON "assessment_version"  ("review_status", "submitted_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_assessment_version_recommendation" ON "assessment_version"  ("recommendation_id", "organization_id", "number") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_assessment_version_number" ON "assessment_version"  ("assessment_id", "number") `);
        await queryRunner.query(`ALTER TABLE "independent_assessment" ADD CONSTRAINT "FK_independent_assessment_recommendation" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "independent_assessment" ADD CONSTRAINT "FK_independent_assessment_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assessment_version" ADD CONSTRAINT "FK_assessment_version_assessment" FOREIGN KEY ("assessment_id") REFERENCES "independent_assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Published assessments are public data: page ETags and caches follow their writes (see DataVersion).
        for (const table of PUBLIC_TABLES) {
            await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER INSERT OR UPDATE OR DELETE ON "${table}"
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "advance_data_version"()`);
            await queryRunner.query(`CREATE TRIGGER "advance_data_version_truncated" AFTER TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "advance_data_version"()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "assessment_version" DROP CONSTRAINT "FK_assessment_version_assessment"`);
        await queryRunner.query(`ALTER TABLE "independent_assessment" DROP CONSTRAINT "FK_independent_assessment_organization"`);
        await queryRunner.query(`ALTER TABLE "independent_assessment" DROP CONSTRAINT "FK_independent_assessment_recommendation"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_assessment_version_number"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_assessment_version_recommendation"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_assessment_version_status"`);
        await queryRunner.query(`DROP TABLE "assessment_version"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_independent_assessment_recommendation_organization"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_independent_assessment_organization"`);
        await queryRunner.query(`DROP TABLE "independent_assessment"`);
    }

}
