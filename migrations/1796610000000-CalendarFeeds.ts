import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 25, step 5: a person's calendar feed (GET /calendar/{secret}.ics), made and revoked on
// /account. At most one per person; only the SHA-256 of its secret is kept (as of API tokens), so
// the link is shown once and the database does not open anyone's feed. Private to its person: no
// data-version trigger.

export class CalendarFeeds1796610000000 implements MigrationInterface {
    name = 'CalendarFeeds1796610000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_feed" ("user_id" uuid NOT NULL, "secret_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_29b8f216ae4f5fdd5bcc8de8112" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_calendar_feed_secret_hash" ON "calendar_feed" ("secret_hash") `);
        await queryRunner.query(`ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_29b8f216ae4f5fdd5bcc8de8112" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_29b8f216ae4f5fdd5bcc8de8112"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feed_secret_hash"`);
        await queryRunner.query(`DROP TABLE "calendar_feed"`);
    }

}
