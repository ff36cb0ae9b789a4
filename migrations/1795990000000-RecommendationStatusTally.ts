import { MigrationInterface, QueryRunner } from "typeorm";

// How many recommendations are in each status, by due date: what progressSummary reads
// for "where do we stand now" instead of counting every recommendation. Its size is
// bounded by statuses × distinct due dates, whatever the number of recommendations.
//
// Kept by statement-level triggers on recommendation, in the writing transaction, so
// every writer (the API, imports, seeds, bulk SQL) keeps it exact. Each statement's
// changes are summed per (status, due date) and applied in key order, so concurrent
// transactions lock tally rows in the same order and cannot deadlock on them. A
// recommendation without a due date is counted under 'infinity'.

const APPLY = (rows: string) => `
    INSERT INTO "recommendation_status_tally" AS t ("status", "due_date", "recommendations")
    SELECT "status", "due_date", sum("delta")::int FROM (${rows}) AS change
     GROUP BY "status", "due_date"
    HAVING sum("delta") <> 0
     ORDER BY "status", "due_date"
    ON CONFLICT ("status", "due_date") DO UPDATE SET "recommendations" = t."recommendations" + excluded."recommendations";`;
const ADDED = `SELECT "status", COALESCE("due_date", 'infinity'::date) AS "due_date", 1 AS "delta" FROM added`;
const REMOVED = `SELECT "status", COALESCE("due_date", 'infinity'::date) AS "due_date", -1 AS "delta" FROM removed`;

export class RecommendationStatusTally1795990000000 implements MigrationInterface {
    name = 'RecommendationStatusTally1795990000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "recommendation_status_tally" (
            "status" "public"."recommendation_status" NOT NULL,
            "due_date" date NOT NULL,
            "recommendations" integer NOT NULL,
            CONSTRAINT "PK_recommendation_status_tally" PRIMARY KEY ("status", "due_date"))`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_status_tally_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN ${APPLY(ADDED)} RETURN NULL; END $$`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_status_tally_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN ${APPLY(`${ADDED} UNION ALL ${REMOVED}`)} RETURN NULL; END $$`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_status_tally_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN ${APPLY(REMOVED)} RETURN NULL; END $$`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_status_tally_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN DELETE FROM "recommendation_status_tally"; RETURN NULL; END $$`);
        // Transition tables allow one event per trigger (and no column list), hence four triggers.
        await queryRunner.query(`CREATE TRIGGER "recommendation_status_tally_inserted" AFTER INSERT ON "recommendation"
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_status_tally_inserted"()`);
        await queryRunner.query(`CREATE TRIGGER "recommendation_status_tally_updated" AFTER UPDATE ON "recommendation"
            REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_status_tally_updated"()`);
        await queryRunner.query(`CREATE TRIGGER "recommendation_status_tally_deleted" AFTER DELETE ON "recommendation"
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_status_tally_deleted"()`);
        await queryRunner.query(`CREATE TRIGGER "recommendation_status_tally_truncated" AFTER TRUNCATE ON "recommendation"
            FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_status_tally_truncated"()`);
        // The triggers hold recommendation against writes until this migration commits: the count below is exact.
        await queryRunner.query(`INSERT INTO "recommendation_status_tally" ("status", "due_date", "recommendations")
            SELECT "status", COALESCE("due_date", 'infinity'::date), count(*) FROM "recommendation" GROUP BY 1, 2`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const event of ['truncated', 'deleted', 'updated', 'inserted']) {
            await queryRunner.query(`DROP TRIGGER "recommendation_status_tally_${event}" ON "recommendation"`);
            await queryRunner.query(`DROP FUNCTION "recommendation_status_tally_${event}"()`);
        }
        await queryRunner.query(`DROP TABLE "recommendation_status_tally"`);
    }

}
