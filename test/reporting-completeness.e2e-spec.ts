import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import ExcelJS from 'exceljs';
import { download } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createActionPlan, createIndicator, createOrganization, recordValue } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const TZ = 'Asia/Bishkek';

const QUERY = `query ($year: Int!, $org: ID, $asOf: Date) {
  reportingCompleteness(year: $year, organizationId: $org, asOf: $asOf) {
    organizationId organization { id }
    periods { period periodEnd dueOn expected reported approved reportedOnTime reportedLate overdue notYetDue daysLate }
    totals { expected reported approved reportedOnTime reportedLate overdue notYetDue daysLate }
  }
}`;

interface Counts {
  expected: number;
  reported: number;
  approved: number;
  reportedOnTime: number;
  reportedLate: number;
  overdue: number;
  notYetDue: number;
  daysLate: number;
}

const DAY = 86_400_000;
const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY;
/** The calendar day of an instant in the service's time zone. */
const localDay = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(instant);

/**
 * The completeness figures counted independently of the service: the periods written out as
 * literals, each expected value's first submission and approval read with plain subqueries,
 * and the days counted here in JavaScript.
 */
async function independentCounts(t: TestApp, year: number, asOf: string): Promise<Map<string, Map<string, Counts>>> {
  // The first instant of the day after asOf in Asia/Bishkek (UTC+6, no daylight saving).
  const asOfEnd = new Date(Date.parse(`${asOf}T00:00:00+06:00`) + DAY);
  const rows = await t.sql<{ org: string; period: string; last_day: string; lag: number; first: Date | null; approved: boolean }>(
    `SELECT i.responsible_organization_id AS org, x.period, to_char(x.last_day, 'YYYY-MM-DD') AS last_day, p.reporting_lag_days AS lag,
            (SELECT min(w.submitted_at) FROM indicator_value v, indicator_value_version w
              WHERE w.indicator_value_id = v.id AND v.indicator_id = i.id AND v.period = x.period AND w.submitted_at < $3) AS first,
            EXISTS (SELECT 1 FROM indicator_value v, indicator_value_version w
                     WHERE w.indicator_value_id = v.id AND v.indicator_id = i.id AND v.period = x.period
                       AND w.submitted_at < $3 AND w.review_status = 'APPROVED' AND w.reviewed_at < $3) AS approved
       FROM indicator i, action_plan p,
            (VALUES ($1::int::text, make_date($1::int, 12, 31), 'YEARLY'),
                    ($1::int::text || '-Q1', make_date($1::int, 3, 31), 'QUARTERLY'),
                    ($1::int::text || '-Q2', make_date($1::int, 6, 30), 'QUARTERLY'),
                    ($1::int::text || '-Q3', make_date($1::int, 9, 30), 'QUARTERLY'),
                    ($1::int::text || '-Q4', make_date($1::int, 12, 31), 'QUARTERLY')) AS x(period, last_day, frequency)
      WHERE p.id = i.action_plan_id AND p.start_year <= $1 AND p.end_year >= $1 AND i.responsible_organization_id IS NOT NULL
        AND x.frequency = i.reporting_frequency::text AND x.last_day <= $2::date`,
    [year, asOf, asOfEnd],
  );
  const result = new Map<string, Map<string, Counts>>();
  for (const row of rows) {
    const periods = result.get(row.org) ?? new Map<string, Counts>();
    result.set(row.org, periods);
    const c = periods.get(row.period) ?? { expected: 0, reported: 0, approved: 0, reportedOnTime: 0, reportedLate: 0, overdue: 0, notYetDue: 0, daysLate: 0 };
    periods.set(row.period, c);
    const due = dayNumber(row.last_day) + row.lag;
    c.expected += 1;
    if (row.approved) c.approved += 1;
    if (row.first) {
      c.reported += 1;
      const submitted = dayNumber(localDay(row.first));
      if (submitted <= due) c.reportedOnTime += 1;
      else {
        c.reportedLate += 1;
        c.daysLate += submitted - due;
      }
    } else if (dayNumber(asOf) > due) {
      c.overdue += 1;
      c.daysLate += dayNumber(asOf) - due;
    } else {
      c.notYetDue += 1;
    }
  }
  return result;
}

type PeriodRow = Counts & { period: string; periodEnd: string; dueOn: string };
type Answer = { organizationId: string; organization: { id: string }; periods: PeriodRow[]; totals: Counts }[];

/** The answer's counts by organisation and period (what independentCounts computes). */
function asMaps(answer: Answer): Map<string, Map<string, Counts>> {
  const counts = ({ period: _p, periodEnd: _e, dueOn: _d, ...rest }: PeriodRow): Counts => rest;
  return new Map(answer.map((org) => [org.organizationId, new Map(org.periods.map((p) => [p.period, counts(p)]))]));
}

