import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLObjectType } from 'graphql';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TranslatableContent1796200000000 } from '../migrations/1796200000000-TranslatableContent';
import { DatabaseCapabilities } from '../src/database/database-capabilities';
import { createMeeting, createOrganization } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Translatable content (issue 11): stored per locale, written in the request's locale or
 * several at once, read in the request's locale with the fallback chain (ky → ru → en,
 * ru → en → ky, en → ru → ky by default), searched in every locale.
 */
const CREATE = `mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id version title titleLocale } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateRecommendationInput!) {
  updateRecommendation(id: $id, input: $input) { id version title titleLocale titleTranslations { locale text } }
}`;
const READ = `query ($id: ID!) { recommendation(id: $id) {
  title titleLocale ru: title(locale: RU) ruLocale: titleLocale(locale: RU) en: title(locale: EN)
  titleTranslations { locale text } description descriptionLocale descriptionTranslations { locale text }
} }`;
const CHAINS = { ky: ['ky', 'ru', 'en'], ru: ['ru', 'en', 'ky'], en: ['en', 'ru', 'ky'] };
const SEARCH = `query ($search: String!) { recommendations(first: 50, filter: { search: $search }) { totalCount edges { node { id } } } }`;

interface Read {
  title: string;
  titleLocale: string | null;
  ru: string;
  ruLocale: string | null;
  en: string;
  titleTranslations: { locale: string; text: string }[];
  description: string | null;
  descriptionLocale: string | null;
  descriptionTranslations: { locale: string; text: string }[];
}

