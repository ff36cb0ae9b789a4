import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { todayIn } from '../src/common/scalars/calendar-date';
import { createRecommendation, createToken, download, transition } from './exports-support';
import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const LIST_CODES = `query ($filter: RecommendationFilter) {
  recommendations(first: 100, filter: $filter) { totalCount edges { node { code } } }
}`;

const BOM = '\uFEFF';

/** The CSV parsed back as records keyed by header. */
function records(csv: string): Record<string, string>[] {
  return parse<Record<string, string>>(csv, { bom: true, columns: true });
}

describe('exports', () => {
  let t: TestApp;
  const today = todayIn('Asia/Bishkek');
  const ids = {} as Record<'ministry' | 'parliament' | 'meeting' | 'otherMeeting' | 'barrier' | 'plan' | 'indicator', string>;
  const recs: Record<string, { id: string; code: string; version: number }> = {};

  beforeAll(async () => {
    t = await createTestApp();
    ids.ministry = (await createOrganization(t, { name: 'Министерство труда и социального развития' })).id;
    ids.parliament = (await createOrganization(t, { name: 'Жогорку Кеңеш', kind: 'PARLIAMENT' })).id;
    ids.meeting = (await createMeeting(t, { title: 'Круглый стол в Сокулуке', settlement: 'Сокулук', region: 'Чүй', heldOn: '2024-08-13' })).id;
    ids.otherMeeting = (await createMeeting(t, { title: 'Follow-up', heldOn: '2025-03-14' })).id;
    ids.barrier = (await createBarrier(t, { title: '=HYPERLINK("http://evil.example","click")', meetingIds: [ids.meeting] })).id;
    const plainBarrier = (await createBarrier(t, { title: 'Stereotypes, "traditional" roles', meetingIds: [ids.meeting] })).id;
    ids.plan = (await createActionPlan(t, { startYear: 2024, endYear: 2026 })).id;
    ids.indicator = (
      await createIndicator(t, {
        actionPlanId: ids.plan,
        code: 'WL-1',
        name: 'Доля женщин в местных кенешах',
        baselineYear: 2024,
        baselineValue: 10,
        targets: [
          { year: 2024, value: 12 },
          { year: 2025, value: 20 },
        ],
      })
    ).id;
    await recordValue(t, { indicatorId: ids.indicator, period: '2024', value: 11, source: '@stat committee' });
    await recordValue(t, { indicatorId: ids.indicator, period: '2025-Q1', value: -5, note: '-revised' });
    await recordValue(t, { indicatorId: ids.indicator, period: '2025-Q2', value: 16 });

    recs.quota = await createRecommendation(t, {
      title: 'Ввести квоту 30% для женщин',
      kind: 'QUOTA',
      meetingId: ids.meeting,
      dueDate: '2024-12-31',
      barrierIds: [ids.barrier, plainBarrier],
      responsibleOrganizationIds: [ids.ministry, ids.parliament],
      indicatorIds: [ids.indicator],
    });
    recs.escaping = await createRecommendation(t, {
      title: 'Line one, "quoted"\nline two',
      kind: 'EDUCATION',
      meetingId: ids.meeting,
      responsibleOrganizationIds: [ids.parliament],
    });
    recs.injection = await createRecommendation(t, { title: '+SUM(1,2)', kind: 'MONITORING', meetingId: ids.otherMeeting, dueDate: '2099-01-01' });
    recs.tab = await createRecommendation(t, { title: 'Tabbed', kind: 'MONITORING', meetingId: ids.otherMeeting });
    // The API trims titles; data imported by other means may still start with a tab or a carriage return.
    await t.sql(`UPDATE recommendation SET title = jsonb_build_object('en', E'\\tTabbed @title') WHERE id = $1`, [recs.tab.id]);
    await t.sql(`UPDATE status_change SET note = jsonb_build_object('en', E'\\r=1+2') WHERE recommendation_id = $1`, [recs.tab.id]);
    await transition(t, recs.quota, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS'], 'Рабочая группа создана');
    await transition(t, recs.injection, ['REJECTED']);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GET /exports/recommendations.csv', () => {
    it('is UTF-8 CSV with a BOM, a dated file name, and one row per recommendation', async () => {
      const res = await download(t, '/exports/recommendations.csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="recommendations-${today}.csv"`);
      expect(res.text.startsWith(BOM)).toBe(true);
      const [{ count }] = await t.sql<{ count: number }>('SELECT count(*)::int AS count FROM recommendation');
      expect(records(res.text)).toHaveLength(count);
      // RFC 4180: CRLF after every record.
      expect(res.text.split('\r\n')[0]).toBe(
        `${BOM}code,title,kind,priority,status,due_date,overdue,meeting_title,meeting_date,settlement,region,barriers,` +
          'responsible_organizations,indicator_codes,last_status_change_at,last_status_change_by,last_status_change_note,independent_statuses,divergent,framework_items',
      );
    });

    it('round-trips Cyrillic text and joins barriers, organisations, indicators and the last status change', async () => {
      const row = records((await download(t, '/exports/recommendations.csv')).text).find((r) => r.code === recs.quota.code)!;
      expect(row).toMatchObject({
        title: 'Ввести квоту 30% для женщин',
        kind: 'QUOTA',
        status: 'IN_PROGRESS',
        due_date: '2024-12-31',
        overdue: 'true',
        meeting_title: 'Круглый стол в Сокулуке',
        meeting_date: '2024-08-13',
        settlement: 'Сокулук',
        region: 'Чүй',
        responsible_organizations: 'Жогорку Кеңеш; Министерство труда и социального развития',
        indicator_codes: 'WL-1',
        last_status_change_by: 'bootstrap-admin',
        last_status_change_note: 'Рабочая группа создана',
      });
      expect(row.barriers).toBe(`'=HYPERLINK("http://evil.example","click"); Stereotypes, "traditional" roles`);
      expect(row.last_status_change_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+06:00$/);
    });

    it('quotes commas, quotes and line breaks, and neutralises cells that a spreadsheet would run as formulas', async () => {
      const res = await download(t, '/exports/recommendations.csv');
      expect(res.text).toContain('"Line one, ""quoted""\nline two"');
      const byCode = new Map(records(res.text).map((r) => [r.code, r]));
      expect(byCode.get(recs.escaping.code)!.title).toBe('Line one, "quoted"\nline two');
      expect(byCode.get(recs.injection.code)!.title).toBe("'+SUM(1,2)");
      expect(byCode.get(recs.tab.code)!.title).toBe("'\tTabbed @title");
      expect(byCode.get(recs.tab.code)!.last_status_change_note).toBe("'\r=1+2");
      expect(byCode.get(recs.injection.code)!.overdue).toBe('false');
    });

    it.each([
      ['status=IN_PROGRESS', { status: ['IN_PROGRESS'] }],
      ['status=IN_PROGRESS&status=REJECTED', { status: ['IN_PROGRESS', 'REJECTED'] }],
      ['kind=MONITORING', { kind: ['MONITORING'] }],
      ['overdue=true', { overdue: true }],
      ['overdue=false', { overdue: false }],
      ['search=%D0%BA%D0%B2%D0%BE%D1%82', { search: 'квот' }],
    ])('filters by %s like the recommendations query does', async (query, filter) => {
      const expected = (await t.gqlOk(LIST_CODES, { filter })).recommendations.edges.map((e: any) => e.node.code);
      const rows = records((await download(t, `/exports/recommendations.csv?${query}`)).text);
      expect(rows.map((r) => r.code)).toEqual(expected);
      expect(rows.length).toBeGreaterThan(0);
    });

    it('filters by meeting, barrier and responsible organisation', async () => {
      const codes = async (query: string) => records((await download(t, `/exports/recommendations.csv?${query}`)).text).map((r) => r.code);
      expect(await codes(`meetingId=${ids.otherMeeting}`)).toEqual([recs.injection.code, recs.tab.code].sort());
      expect(await codes(`barrierId=${ids.barrier}`)).toEqual([recs.quota.code]);
      expect(await codes(`responsibleOrganizationId=${ids.parliament}`)).toEqual([recs.quota.code, recs.escaping.code].sort());
    });

    it.each([
      ['status=DONE', 'status'],
      ['kind=', 'kind'],
      ['overdue=maybe', 'overdue'],
      ['meetingId=42', 'meetingId'],
      ['stauts=IN_PROGRESS', 'stauts'],
    ])('answers 400 naming the parameter for %s', async (query, name) => {
      const res = await download(t, `/exports/recommendations.csv?${query}`);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('BAD_USER_INPUT');
      expect(res.json.error.message).toContain(name);
    });
  });

  describe('GET /exports/status-history.csv', () => {
    it('has one row per status change, with the recommendation code', async () => {
      const res = await download(t, '/exports/status-history.csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="status-history-${today}.csv"`);
      const rows = records(res.text);
      const [{ count }] = await t.sql<{ count: number }>('SELECT count(*)::int AS count FROM status_change');
      expect(rows).toHaveLength(count);
      const quota = rows.filter((r) => r.recommendation_code === recs.quota.code);
      expect(quota.map((r) => [r.version, r.from_status, r.to_status])).toEqual([
        ['1', '', 'PROPOSED'],
        ['2', 'PROPOSED', 'UNDER_REVIEW'],
        ['3', 'UNDER_REVIEW', 'ACCEPTED'],
        ['4', 'ACCEPTED', 'IN_PROGRESS'],
      ]);
      expect(quota[3].note).toBe('Рабочая группа создана');
    });
  });

  describe('GET /exports/indicator-values.csv', () => {
    it('has one row per value; negative numbers stay numbers, text starting with - or @ is neutralised', async () => {
      const res = await download(t, '/exports/indicator-values.csv');
      const rows = records(res.text);
      const [{ count }] = await t.sql<{ count: number }>('SELECT count(*)::int AS count FROM indicator_value');
      expect(rows).toHaveLength(count);
      expect(rows.map((r) => [r.indicator_code, r.period, r.value, r.source, r.note])).toEqual([
        ['WL-1', '2024', '11', "'@stat committee", ''],
        ['WL-1', '2025-Q1', '-5', '', "'-revised"],
        ['WL-1', '2025-Q2', '16', '', ''],
      ]);
      expect(res.text).toContain(',2025-Q1,-5,,');
      expect(rows[0].recorded_by).toBe('bootstrap-admin');
    });

    it('answers 404 for an unknown plan and 400 for a malformed id', async () => {
      expect((await download(t, '/exports/indicator-values.csv?actionPlanId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const bad = await download(t, '/exports/indicator-values.csv?actionPlanId=nope');
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain('actionPlanId');
    });
  });

  describe('GET /exports/indicators.csv', () => {
    it('gives targets and actuals per plan year and the progress of the chosen year, as the API computes it', async () => {
      const res = await download(t, `/exports/indicators.csv?actionPlanId=${ids.plan}&year=2025`);
      expect(res.status).toBe(200);
      const [row] = records(res.text);
      const progress = (
        await t.gqlOk(`query ($id: ID!) { indicator(id: $id) { progress(year: 2025) { target actual percentOfTarget status } } }`, { id: ids.indicator })
      ).indicator.progress;
      expect(row).toMatchObject({
        code: 'WL-1',
        name: 'Доля женщин в местных кенешах',
        direction: 'INCREASE',
        baseline_value: '10',
        target_2024: '12',
        actual_2024: '11',
        target_2025: '20',
        actual_2025: '16',
        target_2026: '',
        actual_2026: '',
        year: '2025',
        target: String(progress.target),
        actual: String(progress.actual),
        percent_of_target: String(progress.percentOfTarget),
        progress_status: progress.status,
      });
    });

    it('refuses a year outside 1900-2200', async () => {
      const res = await download(t, '/exports/indicators.csv?year=20255');
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain('year');
    });
  });

  describe('XLSX', () => {
    async function workbookOf(path: string): Promise<ExcelJS.Workbook> {
      const res = await download(t, path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      return workbook;
    }

    it('recommendations.xlsx has a bold frozen header with a filter, dates as dates and booleans as words', async () => {
      const book = await workbookOf('/exports/recommendations.xlsx?status=IN_PROGRESS');
      expect(book.worksheets[0].name).toBe('README');
      const sheet = book.worksheets[1];
      expect(sheet.name).toBe('Recommendations');
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(1).getCell(1).value).toBe('code');
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      const row = sheet.getRow(2);
      expect(row.getCell(1).value).toBe(recs.quota.code);
      expect(row.getCell(2).value).toBe('Ввести квоту 30% для женщин');
      expect(row.getCell(6).value).toEqual(new Date('2024-12-31T00:00:00Z'));
      expect(row.getCell(7).value).toBe('TRUE');
      expect(sheet.getColumn(2).width).toBeGreaterThan(20);
    });

    it('indicator-values.xlsx keeps numbers as numbers (negative ones too) and text unaltered', async () => {
      const sheet = (await workbookOf('/exports/indicator-values.xlsx')).worksheets[1];
      const values = [2, 3, 4].map((r) => sheet.getRow(r).getCell(4).value);
      expect(values).toEqual([11, -5, 16]);
      expect(sheet.getRow(2).getCell(5).value).toBe('@stat committee');
    });

    it('workbook.xlsx has a sheet per export, each with as many rows as the database', async () => {
      const workbook = await workbookOf(`/exports/workbook.xlsx?year=2025`);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'README',
        'Recommendations',
        'Status history',
        'Indicators',
        'Indicator values',
        'Rec. organisations',
        'Rec. barriers',
        'Rec. indicators',
        'Deadline changes',
        'Assessments',
      ]);
      const [counts] = await t.sql(
        `SELECT (SELECT count(*) FROM recommendation)::int AS recommendations, (SELECT count(*) FROM status_change)::int AS history,
                (SELECT count(*) FROM indicator)::int AS indicators, (SELECT count(*) FROM indicator_value)::int AS "values"`,
      );
      expect(workbook.worksheets.slice(1, 5).map((s) => s.rowCount - 1)).toEqual([counts.recommendations, counts.history, counts.indicators, counts.values]);
    });
  });

  describe('access', () => {
    it('needs a token; any role that may read gets the file', async () => {
      const anonymous = await download(t, '/exports/recommendations.csv', '');
      expect(anonymous.status).toBe(401);
      expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
      const viewer = await createToken(t, 'VIEWER');
      expect((await download(t, '/exports/recommendations.csv', viewer)).status).toBe(200);
      expect((await download(t, '/exports/workbook.xlsx', viewer)).status).toBe(200);
    });
  });
});
