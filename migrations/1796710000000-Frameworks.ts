import { MigrationInterface, QueryRunner } from "typeorm";
import sdg from "../src/frameworks/lists/sdg-gender.json";
import cedaw from "../src/frameworks/lists/cedaw-kgz.json";
import upr from "../src/frameworks/lists/upr-kgz.json";

// Issue 26 step 5: international frameworks. framework_item holds the reference lists of the
// committed data files (src/frameworks/lists/*.json, each naming its source), loaded here once;
// ADMIN edits them since. recommendation_framework_item and indicator_framework_item map work
// to any item. All three are public data: page ETags and caches follow their writes.

const PUBLIC_TABLES = ['framework_item', 'recommendation_framework_item', 'indicator_framework_item'];

interface DataItem {
    code: string;
    kind: string;
    parent: string | null;
    kyUntranslated: boolean;
    seriesCode?: string;
    paragraph?: number | null;
    title: Record<string, string>;
}

export class Frameworks1796710000000 implements MigrationInterface {
    name = 'Frameworks1796710000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "framework_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "framework" character varying(10) NOT NULL, "code" character varying(60) NOT NULL, "kind" character varying(12) NOT NULL, "parent_code" character varying(60), "title" jsonb NOT NULL, "ky_untranslated" boolean NOT NULL DEFAULT false, "series_code" character varying(40), "paragraph" integer, "source" text NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_framework_item_framework" CHECK ("framework" IN ('SDG', 'CEDAW', 'UPR')), CONSTRAINT "PK_framework_item" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_framework_item_framework_code" ON "framework_item"  ("framework", "code") `);
        await queryRunner.query(`CREATE TABLE "recommendation_framework_item" ("recommendation_id" uuid NOT NULL, "framework_item_id" uuid NOT NULL, CONSTRAINT "PK_05fe065cf8bedc7365aa73dae27" PRIMARY KEY ("recommendation_id", "framework_item_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_recommendation_framework_item_item" ON "recommendation_framework_item"  ("framework_item_id", "recommendation_id") `);
        await queryRunner.query(`CREATE TABLE "indicator_framework_item" ("indicator_id" uuid NOT NULL, "framework_item_id" uuid NOT NULL, CONSTRAINT "PK_10e272448735b51bd5108b07055" PRIMARY KEY ("indicator_id", "framework_item_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_indicator_framework_item_item" ON "indicator_framework_item"  ("framework_item_id", "indicator_id") `);
        await queryRunner.query(`ALTER TABLE "recommendation_framework_item" ADD CONSTRAINT "FK_126a2c68efdd8b09b798272c92d" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recommendation_framework_item" ADD CONSTRAINT "FK_7b3b2765ed5e41ac558cb3406f2" FOREIGN KEY ("framework_item_id") REFERENCES "framework_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator_framework_item" ADD CONSTRAINT "FK_95eaa9739725120b8520ec6ccbb" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator_framework_item" ADD CONSTRAINT "FK_56828851e3a291b8da2c8aa23b9" FOREIGN KEY ("framework_item_id") REFERENCES "framework_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        for (const list of [sdg, cedaw, upr]) {
            const items = list.items as DataItem[];
            for (const [position, item] of items.entries()) {
                await queryRunner.query(
                    `INSERT INTO "framework_item" ("framework", "code", "kind", "parent_code", "title", "ky_untranslated", "series_code", "paragraph", "source", "position")
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
                    [list.framework, item.code, item.kind, item.parent, JSON.stringify(item.title), item.kyUntranslated, item.seriesCode ?? null, item.paragraph ?? null, list.source, position],
                );
            }
        }
        for (const table of PUBLIC_TABLES) {
            await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER INSERT OR UPDATE OR DELETE ON "${table}"
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "advance_data_version"()`);
            await queryRunner.query(`CREATE TRIGGER "advance_data_version_truncated" AFTER TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "advance_data_version"()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "indicator_framework_item" DROP CONSTRAINT "FK_56828851e3a291b8da2c8aa23b9"`);
        await queryRunner.query(`ALTER TABLE "indicator_framework_item" DROP CONSTRAINT "FK_95eaa9739725120b8520ec6ccbb"`);
        await queryRunner.query(`ALTER TABLE "recommendation_framework_item" DROP CONSTRAINT "FK_7b3b2765ed5e41ac558cb3406f2"`);
        await queryRunner.query(`ALTER TABLE "recommendation_framework_item" DROP CONSTRAINT "FK_126a2c68efdd8b09b798272c92d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_indicator_framework_item_item"`);
        await queryRunner.query(`DROP TABLE "indicator_framework_item"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_recommendation_framework_item_item"`);
        await queryRunner.query(`DROP TABLE "recommendation_framework_item"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_framework_item_framework_code"`);
        await queryRunner.query(`DROP TABLE "framework_item"`);
    }

}
