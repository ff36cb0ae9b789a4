import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 25: a responsible officer's name is shown beside recommendations and indicators, and
// cached answers are keyed by the data version. A change to what those answers show of a person
// (name, role, organisation, deactivation) now moves the version; a sign-in, a password or a
// language choice does not (they would empty every cache for nothing).

export class UserNamesMoveDataVersion1796940000000 implements MigrationInterface {
    name = 'UserNamesMoveDataVersion1796940000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER UPDATE OF "display_name", "role", "organization_id", "deactivated_at" ON "app_user"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
            WHEN (OLD."display_name" IS DISTINCT FROM NEW."display_name" OR OLD."role" IS DISTINCT FROM NEW."role"
               OR OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."deactivated_at" IS DISTINCT FROM NEW."deactivated_at")
            EXECUTE FUNCTION "advance_data_version"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "advance_data_version" ON "app_user"`);
    }

}
