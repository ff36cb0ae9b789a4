import { MigrationInterface, QueryRunner } from "typeorm";

export class AccessControlAndAudit1795909543373 implements MigrationInterface {
    name = 'AccessControlAndAudit1795909543373'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "actor_token_id" uuid, "actor_name" character varying(200) NOT NULL, "action" character varying(80) NOT NULL, "entity_type" character varying(80) NOT NULL, "entity_id" uuid NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(64), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_audit_entry_entity" ON "audit_entry"  ("entity_type", "entity_id", "at") `);
        await queryRunner.query(`CREATE INDEX "IDX_audit_entry_at_id" ON "audit_entry"  ("at", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."role" AS ENUM('ADMIN', 'EDITOR', 'MINISTRY', 'ANALYST', 'VIEWER')`);
        await queryRunner.query(`CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "role" "public"."role" NOT NULL, "organization_id" uuid, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_api_token_hash" ON "api_token"  ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "FK_106597ac1a178bc58bc2b950a9d" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_106597ac1a178bc58bc2b950a9d"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_api_token_hash"`);
        await queryRunner.query(`DROP TABLE "api_token"`);
        await queryRunner.query(`DROP TYPE "public"."role"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_audit_entry_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_audit_entry_entity"`);
        await queryRunner.query(`DROP TABLE "audit_entry"`);
    }

}
