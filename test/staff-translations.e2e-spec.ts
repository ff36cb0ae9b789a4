import { Role } from '../src/auth/role.enum';
import { createRecommendation } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

const TITLE_RU = 'Ввести квоту для женщин в местных кенешах Сокулукского района';
const TITLE_EN = 'Introduce a quota for women in the local councils of Sokuluk district';
const TITLE_KY = 'Сокулук районунун жергиликтүү кеңештеринде аялдар үчүн квота киргизүү';
const DESCRIPTION_RU = 'Не менее 30 % мест в списках кандидатов.';

interface Stored {
  title: Record<string, string>;
  description: Record<string, string> | null;
  version: number;
}

/** The staff form that edits a recommendation's title and description per language (POST /work/recommendations/:id/text). */
describe('staff pages: editing translatable text', () => {
  let t: TestApp;
  let editor: WebSession;
  let id: string;

  const stored = async (): Promise<Stored> =>
    (await t.sql<Stored>('SELECT title, description, version FROM recommendation WHERE id = $1', [id]))[0];
  const auditCount = async (): Promise<number> =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1`, [id]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    const user = await createUser(t, { email: 'editor.translations@example.kg', role: Role.EDITOR, displayName: 'Редактор' });
    editor = new WebSession(t);
    await editor.signIn(user.email, user.password);
  });

  beforeEach(async () => {
    const created = await createRecommendation(t, {
      // `title` writes the request's locale (English, the default here).
      title: TITLE_EN,
      titleTranslations: [{ locale: 'RU', text: TITLE_RU }],
      descriptionTranslations: [{ locale: 'RU', text: DESCRIPTION_RU }],
    } as never);
    id = created.id;
  });

  afterAll(() => t.close());

  it('shows the page language first, the other languages filled in, each marked with lang, and "not yet translated"', async () => {
    const page = await editor.get(`/work/recommendations/${id}/text?lang=ky`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="ky"');
    expect(page.text).toMatch(/<textarea[^>]*id="title-ky"[^>]*lang="ky"[^>]*>\s*<\/textarea>/);
    expect(page.text).toMatch(new RegExp(`<textarea[^>]*id="title-ru"[^>]*lang="ru"[^>]*>${TITLE_RU}</textarea>`));
    expect(page.text).toMatch(new RegExp(`<textarea[^>]*id="title-en"[^>]*lang="en"[^>]*>${TITLE_EN}</textarea>`));
    expect(page.text).toContain('Азырынча которулган эмес');
    // The Kyrgyz title is missing, so the other languages start open.
    expect(page.text).toMatch(/<details class="govuk-details" open>/);

    const show = await editor.get(`/work/recommendations/${id}?lang=ky`);
    expect(show.text).toContain(`href="/work/recommendations/${id}/text"`);
    expect(show.text).toContain('<span lang="ru">Русский</span>');
    expect(show.text).toContain('Азырынча которулган эмес');
  });

  it("the staff indicator page lists its name's languages and tags the page's missing one", async () => {
    const [{ indicator_id: indicatorId }] = await t.sql<{ indicator_id: string }>('SELECT indicator_id FROM recommendation_indicator WHERE recommendation_id = $1', [id]);
    // The factory names it in English only.
    const ky = (await editor.get(`/work/indicators/${indicatorId}?lang=ky`)).text;
    expect(ky).toContain('Жазылган тилдер: <span lang="en">English</span>');
    expect(ky).toContain('Азырынча которулган эмес');
    const en = (await editor.get(`/work/indicators/${indicatorId}?lang=en`)).text;
    expect(en).toContain('Written in: <span lang="en">English</span></p>');
  });

  it('saves the one locale posted, leaves the others as they were, in one audit entry', async () => {
    await editor.get(`/work/recommendations/${id}/text?lang=ky`);
    const before = await stored();
    const audits = await auditCount();
    const saved = await editor.post(`/work/recommendations/${id}/text?lang=ky`, { 'title-ky': `  ${TITLE_KY} `, expectedVersion: String(before.version) });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/work/recommendations/${id}?done=text`);
    const after = await stored();
    expect(after.title).toEqual({ ky: TITLE_KY, ru: TITLE_RU, en: TITLE_EN });
    expect(after.description).toEqual({ ru: DESCRIPTION_RU });
    expect(after.version).toBe(before.version + 1);
    expect(await auditCount()).toBe(audits + 1);
    const [entry] = await t.sql<{ action: string; before: Stored; after: Stored; actor_name: string }>(
      `SELECT action, before, after, actor_name FROM audit_entry WHERE entity_id = $1 ORDER BY at DESC LIMIT 1`,
      [id],
    );
    expect(entry.action).toBe('recommendation.update');
    expect(entry.before.title).toEqual({ ru: TITLE_RU, en: TITLE_EN });
    expect(entry.after.title).toEqual({ ky: TITLE_KY, ru: TITLE_RU, en: TITLE_EN });
    expect(entry.actor_name).toBe('Редактор');
  });

  it('the whole form as a browser sends it: a blank optional locale is removed, the unchanged ones stay', async () => {
    const before = await stored();
    const saved = await editor.post(`/work/recommendations/${id}/text?lang=ru`, {
      expectedVersion: String(before.version),
      'title-ru': TITLE_RU,
      'title-ky': TITLE_KY,
      'title-en': TITLE_EN,
      'description-ru': '',
      'description-ky': '',
      'description-en': '',
    });
    expect(saved.status).toBe(303);
    const after = await stored();
    expect(after.title).toEqual({ ky: TITLE_KY, ru: TITLE_RU, en: TITLE_EN });
    expect(after.description).toBeNull();
  });

  it('refuses a required title left blank in every language, with the message in the page language, and changes nothing', async () => {
    const before = await stored();
    const audits = await auditCount();
    const refused = await editor.post(`/work/recommendations/${id}/text?lang=ru`, {
      expectedVersion: String(before.version),
      'title-ru': ' ',
      'title-ky': '',
      'title-en': '\u200b',
      'description-ru': 'Изменённое описание',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('href="#title-ru"');
    expect(refused.text).toContain('Введите этот текст хотя бы на одном языке');
    // What the person typed is kept for correction.
    expect(refused.text).toContain('Изменённое описание');
    expect(await stored()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a text over the limit at its own language control, and changes nothing', async () => {
    const before = await stored();
    const refused = await editor.post(`/work/recommendations/${id}/text?lang=en`, {
      expectedVersion: String(before.version),
      'title-ky': 'ы'.repeat(301),
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#title-ky"');
    expect(refused.text).toContain('This text must be 300 characters or fewer');
    expect(await stored()).toEqual(before);
  });

  it('a stale form is refused as a conflict and shows the fresh text', async () => {
    const before = await stored();
    await t.gqlOk(`mutation ($id: ID!) { updateRecommendation(id: $id, input: { titleTranslations: [{ locale: EN, text: "Changed meanwhile" }] }) { id } }`, { id });
    const refused = await editor.post(`/work/recommendations/${id}/text?lang=en`, { expectedVersion: String(before.version), 'title-en': 'Mine' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Changed meanwhile');
    expect((await stored()).title.en).toBe('Changed meanwhile');
  });

  it('a POST with a wrong CSRF token is refused and changes nothing', async () => {
    const before = await stored();
    const refused = await editor.post(`/work/recommendations/${id}/text`, { _csrf: 'wrong', 'title-en': 'No token' });
    expect(refused.status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});
