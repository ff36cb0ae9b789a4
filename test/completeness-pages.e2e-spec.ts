import request from 'supertest';
import { Role } from '../src/auth/role.enum';
import { createActionPlan, createIndicator, createOrganization, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

/** The pages of issue 23's measure, milestones and reporting completeness. */
describe('measure, milestones and completeness on the pages', () => {
  let t: TestApp;
  let org: string;
  let plan: string;
  let editor: WebSession;
  const thisYear = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createOrganization(t, { name: 'Ministry of Completeness' })).id;
    plan = (await createActionPlan(t, { code: 'CP-PLAN', startYear: thisYear - 1, endYear: thisYear + 1 })).id;
    const user = await createUser(t, { email: 'editor@example.kg', role: Role.EDITOR, displayName: 'Editor' });
    editor = new WebSession(t);
    await editor.signIn(user.email, user.password);
  });
  afterAll(() => t.close());

  it('creates an indicator with its measure and frequency from the form, and sets a milestone on its page', async () => {
    await editor.get('/work/new/indicator');
    const created = await editor.post('/work/new/indicator', {
      actionPlanId: plan, code: 'CP-1', 'name-en': 'People trained', unit: 'people', direction: 'INCREASE', measure: 'FLOW', reportingFrequency: 'QUARTERLY', responsibleOrganizationId: org,
    });
    expect(created.status).toBe(303);
    const [row] = await t.sql<{ id: string; measure: string; reporting_frequency: string }>(`SELECT id, measure, reporting_frequency FROM indicator WHERE code = 'CP-1'`);
    expect(row).toMatchObject({ measure: 'FLOW', reporting_frequency: 'QUARTERLY' });

    const page = await editor.get(`/work/indicators/${row.id}?lang=ru`);
    expect(page.text).toContain('Поток за каждый период');
    expect(page.text).toContain('Ежеквартально');
    expect(page.text).toContain('data-period-rule="indicator.periodRule.FLOW.QUARTERLY"');
    expect(page.text).toContain(`action="/work/indicators/${row.id}/milestones"`);

    const saved = await editor.post(`/work/indicators/${row.id}/milestones`, { milestoneYear: String(thisYear), milestoneQuarter: '2', milestoneValue: '12,5' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/work/indicators/${row.id}?milestone=${thisYear}-Q2`);
    expect(await t.sql('SELECT year, quarter, value FROM indicator_milestone WHERE indicator_id = $1', [row.id])).toEqual([{ year: thisYear, quarter: 2, value: 12.5 }]);
    const [audit] = await t.sql<{ actor_name: string }>(`SELECT actor_name FROM audit_entry WHERE action = 'indicatorMilestone.set' AND entity_id = $1`, [row.id]);
    expect(audit.actor_name).toBe('Editor');
    const shown = await editor.get(`/work/indicators/${row.id}?lang=en`);
    expect(shown.text).toContain('Quarterly milestones');

    // Refusals are shown at their control, and change nothing.
    for (const [fields, control] of [
      [{ milestoneYear: String(thisYear), milestoneQuarter: '', milestoneValue: '1' }, 'milestoneQuarter'],
      [{ milestoneYear: String(thisYear + 5), milestoneQuarter: '1', milestoneValue: '1' }, 'milestoneYear'],
      [{ milestoneYear: String(thisYear), milestoneQuarter: '1', milestoneValue: 'many' }, 'milestoneValue'],
    ] as const) {
      await editor.get(`/work/indicators/${row.id}`);
      const refused = await editor.post(`/work/indicators/${row.id}/milestones`, fields);
      expect({ control, status: refused.status }).toEqual({ control, status: 400 });
      expect(refused.text).toContain(`href="#${control}"`);
    }
    expect(await t.sql('SELECT count(*)::int AS n FROM indicator_milestone WHERE indicator_id = $1', [row.id])).toEqual([{ n: 1 }]);
  });

  it('shows completeness on /work/completeness, the values owed in My work, and the table on the public organisation page', async () => {
    const yearly = await createIndicator(t, { actionPlanId: plan, code: 'CP-Y', responsibleOrganizationId: org });
    // Last year's value was submitted (now, so late); the quarterly indicator's quarters of last year are overdue.
    await recordValue(t, { indicatorId: yearly.id, period: String(thisYear - 1), value: 3 }, { approve: false });

    const overview = await editor.get(`/work/completeness?year=${thisYear - 1}&lang=ky`);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('<html lang="ky"');
    expect(overview.text).toContain('Отчеттуулуктун толуктугу');
    expect(overview.text).toContain('Ministry of Completeness');
    expect(overview.text).toMatch(/data-period="total"/);

    const work = await editor.get('/work?lang=en');
    expect(work.text).toContain('data-table="owed-values"');
    expect(work.text).toContain(`data-owed="CP-1/${thisYear - 1}-Q1" data-status="OVERDUE"`);
    expect(work.text).toContain('href="/work/completeness"');

    const publicPage = await request(t.app.getHttpServer()).get(`/organisations/${org}`).set('accept-language', 'ru');
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).toContain(`Представление значений её показателей за ${thisYear} год`);
  });
});
