import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 25: daily and weekly digests of notifications. A digest is one mail of one person for one
// period (a local day, or the week from a Monday), unique per person, cadence and period, so runs
// on several instances or after a crash make it once; the notifications it lists point to it, set
// in the transaction that makes the digest and enqueues its mail job. And escalations cannot be
// turned off (a check on the choices).

export class NotificationDigests1796830000000 implements MigrationInterface {
    name = 'NotificationDigests1796830000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Escalations cannot be turned off: an OFF set before this rule (an unsubscribe link) becomes IMMEDIATE again.
        await queryRunner.query(`UPDATE "notification_preference" SET "delivery" = 'IMMEDIATE', "updated_at" = now() WHERE "kind" = 'ESCALATION' AND "delivery" = 'OFF'`);
        await queryRunner.query(`ALTER TABLE "notification_preference" ADD CONSTRAINT "CHK_notification_preference_escalation" CHECK ("kind" <> 'ESCALATION' OR "delivery" <> 'OFF')`);
        await queryRunner.query(`CREATE TABLE "notification_digest" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "cadence" character varying(10) NOT NULL, "period_start" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "mailed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_notification_digest_cadence" CHECK ("cadence" IN ('DAILY', 'WEEKLY')), CONSTRAINT "PK_2c7b26f22e8e8ef9774d9878736" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_notification_digest_period" ON "notification_digest"  ("user_id", "cadence", "period_start") `);
        await queryRunner.query(`ALTER TABLE "notification" ADD "digest_id" uuid`);
        await queryRunner.query(`CREATE INDEX "IDX_notification_digest" ON "notification"  ("digest_id") WHERE "digest_id" IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "notification_digest" ADD CONSTRAINT "FK_a90a56c6325a3eb952b3394eb45" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_2c7b26f22e8e8ef9774d9878736" FOREIGN KEY ("digest_id") REFERENCES "notification_digest"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification_preference" DROP CONSTRAINT "CHK_notification_preference_escalation"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_2c7b26f22e8e8ef9774d9878736"`);
        await queryRunner.query(`ALTER TABLE "notification_digest" DROP CONSTRAINT "FK_a90a56c6325a3eb952b3394eb45"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notification_digest"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "digest_id"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_notification_digest_period"`);
        await queryRunner.query(`DROP TABLE "notification_digest"`);
    }

}
