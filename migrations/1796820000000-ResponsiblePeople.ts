import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 25, people responsible: each organisation's focal points (its own MINISTRY users, set by
// ADMIN), and a responsible officer per recommendation and indicator (a user of a responsible
// organisation; cleared when the user is deleted). Reminders go to the officer, else the focal
// points, else every MINISTRY user of the organisation. Focal points are shown through the API
// (Organization.focalPoints): page ETags and caches follow their writes.

export class ResponsiblePeople1796820000000 implements MigrationInterface {
    name = 'ResponsiblePeople1796820000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "organization_focal_point" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_organization_focal_point" PRIMARY KEY ("organization_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_organization_focal_point_user" ON "organization_focal_point" ("user_id") `);
        await queryRunner.query(`ALTER TABLE "recommendation" ADD "responsible_user_id" uuid`);
        await queryRunner.query(`ALTER TABLE "indicator" ADD "responsible_user_id" uuid`);
        await queryRunner.query(`CREATE INDEX "IDX_recommendation_responsible_user" ON "recommendation" ("responsible_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_indicator_responsible_user" ON "indicator" ("responsible_user_id") `);
        await queryRunner.query(`ALTER TABLE "organization_focal_point" ADD CONSTRAINT "FK_d6742f79173d48a0822bae82805" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organization_focal_point" ADD CONSTRAINT "FK_5d8c6b51eeb746db7852b5d244b" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recommendation" ADD CONSTRAINT "FK_432ded154e1bdb56fa7dc020b05" FOREIGN KEY ("responsible_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator" ADD CONSTRAINT "FK_3733a885b7546e348d905137883" FOREIGN KEY ("responsible_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER INSERT OR UPDATE OR DELETE ON "organization_focal_point"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "advance_data_version"()`);
        await queryRunner.query(`CREATE TRIGGER "advance_data_version_truncated" AFTER TRUNCATE ON "organization_focal_point"
            FOR EACH STATEMENT EXECUTE FUNCTION "advance_data_version"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "indicator" DROP CONSTRAINT "FK_3733a885b7546e348d905137883"`);
        await queryRunner.query(`ALTER TABLE "recommendation" DROP CONSTRAINT "FK_432ded154e1bdb56fa7dc020b05"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_indicator_responsible_user"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_recommendation_responsible_user"`);
        await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "responsible_user_id"`);
        await queryRunner.query(`ALTER TABLE "recommendation" DROP COLUMN "responsible_user_id"`);
        await queryRunner.query(`DROP TABLE "organization_focal_point"`);
    }

}
