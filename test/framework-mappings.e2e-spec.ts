import { Role } from '../src/auth/role.enum';
import { createIndicator, createOrganization, createRecommendation } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, PASSWORD, WebSession } from './support/web-session';

/**
 * The staff pages that map recommendations and indicators to framework items (issue 26): the
 * secretariat adds and removes mappings with a form, audited, with coded problems shown in the
 * form; other roles cannot reach them.
 */
describe('framework mapping pages', () => {
  let t: TestApp;
  let editor: WebSession;
  let items: Map<string, string>;
  const mappings = (table: string, column: string, id: string) =>
    t.sql<{ code: string }>(`SELECT f.framework || ' ' || f.code AS code FROM ${table} l JOIN framework_item f ON f.id = l.framework_item_id WHERE l.${column} = $1 ORDER BY 1`, [id]);

  beforeAll(async () => {
    t = await createTestApp();
    const user = await createUser(t, { email: 'secretariat@example.kg', role: Role.EDITOR });
    editor = new WebSession(t);
    expect((await editor.signIn(user.email, PASSWORD)).status).toBe(303);
    items = new Map(
      (await t.gqlOk<{ frameworkItems: { id: string; framework: string; code: string }[] }>('{ frameworkItems { id framework code } }')).frameworkItems.map((i) => [
        `${i.framework} ${i.code}`,
        i.id,
      ]),
    );
  });
  afterAll(() => t?.close());

  it('maps a recommendation to an SDG target and a CEDAW paragraph from its staff page, audited, and removes one again', async () => {
    const r = await createRecommendation(t);
    const detail = await editor.get(`/work/recommendations/${r.id}?lang=en`);
    expect(detail.text).toContain('International commitments');
    expect(detail.text).toContain(`href="/work/recommendations/${r.id}/frameworks"`);
    const page = await editor.get(`/work/recommendations/${r.id}/frameworks?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-none="framework-items"');
    expect(page.text).toContain(`<option value="${items.get('SDG 5.5')}">SDG 5.5 — `);

    const audits = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'frameworkItem.map'`))[0].n;
    const before = await audits();
    for (const code of ['SDG 5.5', 'CEDAW CO5-TSM']) {
      const saved = await editor.post(`/work/recommendations/${r.id}/frameworks`, { frameworkItemId: items.get(code)! });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`/work/recommendations/${r.id}/frameworks`);
    }
    expect(await mappings('recommendation_framework_item', 'recommendation_id', r.id)).toEqual([{ code: 'CEDAW CO5-TSM' }, { code: 'SDG 5.5' }]);
    expect(await audits()).toBe(before + 2);
    const mapped = await editor.get(`/work/recommendations/${r.id}/frameworks?lang=en`);
    expect(mapped.text).toContain('data-framework-item="SDG 5.5"');
    // A mapped item is no longer offered.
    expect(mapped.text).not.toContain(`<option value="${items.get('SDG 5.5')}">`);
    expect((await editor.get(`/work/recommendations/${r.id}?lang=en`)).text).toContain('href="/frameworks/sdg/5.5"');

    const removed = await editor.post(`/work/recommendations/${r.id}/frameworks/remove`, { frameworkItemId: items.get('SDG 5.5')! });
    expect(removed.status).toBe(303);
    expect(await mappings('recommendation_framework_item', 'recommendation_id', r.id)).toEqual([{ code: 'CEDAW CO5-TSM' }]);
  });

  it('shows a problem in the form, in the page language, for no choice or an unknown item, and changes nothing', async () => {
    const r = await createRecommendation(t);
    await editor.get(`/work/recommendations/${r.id}/frameworks?lang=ru`);
    const empty = await editor.post(`/work/recommendations/${r.id}/frameworks?lang=ru`, { frameworkItemId: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Выберите пункт из списка');
    expect(empty.text).toContain('govuk-error-summary');
    const unknown = await editor.post(`/work/recommendations/${r.id}/frameworks?lang=ru`, { frameworkItemId: '00000000-0000-4000-8000-000000000000' });
    // The service's NOT_FOUND names the control: the form is shown again with the problem.
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Выберите пункт из списка');
    expect(await mappings('recommendation_framework_item', 'recommendation_id', r.id)).toEqual([]);
  });

  it('maps an indicator to the SDG indicator it measures, in Kyrgyz', async () => {
    const indicator = await createIndicator(t);
    const detail = await editor.get(`/work/indicators/${indicator.id}?lang=ky`);
    expect(detail.text).toContain('Эл аралык милдеттенмелер');
    expect(detail.text).toContain(`href="/work/indicators/${indicator.id}/frameworks"`);
    const page = await editor.get(`/work/indicators/${indicator.id}/frameworks?lang=ky`);
    expect(page.text).toContain('Кошуу');
    expect((await editor.post(`/work/indicators/${indicator.id}/frameworks`, { frameworkItemId: items.get('SDG 5.5.1(b)')! })).status).toBe(303);
    expect(await mappings('indicator_framework_item', 'indicator_id', indicator.id)).toEqual([{ code: 'SDG 5.5.1(b)' }]);
    expect((await editor.get(`/work/indicators/${indicator.id}?lang=ky`)).text).toContain('data-framework-item="SDG 5.5.1(b)"');
  });

  it('is the secretariat’s: a ministry user gets neither the page nor the write', async () => {
    const organization = await createOrganization(t, { kind: 'MINISTRY' });
    const r = await createRecommendation(t, { responsibleOrganizationIds: [organization.id] });
    const user = await createUser(t, { email: 'ministry@example.kg', role: Role.MINISTRY, organizationId: organization.id });
    const ministry = new WebSession(t);
    expect((await ministry.signIn(user.email, PASSWORD)).status).toBe(303);
    expect((await ministry.get(`/work/recommendations/${r.id}?lang=en`)).text).not.toContain(`/work/recommendations/${r.id}/frameworks`);
    expect((await ministry.get(`/work/recommendations/${r.id}/frameworks`)).status).toBe(403);
    expect((await ministry.post(`/work/recommendations/${r.id}/frameworks`, { frameworkItemId: items.get('SDG 5.5')! })).status).toBe(403);
    expect(await mappings('recommendation_framework_item', 'recommendation_id', r.id)).toEqual([]);
  });
});
