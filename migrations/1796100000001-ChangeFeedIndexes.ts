import { MigrationInterface, QueryRunner } from "typeorm";

// The latest status changes and recorded values, newest first, for the home page and the
// Atom feeds: read from an index instead of sorting the whole history.
export class ChangeFeedIndexes1796100000001 implements MigrationInterface {
    name = 'ChangeFeedIndexes1796100000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_status_change_changed_at_id" ON "status_change" ("changed_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_indicator_value_recorded_at_id" ON "indicator_value" ("recorded_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_indicator_value_recorded_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_status_change_changed_at_id"`);
    }

}
