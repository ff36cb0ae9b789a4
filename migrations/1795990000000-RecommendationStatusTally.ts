import { MigrationInterface, QueryRunner } from "typeorm";

// How many recommendations are in each status, by due date: what progressSummary reads
// for "where do we stand now" instead of counting every recommendation.
//
//   recommendation_tally_by_month: per status and month of the due date. Summed whole,
//     it gives the counts by status; its earlier months give the overdue ones.
//   recommendation_tally_by_day: per due date and status. Its days of the current month
//     before today give the rest of the overdue ones (a range scan of at most 31 days).
//
// Both are bounded by the calendar (statuses × months, statuses × days), whatever the
// number of recommendations. A recommendation without a due date counts under 'infinity'.
//
// Kept by statement-level triggers on recommendation, in the writing transaction, so
// every writer (the API, imports, seeds, bulk SQL) keeps them exact. Each statement's
// changes are summed per key and applied in key order, so concurrent transactions lock
// tally rows in the same order and cannot deadlock on them.

const TALLIES = [
    { table: 'recommendation_tally_by_month', key: 'due_month', of: `COALESCE(date_trunc('month', "due_date")::date, 'infinity'::date)` },
    { table: 'recommendation_tally_by_day', key: 'due_date', of: `COALESCE("due_date", 'infinity'::date)` },
] as const;
type Tally = (typeof TALLIES)[number];

/** Adds the statement's changes (`changes`: status, key, delta) to a tally. */
const apply = ({ table, key }: Tally, changes: string) => `
    INSERT INTO "${table}" AS t ("status", "${key}", "recommendations")
    SELECT "status", "key", sum("delta")::int FROM (${changes}) AS change
     GROUP BY "status", "key"
    HAVING sum("delta") <> 0
     ORDER BY "status", "key"
    ON CONFLICT ("status", "${key}") DO UPDATE SET "recommendations" = t."recommendations" + excluded."recommendations";`;
const added = (tally: Tally) => `SELECT "status", ${tally.of} AS "key", 1 AS "delta" FROM added`;
const removed = (tally: Tally) => `SELECT "status", ${tally.of} AS "key", -1 AS "delta" FROM removed`;
const applyAll = (changes: (tally: Tally) => string) => TALLIES.map((tally) => apply(tally, changes(tally))).join('\n');

export class RecommendationStatusTally1795990000000 implements MigrationInterface {
    name = 'RecommendationStatusTally1795990000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "recommendation_tally_by_month" (
            "status" "public"."recommendation_status" NOT NULL,
            "due_month" date NOT NULL,
            "recommendations" integer NOT NULL,
            CONSTRAINT "PK_recommendation_tally_by_month" PRIMARY KEY ("status", "due_month"))`);
        await queryRunner.query(`CREATE TABLE "recommendation_tally_by_day" (
            "status" "public"."recommendation_status" NOT NULL,
            "due_date" date NOT NULL,
            "recommendations" integer NOT NULL,
            CONSTRAINT "PK_recommendation_tally_by_day" PRIMARY KEY ("due_date", "status"))`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_tally_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN ${applyAll(added)} RETURN NULL; END $$`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_tally_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN ${applyAll((tally) => `${added(tally)} UNION ALL ${removed(tally)}`)} RETURN NULL; END $$`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_tally_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN ${applyAll(removed)} RETURN NULL; END $$`);
        await queryRunner.query(`CREATE FUNCTION "recommendation_tally_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN DELETE FROM "recommendation_tally_by_month"; DELETE FROM "recommendation_tally_by_day"; RETURN NULL; END $$`);
        // Transition tables allow one event per trigger (and no column list), hence four triggers.
        await queryRunner.query(`CREATE TRIGGER "recommendation_tally_inserted" AFTER INSERT ON "recommendation"
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_tally_inserted"()`);
        await queryRunner.query(`CREATE TRIGGER "recommendation_tally_updated" AFTER UPDATE ON "recommendation"
            REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_tally_updated"()`);
        await queryRunner.query(`CREATE TRIGGER "recommendation_tally_deleted" AFTER DELETE ON "recommendation"
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_tally_deleted"()`);
        await queryRunner.query(`CREATE TRIGGER "recommendation_tally_truncated" AFTER TRUNCATE ON "recommendation"
            FOR EACH STATEMENT EXECUTE FUNCTION "recommendation_tally_truncated"()`);
        // The triggers hold recommendation against writes until this migration commits: the counts below are exact.
        for (const { table, key, of } of TALLIES) {
            await queryRunner.query(`INSERT INTO "${table}" ("status", "${key}", "recommendations")
                SELECT "status", ${of}, count(*) FROM "recommendation" GROUP BY 1, 2`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const event of ['truncated', 'deleted', 'updated', 'inserted']) {
            await queryRunner.query(`DROP TRIGGER "recommendation_tally_${event}" ON "recommendation"`);
            await queryRunner.query(`DROP FUNCTION "recommendation_tally_${event}"()`);
        }
        await queryRunner.query(`DROP TABLE "recommendation_tally_by_day"`);
        await queryRunner.query(`DROP TABLE "recommendation_tally_by_month"`);
    }

}
