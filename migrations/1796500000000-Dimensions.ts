import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 24: values broken down by dimensions (sex, age group, territory, urban/rural).
// `dimension` and `dimension_member` hold the reference lists (a member may have a parent:
// a district below its oblast); `indicator_dimension` says which dimensions an indicator is
// broken down by; `indicator_value_cell` holds one value per combination of members for a
// value VERSION (so a breakdown is submitted, reviewed and corrected with its value). An
// indicator says whether its values are numbers or ratios (`value_kind`: numerator and
// denominator recorded per cell, aggregated as Σ numerator / Σ denominator) and whether the
// total of a breakdown is recorded or derived from its cells (`total_source`).
//
// The reference lists loaded below, and their sources:
// - SEX: women and men, SDMX codes F and M (SDMX global code list CL_SEX).
// - AGE: 18-24, 25-34, 35-44, 45-54, 55-64, 65+. 18 is the voting age in the Kyrgyz Republic,
//   so the first band starts there (the age statistics of voters, candidates and deputies);
//   then the ten-year bands labour statistics use for managerial positions (SDG 5.5.2, ILO
//   ILOSTAT bands 25-34 … 55-64, 65+). SDMX codes as in the SDG code list CL_AGE (Y18T24 …, Y_GE65).
// - URBANISATION: urban and rural (SDMX codes U and R, as the SDG data structure uses them).
// - TERRITORY (SDMX concept REF_AREA): the 7 oblasts, the cities of republican significance
//   Bishkek and Osh, and the 8 districts of Chui oblast, names in Kyrgyz, Russian and English.
//   Official codes: the oblast- and city-level codes of the state classifier of territorial
//   units (СОАТЕ, National Statistical Committee of the Kyrgyz Republic), of the form 417xx000000.
//   District codes are left NULL on purpose: not invented here; an ADMIN sets them from the
//   classifier. Districts and aiyl aimaks of the other oblasts are added the same way.

type Names = { ky: string; ru: string; en: string };
interface MemberRow { code: string; name: Names; sdmx: string | null; official?: string | null; parent?: string }
interface DimensionRow { code: string; name: Names; sdmx: string; members: MemberRow[] }

const CHUI_DISTRICTS: MemberRow[] = [
    { code: 'CHUI-ALAMUDUN', name: { ky: 'Аламүдүн району', ru: 'Аламудунский район', en: 'Alamudun district' }, sdmx: null, parent: 'CHUI' },
    { code: 'CHUI-CHUI', name: { ky: 'Чүй району', ru: 'Чуйский район', en: 'Chui district' }, sdmx: null, parent: 'CHUI' },
    { code: 'CHUI-ISSYK-ATA', name: { ky: 'Ысык-Ата району', ru: 'Иссык-Атинский район', en: 'Issyk-Ata district' }, sdmx: null, parent: 'CHUI' },
    { code: 'CHUI-JAYIL', name: { ky: 'Жайыл району', ru: 'Жайыльский район', en: 'Jayil district' }, sdmx: null, parent: 'CHUI' },
    { code: 'CHUI-KEMIN', name: { ky: 'Кемин району', ru: 'Кеминский район', en: 'Kemin district' }, sdmx: null, parent: 'CHUI' },
    { code: 'CHUI-MOSKVA', name: { ky: 'Москва району', ru: 'Московский район', en: 'Moskva district' }, sdmx: null, parent: 'CHUI' },
    { code: 'CHUI-PANFILOV', name: { ky: 'Панфилов району', ru: 'Панфиловский район', en: 'Panfilov district' }, sdmx: null, parent: 'CHUI' },
    { code: 'CHUI-SOKULUK', name: { ky: 'Сокулук району', ru: 'Сокулукский район', en: 'Sokuluk district' }, sdmx: null, parent: 'CHUI' },
];

