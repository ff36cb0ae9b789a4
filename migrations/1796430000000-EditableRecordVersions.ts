import { MigrationInterface, QueryRunner } from "typeorm";

// Meetings, barriers, action plans and indicators become editable (updateMeeting, updateBarrier,
// updateActionPlan, updateIndicator): each gets the optimistic-concurrency version that
// recommendations have, checked in SQL by every update (UPDATE … WHERE id = $1 AND version = $2).
// The rows that exist start at version 1, as a new row does.
const TABLES = ['meeting', 'barrier', 'action_plan', 'indicator'] as const;

export class EditableRecordVersions1796430000000 implements MigrationInterface {
    name = 'EditableRecordVersions1796430000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT '1'`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of [...TABLES].reverse()) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
        }
    }

}
