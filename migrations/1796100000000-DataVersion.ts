import { MigrationInterface, QueryRunner } from "typeorm";

// One number that every committed write to the public data advances: page ETags and
// (later) response caches are derived from it, and every instance reads the same row.
//
// Advanced by a deferred constraint trigger on each tracked table, so it happens in the
// writing transaction's commit phase: a reader sees the new version exactly when it can
// see the new data (a sequence would not do: nextval is visible before the commit).
// Once per transaction (a transaction-local setting remembers it), whatever the number
// of rows. Deferred, the row lock on data_version is taken last and held only while
// committing: writers wait for each other for microseconds, and cannot deadlock on it
// (no transaction that holds it still waits for another lock).
// TRUNCATE has no constraint triggers: a statement trigger covers it.

const TRACKED_TABLES = [
    'organization', 'person', 'meeting', 'participant', 'barrier', 'barrier_meeting',
    'recommendation', 'recommendation_barrier', 'recommendation_organization', 'recommendation_indicator',
    'status_change', 'action_plan', 'indicator', 'indicator_target', 'indicator_value',
] as const;

export class DataVersion1796100000000 implements MigrationInterface {
    name = 'DataVersion1796100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "data_version" (
            "id" boolean NOT NULL DEFAULT true,
            "version" bigint NOT NULL,
            "changed_at" timestamptz NOT NULL,
            CONSTRAINT "PK_data_version" PRIMARY KEY ("id"),
            CONSTRAINT "CHK_data_version_one_row" CHECK ("id"))`);
        await queryRunner.query(`INSERT INTO "data_version" ("id", "version", "changed_at") VALUES (true, 1, now())`);
        // changed_at never goes back, even if clocks of the commits disagree (Last-Modified must not).
        await queryRunner.query(`CREATE FUNCTION "advance_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('tracker.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
                    UPDATE "data_version" SET "version" = "version" + 1,
                        "changed_at" = GREATEST(clock_timestamp(), "changed_at" + interval '1 microsecond');
                    PERFORM set_config('tracker.data_version_advanced', 'on', true);
                END IF;
                RETURN NULL;
            END $$`);
        for (const table of TRACKED_TABLES) {
            await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER INSERT OR UPDATE OR DELETE ON "${table}"
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "advance_data_version"()`);
            await queryRunner.query(`CREATE TRIGGER "advance_data_version_truncated" AFTER TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "advance_data_version"()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TRACKED_TABLES) {
            await queryRunner.query(`DROP TRIGGER "advance_data_version_truncated" ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER "advance_data_version" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION "advance_data_version"()`);
        await queryRunner.query(`DROP TABLE "data_version"`);
    }

}
