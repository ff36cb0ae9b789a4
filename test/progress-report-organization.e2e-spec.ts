import { todayIn } from '../src/common/scalars/calendar-date';
import { createRecommendation, download } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createActionPlan, createIndicator, createMeeting, createOrganization } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The progress report on one organisation (organizationId): its own indicators only
 * (those it is responsible for: Indicator.responsibleOrganizationId), its own row of
 * the scorecard only (the organisations sharing its recommendations are not ranked
 * beside it), and a subtitle that says whose report it is.
 */
describe('GET /reports/progress.pdf?organizationId=', () => {
  let t: TestApp;
  const today = todayIn('Asia/Bishkek');
  const year = Number(today.slice(0, 4));
  const ids = {} as Record<'ministry' | 'parliament' | 'akimiat', string>;

  beforeAll(async () => {
    t = await createTestApp();
    ids.ministry = (await createOrganization(t, { name: 'Министерство труда' })).id;
    ids.parliament = (await createOrganization(t, { name: 'Жогорку Кеңеш', kind: 'PARLIAMENT' })).id;
    ids.akimiat = (await createOrganization(t, { name: 'Сокулукский айыл окмоту', kind: 'LOCAL_GOVERNMENT' })).id;
    const meetingId = (await createMeeting(t, { heldOn: `${year - 1}-08-13` })).id;
    const plan = await createActionPlan(t, { code: 'ORG', startYear: year - 1, endYear: year + 1 });
    await createIndicator(t, { actionPlanId: plan.id, code: 'M-1', name: 'Ministry indicator', responsibleOrganizationId: ids.ministry });
    await createIndicator(t, { actionPlanId: plan.id, code: 'P-1', name: 'Parliament indicator', responsibleOrganizationId: ids.parliament });
    await createIndicator(t, { actionPlanId: plan.id, code: 'N-1', name: 'Nobody’s indicator' });
    await createRecommendation(t, { title: 'Shared', meetingId, responsibleOrganizationIds: [ids.ministry, ids.parliament] });
    await createRecommendation(t, { title: 'Ministry alone', meetingId, responsibleOrganizationIds: [ids.ministry] });
    await createRecommendation(t, { title: 'Akimiat alone', meetingId, responsibleOrganizationIds: [ids.akimiat] });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function text(path: string): Promise<string> {
    const res = await download(t, path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return readPdf(res.body).pageTexts.join('\n');
  }

  it('shows only the indicators the organisation is responsible for', async () => {
    const report = await text(`/reports/progress.pdf?year=${year}&organizationId=${ids.ministry}`);
    expect(report).toContain('M-1  Ministry indicator');
    expect(report).not.toContain('P-1');
    expect(report).not.toContain('N-1');
    // Not vacuous: the unfiltered report shows all three.
    const all = await text(`/reports/progress.pdf?year=${year}`);
    for (const code of ['M-1', 'P-1', 'N-1']) expect(all).toContain(`${code}  `);
  });

  it('ranks no other organisation beside it', async () => {
    const flat = (await text(`/reports/progress.pdf?year=${year}&organizationId=${ids.ministry}`)).replace(/\s+/g, ' ');
    expect(flat).toContain('Министерство труда 2 0');
    expect(flat).not.toContain('Жогорку Кеңеш');
    expect(flat).not.toContain('Сокулукский айыл окмоту');
  });

  it('says whose report it is instead of "All action plans and recommendations"', async () => {
    const report = await text(`/reports/progress.pdf?year=${year}&organizationId=${ids.ministry}`);
    expect(report).not.toContain('All action plans and recommendations');
    expect(report.replace(/\s+/g, ' ')).toContain('Recommendations and indicators of Министерство труда');
    const ru = await text(`/reports/progress.pdf?year=${year}&organizationId=${ids.ministry}&lang=ru`);
    expect(ru.replace(/\s+/g, ' ')).toContain('Рекомендации и индикаторы: Министерство труда');
    expect(await text(`/reports/progress.pdf?year=${year}`)).toContain('All action plans and recommendations');
  });
});
