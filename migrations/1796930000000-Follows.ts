import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 26: follow by e-mail. A follow (address, one public record, language, double opt-in), what
// was mailed for which public event (once per follow and event), and the confirmation mails sent
// per address (a keyed hash, kept a day) for the per-address limit.

export class Follows1796930000000 implements MigrationInterface {
    name = 'Follows1796930000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "follow_confirmation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "address_hash" character varying(64) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7918174a7a0efbff8349d0ae04e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_follow_confirmation_address" ON "follow_confirmation"  ("address_hash", "sent_at") `);
        await queryRunner.query(`CREATE TABLE "follow" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "recommendation_id" uuid, "indicator_id" uuid, "organization_id" uuid, "language" character varying(2) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_confirmation_sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_follow_email_organization" UNIQUE ("email", "organization_id"), CONSTRAINT "UQ_follow_email_indicator" UNIQUE ("email", "indicator_id"), CONSTRAINT "UQ_follow_email_recommendation" UNIQUE ("email", "recommendation_id"), CONSTRAINT "CHK_follow_language" CHECK ("language" IN ('ky', 'ru', 'en')), CONSTRAINT "CHK_follow_one_record" CHECK (num_nonnulls("recommendation_id", "indicator_id", "organization_id") = 1), CONSTRAINT "PK_fda88bc28a84d2d6d06e19df6e5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_follow_recommendation" ON "follow"  ("recommendation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_follow_indicator" ON "follow"  ("indicator_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_follow_organization" ON "follow"  ("organization_id") `);
        await queryRunner.query(`CREATE TABLE "follow_mail" ("follow_id" uuid NOT NULL, "public_event_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dab37749a9da73d569101cd0e27" PRIMARY KEY ("follow_id", "public_event_id"))`);
        await queryRunner.query(`ALTER TABLE "follow" ADD CONSTRAINT "FK_b1fa699b82a220f1a12eaee0831" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "follow" ADD CONSTRAINT "FK_c37951f368a1cb32f75668df137" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "follow" ADD CONSTRAINT "FK_ec6845f8a822d5ae275a14252b9" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "follow_mail" ADD CONSTRAINT "FK_626f89d682cc6d492eb8d5c4013" FOREIGN KEY ("follow_id") REFERENCES "follow"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "follow_mail" ADD CONSTRAINT "FK_9a0ea8c5988309024d3c2d7fe0d" FOREIGN KEY ("public_event_id") REFERENCES "public_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "follow_mail" DROP CONSTRAINT "FK_9a0ea8c5988309024d3c2d7fe0d"`);
        await queryRunner.query(`ALTER TABLE "follow_mail" DROP CONSTRAINT "FK_626f89d682cc6d492eb8d5c4013"`);
        await queryRunner.query(`ALTER TABLE "follow" DROP CONSTRAINT "FK_ec6845f8a822d5ae275a14252b9"`);
        await queryRunner.query(`ALTER TABLE "follow" DROP CONSTRAINT "FK_c37951f368a1cb32f75668df137"`);
        await queryRunner.query(`ALTER TABLE "follow" DROP CONSTRAINT "FK_b1fa699b82a220f1a12eaee0831"`);
        await queryRunner.query(`DROP TABLE "follow_mail"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_follow_organization"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_follow_indicator"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_follow_recommendation"`);
        await queryRunner.query(`DROP TABLE "follow"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_follow_confirmation_address"`);
        await queryRunner.query(`DROP TABLE "follow_confirmation"`);
    }

}
