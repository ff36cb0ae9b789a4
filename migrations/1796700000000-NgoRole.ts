import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 26: civil-society organisations get their own role. An NGO user or token reads like a
// VIEWER and acts for one organisation (of kind NGO), as a MINISTRY one does, so it must name
// it: the user check compares the role as text, since a value added to an enum in a transaction
// cannot be used as that enum until the transaction commits.

export class NgoRole1796700000000 implements MigrationInterface {
    name = 'NgoRole1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'NGO'`);
        await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "CHK_app_user_ministry_organization"`);
        await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "CHK_app_user_organization_role" CHECK (("role"::text IN ('MINISTRY', 'NGO')) = ("organization_id" IS NOT NULL))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Refused while NGO users exist (the old check fails for them): remove or change them first.
        await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "CHK_app_user_organization_role"`);
        await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "CHK_app_user_ministry_organization" CHECK (("role" = 'MINISTRY') = ("organization_id" IS NOT NULL))`);
        // PostgreSQL cannot drop an enum value; NGO users and tokens keep it until a later migration removes them.
    }

}
