import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 25: notifications by mail. A notification records when it was mailed (once per
// notification); each person chooses per kind how mail comes (no row: at once); and the key the
// one-click unsubscribe links are signed with is made here, once, from PostgreSQL's strong random
// source (gen_random_uuid: 2 x 122 random bits), so every instance signs alike with no setting.

export class NotificationMail1796601000000 implements MigrationInterface {
    name = 'NotificationMail1796601000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notification_preference" ("user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "delivery" character varying(10) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_notification_preference_delivery" CHECK ("delivery" IN ('IMMEDIATE', 'DAILY', 'WEEKLY', 'OFF')), CONSTRAINT "PK_0f7529aefc65bd035491bb755bf" PRIMARY KEY ("user_id", "kind"))`);
        await queryRunner.query(`CREATE TABLE "notification_secret" ("name" character varying(40) NOT NULL, "value" character varying(200) NOT NULL, CONSTRAINT "PK_f997ed0b9b6b2cf51e414151526" PRIMARY KEY ("name"))`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "mailed_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`INSERT INTO "notification_secret" ("name", "value") VALUES ('mail-links', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))`);
        await queryRunner.query(`ALTER TABLE "notification_preference" ADD CONSTRAINT "FK_ff040d2d2e35c49b00525783829" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification_preference" DROP CONSTRAINT "FK_ff040d2d2e35c49b00525783829"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "mailed_at"`);
        await queryRunner.query(`DROP TABLE "notification_secret"`);
        await queryRunner.query(`DROP TABLE "notification_preference"`);
    }

}
