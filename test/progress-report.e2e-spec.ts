import { writeFileSync } from 'node:fs';
import { todayIn } from '../src/common/scalars/calendar-date';
import { createRecommendation, createToken, download, transition } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createActionPlan, createIndicator, createMeeting, createOrganization, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('GET /reports/progress.pdf', () => {
  let t: TestApp;
  const today = todayIn('Asia/Bishkek');
  const year = Number(today.slice(0, 4));
  let planId: string;
  let planCode: string;
  let overdueCode: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ministry = (await createOrganization(t, { name: 'Министерство труда и социального развития' })).id;
    const parliament = (await createOrganization(t, { name: 'Жогорку Кеңеш', kind: 'PARLIAMENT' })).id;
    const meetingId = (await createMeeting(t, { heldOn: `${year - 1}-08-13` })).id;
    const plan = await createActionPlan(t, { code: 'WLP', title: 'План действий: женское лидерство', startYear: year - 1, endYear: year + 1 });
    planId = plan.id;
    planCode = plan.code;
    const share = await createIndicator(t, {
      actionPlanId: planId,
      code: 'WL-1',
      name: 'Доля женщин в местных кенешах',
      unit: '%',
      baselineYear: year - 1,
      baselineValue: 10,
      targets: [{ year, value: 20 }],
    });
    const gap = await createIndicator(t, {
      actionPlanId: planId,
      code: 'WL-2',
      name: 'Gender pay gap',
      unit: '%',
      direction: 'DECREASE',
      baselineValue: 50,
      targets: [{ year, value: 30 }],
    });
    await createIndicator(t, { actionPlanId: planId, code: 'WL-3', name: 'Mentors trained', unit: 'people' });
    await recordValue(t, { indicatorId: share.id, period: `${year}`, value: 16 });
    await recordValue(t, { indicatorId: gap.id, period: `${year}`, value: 28 });

    const implemented = await createRecommendation(t, {
      title: 'Ввести квоту 30%',
      meetingId,
      responsibleOrganizationIds: [parliament],
      indicatorIds: [share.id],
    });
    await transition(t, implemented, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED']);
    const inProgress = await createRecommendation(t, {
      title: 'Mentorship programme',
      meetingId,
      responsibleOrganizationIds: [ministry, parliament],
      indicatorIds: [gap.id],
    });
    await transition(t, inProgress, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS']);
    const overdue = await createRecommendation(t, {
      title: 'Обучение кандидаток',
      meetingId,
      dueDate: `${year - 1}-06-30`,
      responsibleOrganizationIds: [ministry],
      indicatorIds: [share.id],
    });
    overdueCode = overdue.code;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is a PDF with a dated file name whose pages carry the summary, the tables, the indicators and the overdue list', async () => {
    const res = await download(t, `/reports/progress.pdf?year=${year}&actionPlanId=${planId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="progress-report-${year}-${today}.pdf"`);
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.body.subarray(-6).toString()).toContain('%%EOF');
    if (process.env.KEEP_REPORT_PDF) writeFileSync(process.env.KEEP_REPORT_PDF, res.body);

    const pdf = readPdf(res.body);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.pageTexts).toHaveLength(pdf.pages);
    const text = pdf.pageTexts.join('\n');
    const lines = text.split('\n');
    expect(text).toContain(`Implementation progress report ${year}`);
    expect(text).toContain(`Action plan ${planCode}: План действий: женское лидерство`);
    expect(text).toContain(`generated ${today} (Asia/Bishkek)`);
    expect(pdf.pageTexts[pdf.pages - 1]).toContain(`page ${pdf.pages} of ${pdf.pages}`);
    // The summary figures: 3 recommendations, 1 implemented, 33.3% (1 of 3), 1 overdue.
    expect(lines.slice(0, 20)).toEqual(expect.arrayContaining(['3', 'recommendations', '1', 'implemented', '33.3%', 'implementation rate', 'overdue']));
    // The status chart's labels and the organisation table's rows (long names wrap).
    expect(lines).toEqual(expect.arrayContaining(['Implemented', 'In progress', 'Proposed', 'Жогорку Кеңеш']));
    // The scorecard, the weakest at the top: total, implemented, rate, in progress, stalled, overdue.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Министерство труда и социального развития 2 0 0% 1 0 1');
    expect(flat).toContain('Жогорку Кеңеш 2 1 50% 1 0 0');
    expect(flat.indexOf('Министерство труда и социального развития 2')).toBeLessThan(flat.indexOf('Жогорку Кеңеш 2'));
    expect(text).toContain(`Filters: year=${year} · asOf=${today} · valuesKnownBy=${today} · action plan ${planCode}`);
    expect(pdf.pageTexts[0]).toMatch(/SHA-256 [0-9a-f]{64}/);
    // Indicators: baseline → actual → target with values, and the status with the percent.
    expect(lines).toEqual(
      expect.arrayContaining([
        'WL-1  Доля женщин в местных кенешах (%)',
        'baseline 10',
        `actual 16 (${year})`,
        'target 20',
        'At risk · 60%',
        'baseline 50',
        `actual 28 (${year})`,
        'target 30',
        'Achieved · 110%',
        'No data',
        `no value for ${year}`,
      ]),
    );
    expect(text).toContain('Overdue recommendations (1)');
    expect(text).toContain(`${overdueCode}  Обучение кандидаток`);
    expect(text).toContain(`due ${year - 1}-06-30 · Proposed · Министерство труда и социального развития`);
  });

  it('covers every plan by default, for the current year', async () => {
    const res = await download(t, '/reports/progress.pdf');
    expect(res.status).toBe(200);
    const text = readPdf(res.body).pageTexts.join('\n');
    expect(text).toContain(`Implementation progress report ${year}`);
    expect(text).toContain('All action plans and recommendations');
  });

  it('answers JSON errors for a bad year or an unknown plan, and needs a token', async () => {
    const badYear = await download(t, '/reports/progress.pdf?year=twenty');
    expect(badYear.status).toBe(400);
    expect(badYear.json.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(badYear.json.error.message).toContain('year');
    const unknownPlan = await download(t, `/reports/progress.pdf?year=${year}&actionPlanId=00000000-0000-4000-8000-000000000000`);
    expect(unknownPlan.status).toBe(404);
    expect(unknownPlan.json.error.code).toBe('NOT_FOUND');
    expect((await download(t, '/reports/progress.pdf', '')).status).toBe(401);
    expect((await download(t, '/reports/progress.pdf', await createToken(t, 'VIEWER'))).status).toBe(200);
  });
});