const REFERENCE: DimensionRow[] = [
    {
        code: 'SEX', sdmx: 'SEX', name: { ky: 'Жынысы', ru: 'Пол', en: 'Sex' },
        members: [
            { code: 'F', name: { ky: 'Аялдар', ru: 'Женщины', en: 'Women' }, sdmx: 'F' },
            { code: 'M', name: { ky: 'Эркектер', ru: 'Мужчины', en: 'Men' }, sdmx: 'M' },
        ],
    },
    {
        code: 'AGE', sdmx: 'AGE', name: { ky: 'Курак тобу', ru: 'Возрастная группа', en: 'Age group' },
        members: [
            { code: '18-24', name: { ky: '18–24 жаш', ru: '18–24 лет', en: '18–24 years' }, sdmx: 'Y18T24' },
            { code: '25-34', name: { ky: '25–34 жаш', ru: '25–34 лет', en: '25–34 years' }, sdmx: 'Y25T34' },
            { code: '35-44', name: { ky: '35–44 жаш', ru: '35–44 лет', en: '35–44 years' }, sdmx: 'Y35T44' },
            { code: '45-54', name: { ky: '45–54 жаш', ru: '45–54 лет', en: '45–54 years' }, sdmx: 'Y45T54' },
            { code: '55-64', name: { ky: '55–64 жаш', ru: '55–64 лет', en: '55–64 years' }, sdmx: 'Y55T64' },
            { code: '65-PLUS', name: { ky: '65 жаш жана андан улуу', ru: '65 лет и старше', en: '65 years and over' }, sdmx: 'Y_GE65' },
        ],
    },
    {
        code: 'URBANISATION', sdmx: 'URBANISATION', name: { ky: 'Шаар же айыл', ru: 'Город или село', en: 'Urban or rural' },
        members: [
            { code: 'U', name: { ky: 'Шаар', ru: 'Городская местность', en: 'Urban' }, sdmx: 'U' },
            { code: 'R', name: { ky: 'Айыл', ru: 'Сельская местность', en: 'Rural' }, sdmx: 'R' },
        ],
    },
    {
        code: 'TERRITORY', sdmx: 'REF_AREA', name: { ky: 'Аймак', ru: 'Территория', en: 'Territory' },
        members: [
            { code: 'BATKEN', name: { ky: 'Баткен облусу', ru: 'Баткенская область', en: 'Batken oblast' }, sdmx: null, official: '41705000000' },
            { code: 'JALAL-ABAD', name: { ky: 'Жалал-Абад облусу', ru: 'Джалал-Абадская область', en: 'Jalal-Abad oblast' }, sdmx: null, official: '41703000000' },
            { code: 'ISSYK-KUL', name: { ky: 'Ысык-Көл облусу', ru: 'Иссык-Кульская область', en: 'Issyk-Kul oblast' }, sdmx: null, official: '41702000000' },
            { code: 'NARYN', name: { ky: 'Нарын облусу', ru: 'Нарынская область', en: 'Naryn oblast' }, sdmx: null, official: '41704000000' },
            { code: 'OSH-OBLAST', name: { ky: 'Ош облусу', ru: 'Ошская область', en: 'Osh oblast' }, sdmx: null, official: '41706000000' },
            { code: 'TALAS', name: { ky: 'Талас облусу', ru: 'Таласская область', en: 'Talas oblast' }, sdmx: null, official: '41707000000' },
            { code: 'CHUI', name: { ky: 'Чүй облусу', ru: 'Чуйская область', en: 'Chui oblast' }, sdmx: null, official: '41708000000' },
            { code: 'BISHKEK', name: { ky: 'Бишкек шаары', ru: 'город Бишкек', en: 'Bishkek city' }, sdmx: null, official: '41711000000' },
            { code: 'OSH-CITY', name: { ky: 'Ош шаары', ru: 'город Ош', en: 'Osh city' }, sdmx: null, official: '41721000000' },
            ...CHUI_DISTRICTS,
        ],
    },
];