describe('reportingCompleteness', () => {
  let t: TestApp;
  const completeness = async (year: number, asOf: string, org?: string): Promise<Answer> =>
    (await t.gqlOk(QUERY, { year, asOf, org: org ?? null })).reportingCompleteness;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a built scenario', () => {
    let orgA: string;
    let orgB: string;
    const setSubmitted = async (valueId: string, submitted: string, reviewed: string | null) =>
      t.sql(`UPDATE indicator_value_version SET submitted_at = $2, reviewed_at = COALESCE($3::timestamptz, reviewed_at) WHERE indicator_value_id = $1`, [
        valueId,
        submitted,
        reviewed,
      ]);

    beforeAll(async () => {
      orgA = (await createOrganization(t)).id;
      orgB = (await createOrganization(t)).id;
      const plan = (await createActionPlan(t, { startYear: 2025, endYear: 2026 })).id;
      const later = (await createActionPlan(t, { startYear: 2026, endYear: 2027 })).id;
      await t.sql('UPDATE action_plan SET reporting_lag_days = 30 WHERE id = $1', [plan]);
      const yearly1 = (await createIndicator(t, { actionPlanId: plan, responsibleOrganizationId: orgA })).id;
      await createIndicator(t, { actionPlanId: plan, responsibleOrganizationId: orgA });
      const quarterly = (await createIndicator(t, { actionPlanId: plan, responsibleOrganizationId: orgA, reportingFrequency: 'QUARTERLY', measure: 'FLOW' })).id;
      // Outside 2025 (its plan starts in 2026), and without an organisation: owed by nobody in 2025.
      await createIndicator(t, { actionPlanId: later, responsibleOrganizationId: orgB });
      await createIndicator(t, { actionPlanId: plan });

      // 2025 is due 2026-01-30; submitted 2026-01-20 (on time) and approved the next day.
      await setSubmitted((await recordValue(t, { indicatorId: yearly1, period: '2025', value: 5 }, { reportedOnTime: false })).id, '2026-01-20T10:00:00+06:00', '2026-01-21T10:00:00+06:00');
      // Q1 due 2025-04-30: on time, approved.
      await setSubmitted((await recordValue(t, { indicatorId: quarterly, period: '2025-Q1', value: 1 }, { reportedOnTime: false })).id, '2025-04-10T10:00:00+06:00', '2025-04-11T10:00:00+06:00');
      // Q2 due 2025-07-30: submitted 2025-08-09, 10 days late, not approved.
      await setSubmitted(
        (await recordValue(t, { indicatorId: quarterly, period: '2025-Q2', value: 2 }, { approve: false, reportedOnTime: false })).id,
        '2025-08-09T23:30:00+06:00',
        null,
      );
      // Q3 (due 2025-10-30): nothing. Q4 due 2026-01-30: submitted 2026-02-05 (6 days late), approved only today.
      await setSubmitted((await recordValue(t, { indicatorId: quarterly, period: '2025-Q4', value: 4 }, { reportedOnTime: false })).id, '2026-02-05T09:00:00+06:00', null);
    });

    it('counts expected, reported, approved, on-time, late and overdue values with the days late, as of the cut-off', async () => {
      const [a, ...others] = await completeness(2025, '2026-03-01', orgA);
      expect(others).toEqual([]);
      expect(a.organization.id).toBe(orgA);
      const row = (period: string) => a.periods.find((p) => p.period === period);
      expect(a.periods.map((p) => p.period)).toEqual(['2025', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
      expect(row('2025')).toMatchObject({ periodEnd: '2025-12-31', dueOn: '2026-01-30', expected: 2, reported: 1, approved: 1, reportedOnTime: 1, reportedLate: 0, overdue: 1, notYetDue: 0, daysLate: 30 });
      expect(row('2025-Q1')).toMatchObject({ dueOn: '2025-04-30', expected: 1, reported: 1, approved: 1, reportedOnTime: 1, overdue: 0, daysLate: 0 });
      expect(row('2025-Q2')).toMatchObject({ expected: 1, reported: 1, approved: 0, reportedOnTime: 0, reportedLate: 1, daysLate: 10 });
      expect(row('2025-Q3')).toMatchObject({ expected: 1, reported: 0, overdue: 1, daysLate: 122 });
      expect(row('2025-Q4')).toMatchObject({ expected: 1, reported: 1, approved: 0, reportedLate: 1, daysLate: 6 });
      expect(a.totals).toEqual({ expected: 6, reported: 4, approved: 2, reportedOnTime: 2, reportedLate: 2, overdue: 2, notYetDue: 0, daysLate: 168 });
      // Organisation B owes nothing for 2025: its plan starts in 2026.
      expect((await completeness(2025, '2026-03-01')).map((o) => o.organizationId)).not.toContain(orgB);
    });

    it('expects only periods ended by the cut-off, and counts only what was known by then', async () => {
      const [a] = await completeness(2025, '2025-07-15', orgA);
      // Q1 reported on time; Q2 ended but is due only on 2025-07-30, and was submitted after the cut-off.
      expect(a.periods.map((p) => [p.period, p.reported, p.notYetDue, p.daysLate])).toEqual([
        ['2025-Q1', 1, 0, 0],
        ['2025-Q2', 0, 1, 0],
      ]);
    });

    it('matches a count written independently, at several cut-offs', async () => {
      for (const asOf of ['2025-07-15', '2025-12-31', '2026-03-01', '2026-11-30']) {
        expect({ asOf, counts: asMaps(await completeness(2025, asOf)) }).toEqual({ asOf, counts: await independentCounts(t, 2025, asOf) });
      }
    });

    it('exports the same figures as CSV and XLSX, byte for byte the same on a second request, with a fingerprint', async () => {
      const path = '/exports/reporting-completeness.csv?year=2025&asOf=2026-03-01';
      const [first, second] = [await download(t, path), await download(t, path)];
      expect(first.status).toBe(200);
      expect(first.body.equals(second.body)).toBe(true);
      const lines = first.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines[0]).toBe('organization_name,organization_id,period,period_end,due_on,expected,reported,approved,reported_on_time,reported_late,overdue,not_yet_due,days_late');
      const rows = lines.slice(1).map((line) => line.split(','));
      const mine = rows.filter((r) => r[1] === orgA);
      expect(mine.map((r) => [r[2], ...r.slice(5).map(Number)])).toEqual([
        ['2025', 2, 1, 1, 1, 0, 1, 0, 30],
        ['2025-Q1', 1, 1, 1, 1, 0, 0, 0, 0],
        ['2025-Q2', 1, 1, 0, 0, 1, 0, 0, 10],
        ['2025-Q3', 1, 0, 0, 0, 0, 1, 0, 122],
        ['2025-Q4', 1, 1, 0, 0, 1, 0, 0, 6],
      ]);
      // Every organisation and period of the GraphQL answer, and nothing else.
      const answer = await completeness(2025, '2026-03-01');
      expect(rows.map((r) => `${r[1]}/${r[2]}`).sort()).toEqual(answer.flatMap((o) => o.periods.map((p) => `${o.organizationId}/${p.period}`)).sort());

      const meta = JSON.parse((await download(t, `${path.replace('.csv', '.meta.json')}`)).text);
      expect(meta.fingerprint.value).toMatch(/^[0-9a-f]{64}$/);
      const xlsx = await download(t, `/exports/reporting-completeness.xlsx?year=2025&asOf=2026-03-01&lang=ru`);
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Полнота отчётности') as ExcelJS.Worksheet;
      expect(sheet.rowCount).toBe(rows.length + 1);
      expect(sheet.getRow(1).getCell(6).text).toBe('Ожидается');
    });

    it('adds a completeness section to the printed progress report, one organisation when it is about one', async () => {
      const [{ name }] = await t.sql<{ name: string }>(`SELECT name->>'en' AS name FROM organization WHERE id = $1`, [orgA]);
      const text = (id: string | null) =>
        download(t, `/reports/progress.pdf?year=2025&asOf=2026-03-01${id ? `&organizationId=${id}` : ''}`).then((res) => readPdf(res.body).pageTexts.join('\n').replace(/\s+/g, ' '));
      const all = await text(null);
      expect(all).toContain('Reporting completeness: values due for 2025 by');
      expect(all).toContain(name);
      const one = await text(orgA);
      // Its totals: expected 6, reported 4, on time 2, overdue 2, 168 days late.
      expect(one).toMatch(new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*6\\s*4\\s*2\\s*2\\s*168`));
    });

    it('refuses a cut-off after today and an unknown organisation, with codes', async () => {
      const future = await t.gql(QUERY, { year: 2025, asOf: '2999-01-01' });
      expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const unknown = await t.gql(QUERY, { year: 2025, org: '7d1b1c9e-0000-4000-8000-000000000000' });
      expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });

  it('matches the independent count for the sample data', async () => {
    await seedSokulukRoundtable(t.app.get(DataSource));
    const today = localDay(new Date());
    for (const year of [2024, 2025, 2026]) {
      const answer = await completeness(year, today);
      expect({ year, counts: asMaps(answer) }).toEqual({ year, counts: await independentCounts(t, year, today) });
      for (const org of answer) {
        const sum = (key: keyof Counts) => org.periods.reduce((s, p) => s + p[key], 0);
        expect(org.totals.expected).toBe(sum('expected'));
        expect(org.totals.daysLate).toBe(sum('daysLate'));
      }
    }
    // The sample's quarterly indicator (WL-2) owes the quarters of 2025; the yearly ones the year.
    const [{ id: ministry }] = await t.sql<{ id: string }>(`SELECT responsible_organization_id AS id FROM indicator WHERE code = 'WL-2'`);
    const [ministryRows] = await completeness(2025, today, ministry);
    expect(ministryRows.periods.map((p) => p.period)).toEqual(['2025', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(ministryRows.periods[1]).toMatchObject({ expected: 1, reported: 1 });
  });
});

describe('setIndicatorMilestone', () => {
  let t: TestApp;
  let plan: string;
  let quarterly: string;
  let yearly: string;
  const SET = 'mutation ($i: ID!, $y: Int!, $q: Int!, $v: Float!) { setIndicatorMilestone(indicatorId: $i, year: $y, quarter: $q, value: $v) { id measure reportingFrequency milestones(year: $y) { year quarter value } } }';
  const audits = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'indicatorMilestone.set'`))[0].n;
  const milestones = async () => t.sql<{ year: number; quarter: number; value: number }>('SELECT year, quarter, value FROM indicator_milestone ORDER BY indicator_id, year, quarter');

  beforeAll(async () => {
    t = await createTestApp();
    plan = (await createActionPlan(t, { startYear: 2025, endYear: 2026 })).id;
    quarterly = (await createIndicator(t, { actionPlanId: plan, reportingFrequency: 'QUARTERLY', measure: 'CUMULATIVE' })).id;
    yearly = (await createIndicator(t, { actionPlanId: plan })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sets and replaces a quarter milestone, audited, and reads it back by year', async () => {
    const first = await t.gqlOk(SET, { i: quarterly, y: 2025, q: 2, v: 40 });
    expect(first.setIndicatorMilestone).toEqual({ id: quarterly, measure: 'CUMULATIVE', reportingFrequency: 'QUARTERLY', milestones: [{ year: 2025, quarter: 2, value: 40 }] });
    await t.gqlOk(SET, { i: quarterly, y: 2025, q: 2, v: 45 });
    await t.gqlOk(SET, { i: quarterly, y: 2026, q: 1, v: 50 });
    expect(await milestones()).toEqual([
      { year: 2025, quarter: 2, value: 45 },
      { year: 2026, quarter: 1, value: 50 },
    ]);
    const entries = await t.sql<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_entry WHERE action = 'indicatorMilestone.set' AND entity_id = $1 ORDER BY at, id`,
      [quarterly],
    );
    expect(entries.slice(0, 2)).toEqual([
      { before: null, after: { year: 2025, quarter: 2, value: 40 } },
      { before: { year: 2025, quarter: 2, value: 40 }, after: { year: 2025, quarter: 2, value: 45 } },
    ]);
    const read = await t.gqlOk('query ($i: ID!) { indicator(id: $i) { all: milestones { year quarter } y2026: milestones(year: 2026) { quarter value } } }', { i: quarterly });
    expect(read.indicator).toEqual({ all: [{ year: 2025, quarter: 2 }, { year: 2026, quarter: 1 }], y2026: [{ quarter: 1, value: 50 }] });
  });

  it.each([
    ['a quarter outside 1-4', () => ({ i: quarterly, y: 2025, q: 5, v: 1 }), 'quarter'],
    ['quarter 0', () => ({ i: quarterly, y: 2025, q: 0, v: 1 }), 'quarter'],
    ['a yearly indicator', () => ({ i: yearly, y: 2025, q: 1, v: 1 }), 'yearlyIndicator'],
    ['a year outside the plan', () => ({ i: quarterly, y: 2027, q: 1, v: 1 }), 'outsidePlan'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_name, variables, detail) => {
    const before = { audits: await audits(), milestones: await milestones() };
    const res = await t.gql(SET, variables());
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors?.[0].extensions)).toContain(detail);
    expect({ audits: await audits(), milestones: await milestones() }).toEqual(before);
  });

  it('keeps MINISTRY tokens to their own organisation', async () => {
    const org = (await createOrganization(t)).id;
    const other = (await createIndicator(t, { actionPlanId: plan, reportingFrequency: 'QUARTERLY', responsibleOrganizationId: (await createOrganization(t)).id })).id;
    const { createApiToken } = await t.gqlOk('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', {
      input: { name: 'ministry', role: 'MINISTRY', organizationId: org },
    });
    const res = await t.gql(SET, { i: other, y: 2025, q: 1, v: 1 }, { authorization: bearer(createApiToken.token) });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await t.sql('SELECT 1 FROM indicator_milestone WHERE indicator_id = $1', [other])).toEqual([]);
  });

  it('creates indicators LEVEL and YEARLY unless told otherwise', async () => {
    const { indicator } = await t.gqlOk('query ($i: ID!) { indicator(id: $i) { measure reportingFrequency } }', { i: yearly });
    expect(indicator).toEqual({ measure: 'LEVEL', reportingFrequency: 'YEARLY' });
  });
});
