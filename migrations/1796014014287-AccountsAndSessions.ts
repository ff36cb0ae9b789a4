// People who sign in (app_user), their sessions, one-time set-password links, failed sign-ins
// (throttling), the import page's dry-run files, and who is behind audit entries and personal tokens.
import { MigrationInterface, QueryRunner } from "typeorm";

export class AccountsAndSessions1796014014287 implements MigrationInterface {
    name = 'AccountsAndSessions1796014014287'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "role" "public"."role" NOT NULL, "organization_id" uuid, "preferred_language" character varying(2) NOT NULL DEFAULT 'ru', "password_hash" character varying(200), "deactivated_at" TIMESTAMP WITH TIME ZONE, "last_sign_in_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_app_user_language" CHECK ("preferred_language" IN ('ky', 'ru', 'en')), CONSTRAINT "CHK_app_user_ministry_organization" CHECK (("role" = 'MINISTRY') = ("organization_id" IS NOT NULL)), CONSTRAINT "CHK_app_user_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_app_user_email" ON "app_user"  ("email") `);
        await queryRunner.query(`CREATE TYPE "public"."account_link_purpose" AS ENUM('INVITATION', 'PASSWORD_RESET')`);
        await queryRunner.query(`CREATE TABLE "account_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" "public"."account_link_purpose" NOT NULL, "token_hash" character(64) NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1af91112f0eef7205c6b0abcbfa" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_account_link_user" ON "account_link"  ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_account_link_token_hash" ON "account_link"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "sign_in_failure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "ip" character varying(64) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ad9835b7a6e51262f6fe5024de" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_sign_in_failure_ip" ON "sign_in_failure"  ("ip", "at") `);
        await queryRunner.query(`CREATE INDEX "IDX_sign_in_failure_email" ON "sign_in_failure"  ("email", "at") `);
        await queryRunner.query(`CREATE TABLE "user_session" ("id_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" character varying(64), "user_agent" character varying(300), CONSTRAINT "PK_9eadc73ac263ade23f6fbde6e7f" PRIMARY KEY ("id_hash"))`);
        await queryRunner.query(`CREATE INDEX "IDX_user_session_expires_at" ON "user_session"  ("expires_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_user_session_user" ON "user_session"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "import_draft" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dfee4bc0c6bc1418f8e19a254c2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_import_draft_user" ON "import_draft"  ("user_id") `);
        await queryRunner.query(`ALTER TABLE "audit_entry" ADD "actor_user_id" uuid`);
        await queryRunner.query(`ALTER TABLE "api_token" ADD "user_id" uuid`);
        await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_c4c90a083fb10c1386782b5aac5" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account_link" ADD CONSTRAINT "FK_c733122ab222996a0d6cb19cc2e" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "user_session" ADD CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "import_draft" ADD CONSTRAINT "FK_30786c46df8b783047bd3e26496" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_draft" DROP CONSTRAINT "FK_30786c46df8b783047bd3e26496"`);
        await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd"`);
        await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_13275383dcdf095ee29f2b3455a"`);
        await queryRunner.query(`ALTER TABLE "account_link" DROP CONSTRAINT "FK_c733122ab222996a0d6cb19cc2e"`);
        await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_c4c90a083fb10c1386782b5aac5"`);
        await queryRunner.query(`ALTER TABLE "api_token" DROP COLUMN "user_id"`);
        await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "actor_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_import_draft_user"`);
        await queryRunner.query(`DROP TABLE "import_draft"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_user_session_user"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_user_session_expires_at"`);
        await queryRunner.query(`DROP TABLE "user_session"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_sign_in_failure_email"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_sign_in_failure_ip"`);
        await queryRunner.query(`DROP TABLE "sign_in_failure"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_account_link_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_account_link_user"`);
        await queryRunner.query(`DROP TABLE "account_link"`);
        await queryRunner.query(`DROP TYPE "public"."account_link_purpose"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_app_user_email"`);
        await queryRunner.query(`DROP TABLE "app_user"`);
    }

}