describe('translatable content', () => {
  let t: TestApp;
  let meetingId: string;

  const create = async (input: Record<string, unknown>, acceptLanguage?: string) => {
    const res = await t.gql<{ createRecommendation: { id: string; version: number; title: string; titleLocale: string } }>(
      CREATE,
      { input: { kind: 'QUOTA', meetingId, ...input } },
      acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    );
    return res;
  };
  const read = async (id: string, acceptLanguage?: string) => {
    const res = await t.gql<{ recommendation: Read }>(READ, { id }, acceptLanguage ? { 'accept-language': acceptLanguage } : {});
    expect(res.errors).toBeUndefined();
    return { ...res.data!.recommendation, contentLanguage: res.headers['content-language'] };
  };
  const stored = async (id: string) =>
    (await t.sql<{ title: unknown; description: unknown; version: number }>('SELECT title, description, version FROM recommendation WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    meetingId = (await createMeeting(t)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates in the request locale, adds another, and reads each Accept-Language with the fallback reported', async () => {
    const created = await create({ title: 'Квоталарды кайра карап чыгуу' }, 'ky');
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createRecommendation;
    expect(created.data!.createRecommendation).toMatchObject({ title: 'Квоталарды кайра карап чыгуу', titleLocale: 'KY' });
    expect((await stored(id)).title).toEqual({ ky: 'Квоталарды кайра карап чыгуу' });

    // Add Russian; Kyrgyz stays as it was.
    const updated = await t.gql(UPDATE, { id, input: { titleTranslations: [{ locale: 'RU', text: 'Пересмотреть квоты' }] } });
    expect(updated.errors).toBeUndefined();
    expect((await stored(id)).title).toEqual({ ky: 'Квоталарды кайра карап чыгуу', ru: 'Пересмотреть квоты' });

    const ky = await read(id, 'ky');
    expect(ky).toMatchObject({ title: 'Квоталарды кайра карап чыгуу', titleLocale: 'KY', contentLanguage: 'ky' });
    const ruFirst = await read(id, 'ru;q=0.9, en;q=0.8');
    expect(ruFirst).toMatchObject({ title: 'Пересмотреть квоты', titleLocale: 'RU', contentLanguage: 'ru' });
    // English has no text yet: en → ru → ky serves Russian and says so.
    const en = await read(id, 'en');
    expect(en).toMatchObject({ title: 'Пересмотреть квоты', titleLocale: 'RU', contentLanguage: 'en' });
    // q-values decide, not the order written: English is preferred over Kyrgyz here.
    const weighted = await read(id, 'ky;q=0.2, en-GB;q=0.9');
    expect(weighted.contentLanguage).toBe('en');
    // The field's locale argument wins over the header.
    expect(ky).toMatchObject({ ru: 'Пересмотреть квоты', ruLocale: 'RU', en: 'Пересмотреть квоты' });
    expect(ky.titleTranslations).toEqual([
      { locale: 'KY', text: 'Квоталарды кайра карап чыгуу' },
      { locale: 'RU', text: 'Пересмотреть квоты' },
    ]);
    // A field without any text: null, and no locale served.
    expect(ky).toMatchObject({ description: null, descriptionLocale: null, descriptionTranslations: [] });
    // Without Accept-Language, or with `*` (any language, as fetch sends): DEFAULT_CONTENT_LOCALE (en).
    expect((await read(id)).contentLanguage).toBe('en');
    expect((await read(id, '*')).contentLanguage).toBe('en');
  });

  it('answers the same compiled (graphql-jit) and interpreted, with synchronous resolvers on the translatable fields', async () => {
    const created = await create({ titleTranslations: [{ locale: 'RU', text: 'Одинаково' }, { locale: 'KY', text: 'Бирдей' }] });
    const { id } = created.data!.createRecommendation;
    const interpreted = await createTestApp({ GRAPHQL_EXECUTION: 'interpreted' }, { databaseUrl: t.databaseUrl });
    try {
      for (const acceptLanguage of ['ky', 'ru', 'en']) {
        const compiled = await t.gql(READ, { id }, { 'accept-language': acceptLanguage });
        const plain = await interpreted.gql(READ, { id }, { 'accept-language': acceptLanguage });
        expect(plain).toMatchObject({ data: compiled.data });
      }
    } finally {
      await interpreted.close();
    }
    const field = t.app.get(GraphQLSchemaHost).schema.getQueryType()!.getFields().recommendation;
    const recommendation = field.type as GraphQLObjectType;
    const answer = recommendation.getFields().title.resolve!({ title: { ru: 'Одинаково' } }, {}, { content: { locale: 'ky', chains: CHAINS } }, {} as never);
    expect(answer).toBe('Одинаково');
  });

  it('writes several locales at once, and `title` writes the request locale', async () => {
    const created = await create(
      {
        title: 'Revise quotas',
        titleTranslations: [{ locale: 'RU', text: '  Пересмотреть квоты  ' }],
        descriptionTranslations: [{ locale: 'KY', text: 'Жергиликтүү кеңештер' }, { locale: 'EN', text: '' }],
      },
      'en',
    );
    expect(created.errors).toBeUndefined();
    const row = await stored(created.data!.createRecommendation.id);
    // Trimmed; blank strings are not translations.
    expect(row.title).toEqual({ ru: 'Пересмотреть квоты', en: 'Revise quotas' });
    expect(row.description).toEqual({ ky: 'Жергиликтүү кеңештер' });
  });

  it('updates one locale, leaves the others, and the one audit entry shows both locales before and after', async () => {
    const created = await create({ titleTranslations: [{ locale: 'EN', text: 'Mentorship' }, { locale: 'RU', text: 'Наставничество' }] });
    const { id } = created.data!.createRecommendation;
    const updated = await t.gql(UPDATE, { id, input: { title: 'Наставничество для женщин' } }, { 'accept-language': 'ru' });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateRecommendation).toMatchObject({ version: 2, title: 'Наставничество для женщин', titleLocale: 'RU' });
    expect((await stored(id)).title).toEqual({ en: 'Mentorship', ru: 'Наставничество для женщин' });

    const audit = await t.gqlOk<{ auditLog: { edges: { node: { action: string; before: string | null; after: string | null } }[] } }>(
      `query ($id: ID!) { auditLog(entityId: $id, first: 10) { edges { node { action before after } } } }`,
      { id },
    );
    const entries = audit.auditLog.edges.map((e) => e.node).filter((e) => e.action === 'recommendation.update');
    expect(entries).toHaveLength(1);
    const before = JSON.parse(entries[0].before!) as { title: unknown };
    const after = JSON.parse(entries[0].after!) as { title: unknown };
    expect(before.title).toEqual({ en: 'Mentorship', ru: 'Наставничество' });
    expect(after.title).toEqual({ en: 'Mentorship', ru: 'Наставничество для женщин' });
  });

  it('refuses a blank or missing required translation with a code, and changes nothing', async () => {
    const count = async () => Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM recommendation'))[0].n);
    const before = await count();
    for (const input of [{ titleTranslations: [{ locale: 'RU', text: ' \u200b ' }] }, { title: '   ' }, {}]) {
      const res = await create(input, 'ru');
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/title/);
    }
    expect(await count()).toBe(before);

    const created = await create({ titleTranslations: [{ locale: 'EN', text: 'Only English' }] });
    const { id } = created.data!.createRecommendation;
    // Removing the only locale of a required field is refused; the row keeps its text and version.
    const removed = await t.gql(UPDATE, { id, input: { titleTranslations: [{ locale: 'EN', text: null }] } });
    expect(removed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await stored(id)).toMatchObject({ title: { en: 'Only English' }, version: 1 });
    // The same locale twice is ambiguous.
    const twice = await t.gql(UPDATE, {
      id,
      input: { titleTranslations: [{ locale: 'RU', text: 'а' }, { locale: 'RU', text: 'б' }] },
    });
    expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Longer than a title may be, in any locale.
    const long = await t.gql(UPDATE, { id, input: { titleTranslations: [{ locale: 'KY', text: 'ө'.repeat(301) }] } });
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await stored(id)).toMatchObject({ title: { en: 'Only English' }, version: 1 });
    // Removing one of two locales is fine.
    await t.gqlOk(UPDATE, { id, input: { titleTranslations: [{ locale: 'RU', text: 'Только английский' }] } });
    await t.gqlOk(UPDATE, { id, input: { titleTranslations: [{ locale: 'EN', text: '' }] } });
    expect((await stored(id)).title).toEqual({ ru: 'Только английский' });
  });

  it('searches every locale case-insensitively, Kyrgyz letters Ө ө Ү ү Ң ң included', async () => {
    const created = await create({
      titleTranslations: [
        { locale: 'KY', text: 'Өкмөттүн гендердик программаларын көзөмөлдөө' },
        { locale: 'RU', text: 'Усилить мониторинг гендерных программ' },
        { locale: 'EN', text: 'Stronger monitoring of gender programmes' },
      ],
      descriptionTranslations: [{ locale: 'KY', text: 'Үй-бүлө жана коомчулуктун колдоосу, аңгемелешүү' }],
    });
    const { id } = created.data!.createRecommendation;
    const found = async (search: string) => {
      const res = await t.gqlOk<{ recommendations: { edges: { node: { id: string } }[] } }>(SEARCH, { search });
      return res.recommendations.edges.map((e) => e.node.id);
    };
    for (const search of ['өкмөт', 'ӨКМӨТ', 'Өкмөт', 'МОНИТОРИНГ', 'мониторинг', 'GENDER PROGRAMMES', 'үй-бүлө', 'ҮЙ-БҮЛӨ', 'аңгеме', 'АҢГЕМЕ']) {
      expect({ search, found: await found(search) }).toEqual({ search, found: [id] });
    }
    expect(await found('совсем другое')).toEqual([]);
  });

  it('serves other types the same way: a meeting with its source note and place names, and an organisation', async () => {
    const meeting = await t.gqlOk<{ createMeeting: { id: string } }>(
      `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      {
        input: {
          titleTranslations: [{ locale: 'EN', text: 'Roundtable' }, { locale: 'RU', text: 'Круглый стол' }],
          heldOn: '2024-08-13',
          format: 'ROUNDTABLE',
          settlementTranslations: [{ locale: 'EN', text: 'Sokuluk' }, { locale: 'RU', text: 'Сокулук' }],
          regionTranslations: [{ locale: 'KY', text: 'Чүй облусу' }],
          sourceNoteTranslations: [{ locale: 'RU', text: 'Перевод новостного сообщения' }],
        },
      },
    );
    const res = await t.gql<{ meeting: Record<string, unknown> }>(
      `query ($id: ID!) { meeting(id: $id) { title settlement region regionLocale sourceNote sourceNoteLocale } }`,
      { id: meeting.createMeeting.id },
      { 'accept-language': 'ru' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.meeting).toEqual({
      title: 'Круглый стол',
      settlement: 'Сокулук',
      region: 'Чүй облусу',
      regionLocale: 'KY',
      sourceNote: 'Перевод новостного сообщения',
      sourceNoteLocale: 'RU',
    });
    const organization = await createOrganization(t, { name: 'Министерство труда' });
    const orgs = await t.gql<{ organizations: { id: string; name: string; nameLocale: string }[] }>(
      `{ organizations { id name nameLocale } }`,
      {},
      { 'accept-language': 'ky' },
    );
    const org = { data: { organization: orgs.data!.organizations.find((o) => o.id === organization.id)! } };
    // Written without Accept-Language: the default content locale (en); read in ky it falls back.
    expect(org.data.organization).toEqual({ id: organization.id, name: 'Министерство труда', nameLocale: 'EN' });
  });

  it("orders barriers by the reader's title, with the locale's collation where the database has one", async () => {
    const barrier = (translations: { locale: string; text: string }[]) =>
      t.gqlOk(`mutation ($input: CreateBarrierInput!) { createBarrier(input: $input) { id } }`, {
        input: { titleTranslations: translations, category: 'EDUCATION', meetingIds: [meetingId] },
      });
    await barrier([{ locale: 'EN', text: 'Apple' }, { locale: 'RU', text: 'Яблоко' }, { locale: 'KY', text: 'Пландар' }]);
    await barrier([{ locale: 'EN', text: 'Zebra' }, { locale: 'RU', text: 'Арбуз' }, { locale: 'KY', text: 'Өкмөт' }]);
    const titles = async (acceptLanguage: string) =>
      (
        await t.gql<{ barriers: { title: string }[] }>(`{ barriers(category: EDUCATION) { title } }`, {}, { 'accept-language': acceptLanguage })
      ).data!.barriers.map((b) => b.title);
    expect(await titles('en')).toEqual(['Apple', 'Zebra']);
    expect(await titles('ru')).toEqual(['Арбуз', 'Яблоко']);
    // Kyrgyz puts Ө after О, before П; byte order (no ICU) puts it after every Russian letter.
    const icu = t.app.get(DatabaseCapabilities).collationFor('ky') !== null;
    expect(await titles('ky')).toEqual(icu ? ['Өкмөт', 'Пландар'] : ['Пландар', 'Өкмөт']);
  });

  it("shows pages in the page's language, marking a fallback text with its own lang", async () => {
    const meeting = await t.gqlOk<{ createMeeting: { id: string } }>(
      `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      {
        input: {
          titleTranslations: [{ locale: 'EN', text: 'Hearing <in English>' }, { locale: 'KY', text: 'Угуу' }],
          heldOn: '2024-09-01',
          format: 'HEARING',
        },
      },
    );
    const page = async (lang: string) => (await request(t.app.getHttpServer()).get(`/meetings/${meeting.createMeeting.id}?lang=${lang}`)).text;
    const ky = await page('ky');
    expect(ky).toContain('<h1 class="govuk-heading-l">Угуу</h1>');
    // Russian falls back to English (ru → en → ky), escaped and marked as English.
    const ru = await page('ru');
    expect(ru).toContain('<h1 class="govuk-heading-l"><span lang="en">Hearing &lt;in English></span></h1>');
    expect(ru).toContain('<html lang="ru"');
  });

  it('migrates text to the default locale and back without losing it (TranslatableContent down, up)', async () => {
    const created = await create({ titleTranslations: [{ locale: 'EN', text: 'Kept English' }, { locale: 'RU', text: 'Сохранённый' }] });
    const ruOnly = await create({ titleTranslations: [{ locale: 'RU', text: 'Только по-русски' }] });
    const migration = new TranslatableContent1796200000000();
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      const down = await runner.query('SELECT id, title FROM recommendation WHERE id = ANY($1) ORDER BY title', [
        [created.data!.createRecommendation.id, ruOnly.data!.createRecommendation.id],
      ]);
      // Text again: the default locale where it has one, else the next that has.
      expect(down.map((r: { title: string }) => r.title)).toEqual(['Kept English', 'Только по-русски']);
      await migration.up(runner);
      const up = await runner.query('SELECT title FROM recommendation WHERE id = $1', [created.data!.createRecommendation.id]);
      expect(up[0].title).toEqual({ en: 'Kept English' });
      const blank = await runner.query("SELECT count(*)::int AS n FROM recommendation WHERE description = '{}'::jsonb");
      expect(blank[0].n).toBe(0);
    } finally {
      // Leaves the database as the other tests found it.
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await stored(created.data!.createRecommendation.id)).title).toEqual({ en: 'Kept English', ru: 'Сохранённый' });
  });
});
