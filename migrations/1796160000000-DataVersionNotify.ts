import { MigrationInterface, QueryRunner } from "typeorm";

// The data version kept in memory by every instance: the trigger that advances it (migration
// DataVersion) also sends the new version on the channel "data_version", so each instance's
// listening connection (DataVersionListener) learns it without a query per request.
// NOTIFY is transactional: it is delivered only if the write commits, after it commits, in
// commit order. The payload is JSON: {"version": "<bigint as text>", "changedAt": "<ISO time>"}.
// Its cost: each writing commit takes PostgreSQL's notification-queue lock for a moment.

export class DataVersionNotify1796160000000 implements MigrationInterface {
    name = 'DataVersionNotify1796160000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE OR REPLACE FUNCTION "advance_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                advanced "data_version"%ROWTYPE;
            BEGIN
                IF current_setting('tracker.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
                    UPDATE "data_version" SET "version" = "version" + 1,
                        "changed_at" = GREATEST(clock_timestamp(), "changed_at" + interval '1 microsecond')
                        RETURNING * INTO advanced;
                    PERFORM set_config('tracker.data_version_advanced', 'on', true);
                    PERFORM pg_notify('data_version',
                        json_build_object('version', advanced."version"::text, 'changedAt', advanced."changed_at")::text);
                END IF;
                RETURN NULL;
            END $$`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // The function as migration DataVersion created it.
        await queryRunner.query(`CREATE OR REPLACE FUNCTION "advance_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('tracker.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
                    UPDATE "data_version" SET "version" = "version" + 1,
                        "changed_at" = GREATEST(clock_timestamp(), "changed_at" + interval '1 microsecond');
                    PERFORM set_config('tracker.data_version_advanced', 'on', true);
                END IF;
                RETURN NULL;
            END $$`);
    }

}
