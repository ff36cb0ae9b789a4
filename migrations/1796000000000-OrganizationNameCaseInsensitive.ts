import { MigrationInterface, QueryRunner } from "typeorm";

// Organisation names are unique regardless of case: "Министерство финансов" and
// "МИНИСТЕРСТВО ФИНАНСОВ" are one organisation. Names arrive trimmed and in Unicode NFC
// (see cleanText), so lower() of the stored name is the comparison key. An expression
// index TypeORM cannot describe: the entity declares it with synchronize: false.
// Existing names that differ only in case make this migration fail (and change nothing):
// merge them first.

export class OrganizationNameCaseInsensitive1796000000000 implements MigrationInterface {
    name = 'OrganizationNameCaseInsensitive1796000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."UQ_organization_name"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_organization_name" ON "organization" (lower("name"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."UQ_organization_name"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_organization_name" ON "organization" ("name")`);
    }
}
