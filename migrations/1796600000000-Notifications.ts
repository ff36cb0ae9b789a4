import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 25: what each person is told, in the application (and by mail where SMTP is configured).
// Rows are written by the delivery job of an event (src/notifications), never by the write itself;
// the unique dedupe key (occurrence + recipient) makes a delivery that runs twice write nothing new.
// Private to its recipient: no data-version trigger (public pages and caches do not show it).

export class Notifications1796600000000 implements MigrationInterface {
    name = 'Notifications1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" uuid NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "read_at" TIMESTAMP WITH TIME ZONE, "dedupe_key" character varying(200) NOT NULL, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_notification_recipient_created" ON "notification"  ("recipient_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_notification_dedupe_key" ON "notification"  ("dedupe_key") `);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_9830357f52360a126737d498e66" FOREIGN KEY ("recipient_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_9830357f52360a126737d498e66"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_notification_dedupe_key"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notification_recipient_created"`);
        await queryRunner.query(`DROP TABLE "notification"`);
    }

}
