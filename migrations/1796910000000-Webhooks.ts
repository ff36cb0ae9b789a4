import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 26: webhooks. Endpoints (the secretariat's or an NGO's) choose public events; each event
// becomes one delivery per endpoint (UNIQUE (endpoint, event): once, however often the dispatch
// runs and on however many instances), and every POST of it is logged as an attempt.

export class Webhooks1796910000000 implements MigrationInterface {
    name = 'Webhooks1796910000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" character varying(2000) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "event_types" character varying(60) array NOT NULL, "organization_id" uuid, "secret" character varying(100) NOT NULL, "active" boolean NOT NULL DEFAULT true, "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" character varying(500), "failing_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_webhook_endpoint_event_types" CHECK (cardinality("event_types") >= 1), CONSTRAINT "PK_webhook_endpoint" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_webhook_endpoint_organization" ON "webhook_endpoint"  ("organization_id") `);
        await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "public_event_id" uuid NOT NULL, "event_type" character varying(60) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'PENDING', "attempt_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_attempt_at" TIMESTAMP WITH TIME ZONE, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_webhook_delivery_status" CHECK ("status" IN ('PENDING', 'DELIVERED', 'FAILED')), CONSTRAINT "PK_webhook_delivery" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_webhook_delivery_public_event" ON "webhook_delivery"  ("public_event_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_webhook_delivery_endpoint_created" ON "webhook_delivery"  ("endpoint_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_webhook_delivery_endpoint_event" ON "webhook_delivery"  ("endpoint_id", "public_event_id") `);
        await queryRunner.query(`CREATE TABLE "webhook_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "number" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "http_status" integer, "error" character varying(1000), "response_excerpt" character varying(1024), CONSTRAINT "PK_webhook_attempt" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_webhook_attempt_delivery_number" ON "webhook_attempt"  ("delivery_id", "number") `);
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_webhook_endpoint_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_webhook_delivery_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_webhook_delivery_public_event" FOREIGN KEY ("public_event_id") REFERENCES "public_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_attempt" ADD CONSTRAINT "FK_webhook_attempt_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_attempt" DROP CONSTRAINT "FK_webhook_attempt_delivery"`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_webhook_delivery_public_event"`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_webhook_delivery_endpoint"`);
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_webhook_endpoint_organization"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_webhook_attempt_delivery_number"`);
        await queryRunner.query(`DROP TABLE "webhook_attempt"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_webhook_delivery_endpoint_event"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_webhook_delivery_endpoint_created"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_webhook_delivery_public_event"`);
        await queryRunner.query(`DROP TABLE "webhook_delivery"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_webhook_endpoint_organization"`);
        await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    }

}
