import { MigrationInterface, QueryRunner } from "typeorm";

// An indicator's unit as a code the catalogs write in each language with plural forms
// (IndicatorUnit). The unit as written stays in "unit", untouched: nothing is lost, and the
// codes of the indicators that exist are recognised from it with the spellings below (the
// same list as UNIT_SPELLINGS in src/action-plan/indicator-unit.ts when this was written).
const SPELLINGS: Record<string, string[]> = {
    PERCENT: ['%', 'percent', 'per cent', 'процент', 'процентов', 'пайыз'],
    PERSON: ['people', 'persons', 'person', 'человек', 'чел.', 'адам'],
    PROGRAMME: ['programmes', 'programme', 'programs', 'program', 'программ', 'программы', 'программа'],
    ORGANIZATION: ['organisations', 'organizations', 'organisation', 'organization', 'организаций', 'организации', 'уюм', 'уюмдар'],
    EVENT: ['events', 'event', 'мероприятий', 'мероприятия', 'иш-чара', 'иш-чаралар'],
    DOCUMENT: ['documents', 'document', 'документов', 'документы', 'документ', 'документтер'],
    SOM: ['som', 'kgs', 'сом', 'сомов'],
};

export class IndicatorUnitCode1796320000000 implements MigrationInterface {
    name = 'IndicatorUnitCode1796320000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "indicator" ADD "unit_code" character varying(20)`);
        for (const [code, spellings] of Object.entries(SPELLINGS)) {
            await queryRunner.query(`UPDATE "indicator" SET "unit_code" = $1 WHERE lower(btrim("unit")) = ANY($2::text[])`, [code, spellings]);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "unit_code"`);
    }

}
