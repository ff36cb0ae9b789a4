import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 26: public events. What happened to public data (a recommendation moved, a value approved,
// an assessment published) is written with the write that caused it, announced at commit on the
// `public_events` channel and dispatched by a job to webhooks and e-mail followers.

export class PublicEvents1796900000000 implements MigrationInterface {
    name = 'PublicEvents1796900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "public_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(60) NOT NULL, "subject_type" character varying(30) NOT NULL, "subject_id" uuid NOT NULL, "recommendation_id" uuid, "indicator_id" uuid, "organization_ids" uuid array NOT NULL DEFAULT '{}', "data" jsonb NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_public_event" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_public_event_occurred_at" ON "public_event" ("occurred_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_public_event_occurred_at"`);
        await queryRunner.query(`DROP TABLE "public_event"`);
    }

}
