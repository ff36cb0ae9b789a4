import { MigrationInterface, QueryRunner } from "typeorm";

// Every human text becomes translatable: one jsonb column per field holding
// {"ky": "…", "ru": "…", "en": "…"} (only the locales that have text), Decidim's design
// (README, "Languages in the data"). Today's single-language text becomes the translation of
// DEFAULT_CONTENT_LOCALE (default en, the language it is written in); blank text becomes NULL.
// Down turns each object back into text, choosing DEFAULT_CONTENT_LOCALE, then ky, ru, en.
//
// `search` matches every locale through translations_text(jsonb), an IMMUTABLE function that
// joins a field's texts, with the trigram indexes over it where pg_trgm is available (as in
// ListIndexes). Organisation names stay unique regardless of case, now per locale.

const LOCALES = ['ky', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];

/** table, column, SQL type before, required */
const COLUMNS: readonly [string, string, string, boolean][] = [
    ['meeting', 'title', 'character varying(300)', true],
    ['meeting', 'summary', 'text', false],
    ['meeting', 'settlement', 'character varying(120)', false],
    ['meeting', 'region', 'character varying(120)', false],
    ['barrier', 'title', 'character varying(300)', true],
    ['barrier', 'description', 'text', false],
    ['recommendation', 'title', 'character varying(300)', true],
    ['recommendation', 'description', 'text', false],
    ['indicator', 'name', 'character varying(300)', true],
    ['action_plan', 'title', 'character varying(300)', true],
    ['organization', 'name', 'character varying(300)', true],
    ['person', 'position', 'character varying(300)', false],
    ['status_change', 'note', 'text', false],
    ['indicator_value', 'note', 'text', false],
    ['indicator_value', 'source', 'character varying(500)', false],
];

export class TranslatableContent1796200000000 implements MigrationInterface {
    name = 'TranslatableContent1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const locale = defaultContentLocale();
        const trigram = await trigramInstalled(queryRunner);
        await queryRunner.query(`DROP INDEX IF EXISTS "public"."IDX_recommendation_search_trgm"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "public"."IDX_indicator_search_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_organization_name"`);
        for (const [table, column] of COLUMNS) {
            await queryRunner.query(
                `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE jsonb USING CASE WHEN "${column}" IS NULL OR btrim("${column}") = '' THEN NULL ELSE jsonb_build_object('${locale}', "${column}") END`,
            );
        }
        await queryRunner.query(`ALTER TABLE "meeting" ADD "source_note" jsonb`);
        // Every locale's text of a translatable field, joined by spaces: what `search` matches.
        await queryRunner.query(`
            CREATE FUNCTION translations_text(translations jsonb) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT coalesce(translations->>'ky', '') || ' ' || coalesce(translations->>'ru', '') || ' ' || coalesce(translations->>'en', '') $$`);
        for (const column of ['ky', 'ru', 'en']) {
            await queryRunner.query(`CREATE UNIQUE INDEX "UQ_organization_name_${column}" ON "organization" (lower("name"->>'${column}'))`);
        }
        if (trigram) await createSearchIndexes(queryRunner);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        const locale = defaultContentLocale();
        const order = [locale, ...LOCALES.filter((l) => l !== locale)];
        const trigram = await trigramInstalled(queryRunner);
        await queryRunner.query(`DROP INDEX IF EXISTS "public"."IDX_recommendation_search_trgm"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "public"."IDX_indicator_search_trgm"`);
        for (const column of ['ky', 'ru', 'en']) await queryRunner.query(`DROP INDEX "public"."UQ_organization_name_${column}"`);
        await queryRunner.query(`DROP FUNCTION translations_text(jsonb)`);
        await queryRunner.query(`ALTER TABLE "meeting" DROP COLUMN "source_note"`);
        for (const [table, column, type] of COLUMNS) {
            const text = `coalesce(${order.map((l) => `"${column}"->>'${l}'`).join(', ')})`;
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE ${type} USING ${text}`);
        }
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_organization_name" ON "organization" (lower("name"))`);
        if (trigram) {
            await queryRunner.query(`CREATE INDEX "IDX_recommendation_search_trgm" ON "recommendation" USING gin ("code" gin_trgm_ops, "title" gin_trgm_ops, "description" gin_trgm_ops)`);
            await queryRunner.query(`CREATE INDEX "IDX_indicator_search_trgm" ON "indicator" USING gin ("code" gin_trgm_ops, "name" gin_trgm_ops)`);
        }
    }
}

/** The trigram indexes of `search` over every locale (src/database/cli/embedded-upgrade.ts creates the same). */
const SEARCH_INDEX_STATEMENTS = [
    `CREATE INDEX IF NOT EXISTS "IDX_recommendation_search_trgm" ON "recommendation" USING gin ("code" gin_trgm_ops, translations_text("title") gin_trgm_ops, translations_text("description") gin_trgm_ops)`,
    `CREATE INDEX IF NOT EXISTS "IDX_indicator_search_trgm" ON "indicator" USING gin ("code" gin_trgm_ops, translations_text("name") gin_trgm_ops)`,
];

async function createSearchIndexes(queryRunner: QueryRunner): Promise<void> {
    for (const statement of SEARCH_INDEX_STATEMENTS) await queryRunner.query(statement);
}

/** DEFAULT_CONTENT_LOCALE as the service validates it (src/config/environment.ts); the migration refuses anything else. */
function defaultContentLocale(): Locale {
    const value = (process.env.DEFAULT_CONTENT_LOCALE ?? '').trim() || 'en';
    if (!(LOCALES as readonly string[]).includes(value)) {
        throw new Error(`DEFAULT_CONTENT_LOCALE must be ky, ru or en (got ${JSON.stringify(value)})`);
    }
    return value as Locale;
}

/** ListIndexes created the trigram indexes only where pg_trgm was available; the same holds here. */
async function trigramInstalled(queryRunner: QueryRunner): Promise<boolean> {
    const rows = (await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS ok`)) as { ok: boolean }[];
    return rows[0]?.ok === true;
}