export class Dimensions1796500000000 implements MigrationInterface {
    name = 'Dimensions1796500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "dimension" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "name" jsonb NOT NULL, "sdmx_concept" character varying(40), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dimension" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_dimension_code" ON "dimension"  ("code") `);
        await queryRunner.query(`CREATE TABLE "dimension_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dimension_id" uuid NOT NULL, "code" character varying(40) NOT NULL, "name" jsonb NOT NULL, "parent_id" uuid, "official_code" character varying(20), "sdmx_code" character varying(40), "ordering" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_dimension_member" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_dimension_member_parent" ON "dimension_member"  ("parent_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_dimension_member_code" ON "dimension_member"  ("dimension_id", "code") `);
        await queryRunner.query(`CREATE TABLE "indicator_dimension" ("indicator_id" uuid NOT NULL, "dimension_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_indicator_dimension" PRIMARY KEY ("indicator_id", "dimension_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_indicator_dimension_dimension" ON "indicator_dimension"  ("dimension_id") `);
        await queryRunner.query(`CREATE TABLE "indicator_value_cell" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "member_ids" uuid array NOT NULL, "value" double precision NOT NULL, "numerator" double precision, "denominator" double precision, CONSTRAINT "CHK_indicator_value_cell_ratio" CHECK (("numerator" IS NULL) = ("denominator" IS NULL) AND ("denominator" IS NULL OR "denominator" > 0)), CONSTRAINT "PK_indicator_value_cell" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_indicator_value_cell_combination" ON "indicator_value_cell"  ("version_id", "member_ids") `);
        await queryRunner.query(`CREATE TYPE "public"."indicator_value_kind" AS ENUM('NUMBER', 'RATIO')`);
        await queryRunner.query(`ALTER TABLE "indicator" ADD "value_kind" "public"."indicator_value_kind" NOT NULL DEFAULT 'NUMBER'`);
        await queryRunner.query(`CREATE TYPE "public"."total_source" AS ENUM('RECORDED', 'DERIVED')`);
        await queryRunner.query(`ALTER TABLE "indicator" ADD "total_source" "public"."total_source" NOT NULL DEFAULT 'DERIVED'`);
        await queryRunner.query(`ALTER TABLE "dimension_member" ADD CONSTRAINT "FK_dimension_member_dimension" FOREIGN KEY ("dimension_id") REFERENCES "dimension"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "dimension_member" ADD CONSTRAINT "FK_dimension_member_parent" FOREIGN KEY ("parent_id") REFERENCES "dimension_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator_dimension" ADD CONSTRAINT "FK_indicator_dimension_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator_dimension" ADD CONSTRAINT "FK_indicator_dimension_dimension" FOREIGN KEY ("dimension_id") REFERENCES "dimension"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator_value_cell" ADD CONSTRAINT "FK_indicator_value_cell_version" FOREIGN KEY ("version_id") REFERENCES "indicator_value_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Public data (names on pages, breakdowns of approved values): page ETags and caches follow their writes (see DataVersion).
        for (const table of ['dimension', 'dimension_member', 'indicator_dimension', 'indicator_value_cell']) {
            await queryRunner.query(`CREATE CONSTRAINT TRIGGER "advance_data_version" AFTER INSERT OR UPDATE OR DELETE ON "${table}"
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "advance_data_version"()`);
            await queryRunner.query(`CREATE TRIGGER "advance_data_version_truncated" AFTER TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "advance_data_version"()`);
        }
        for (const dimension of REFERENCE) {
            const [{ id }] = (await queryRunner.query(
                `INSERT INTO "dimension" ("code", "name", "sdmx_concept") VALUES ($1, $2, $3) RETURNING "id"`,
                [dimension.code, JSON.stringify(dimension.name), dimension.sdmx],
            )) as { id: string }[];
            const ids = new Map<string, string>();
            for (const [ordering, member] of dimension.members.entries()) {
                const [row] = (await queryRunner.query(
                    `INSERT INTO "dimension_member" ("dimension_id", "code", "name", "parent_id", "official_code", "sdmx_code", "ordering")
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "id"`,
                    [id, member.code, JSON.stringify(member.name), member.parent ? ids.get(member.parent) : null, member.official ?? null, member.sdmx, (ordering + 1) * 10],
                )) as { id: string }[];
                ids.set(member.code, row.id);
            }
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // The data_version triggers fire now, not at commit: ALTER TABLE refuses a table with pending trigger events.
        await queryRunner.query(`SET CONSTRAINTS ALL IMMEDIATE`);
        await queryRunner.query(`DROP TABLE "indicator_value_cell"`);
        await queryRunner.query(`DROP TABLE "indicator_dimension"`);
        await queryRunner.query(`DROP TABLE "dimension_member"`);
        await queryRunner.query(`DROP TABLE "dimension"`);
        await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "total_source"`);
        await queryRunner.query(`DROP TYPE "public"."total_source"`);
        await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "value_kind"`);
        await queryRunner.query(`DROP TYPE "public"."indicator_value_kind"`);
    }
}
