import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { loadSyntheticData } from '../bench/synthetic/load-synthetic-data';
import { Clock } from '../src/common/clock';
import { download } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { expectError } from './support/expect-error';
import { bearer, createTestApp, TestApp } from './support/test-app';

type Csv = Record<string, string>[];
const records = (csv: string): Csv => parse<Record<string, string>>(csv, { bom: true, columns: true });

const RECORD = `mutation ($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id versions { id number reviewStatus } } }`;
const REVIEW = `mutation ($input: ReviewValueInput!) { reviewValue(input: $input) { id reviewStatus } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateRecommendationInput!) { updateRecommendation(id: $id, input: $input) { id } }`;
const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`;
const SUMMARY = `query ($year: Int!, $asOf: Date, $valuesKnownBy: Date, $valueStatus: ValueStatus) {
  progressSummary(year: $year, asOf: $asOf, valuesKnownBy: $valuesKnownBy, valueStatus: $valueStatus) {
    asOf valuesKnownBy valueStatus overdue indicators { indicator { code } actual actualPeriod percentOfTarget status }
  }
}`;

/**
 * Issue 23, "done means": correcting a value, approving it, returning one, adding one and moving a
 * due date after a report was downloaded leaves the report byte-identical when downloaded again
 * with the same asOf and valuesKnownBy (the synthetic data, scale 0.1). And the smaller defects:
 * years outside the plan refused, one default year, SUBMITTED values for staff only.
 */
describe('reports hold after values change', () => {
  let t: TestApp;
  let client: Client | null = null;
  let editorToken: string;
  let viewerToken: string;
  let today: string;
  const year = 2025;
  const asOf = '2025-12-31';
  const valuesKnownBy = '2026-02-14';
  const cut = `asOf=${asOf}&valuesKnownBy=${valuesKnownBy}`;
  const reports = [
    `/exports/indicators.csv?year=${year}&${cut}`,
    `/exports/indicators.xlsx?year=${year}&${cut}&lang=ru`,
    `/exports/indicator-values.csv?${cut}`,
    `/exports/workbook.xlsx?year=${year}&${cut}`,
    `/reports/progress.pdf?year=${year}&${cut}`,
    // The defaults for a past year are this same cut (its end, plus the plan's 45-day lag).
    `/reports/progress.pdf?year=${year}`,
    `/exports/indicators.csv?year=${year}`,
  ];
  const before = new Map<string, Buffer>();
  let summaryBefore: unknown;

  beforeAll(async () => {
    t = await createTestApp();
    client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await loadSyntheticData(client, 0.1, { reset: true });
    today = t.app.get(Clock).today();
    editorToken = (await t.gqlOk(CREATE_TOKEN, { input: { name: 'second-pair-of-eyes', role: 'EDITOR' } })).createApiToken.token;
    viewerToken = (await t.gqlOk(CREATE_TOKEN, { input: { name: 'ngo-dashboard', role: 'VIEWER' } })).createApiToken.token;
  }, 300_000);
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  const asEditor = (query: string, variables: Record<string, unknown>) => t.gql(query, variables, { authorization: bearer(editorToken) });
  const approve = async (versionId: string) => expect((await asEditor(REVIEW, { input: { versionId, decision: 'APPROVE' } })).errors).toBeUndefined();

  it('gives the same bytes for the same asOf and valuesKnownBy after values are corrected, approved, returned and added', async () => {
    for (const path of reports) {
      const res = await download(t, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      before.set(path, res.body);
    }
    summaryBefore = (await t.gqlOk(SUMMARY, { year, asOf, valuesKnownBy })).progressSummary;
    const values = records(before.get(reports[2])!.toString('utf8'));
    // The synthetic data reports quarters: the year's actual is its fourth quarter (reported in January).
    const annual = values.find((v) => v.period === `${year}-Q4`)!;
    const quarterly = values.find((v) => v.period === `${year}-Q3`)!;
    expect(annual).toBeDefined();
    expect(quarterly).toBeDefined();
    const idOf = async (code: string) => (await t.sql<{ id: string }>('SELECT id FROM indicator WHERE code = $1', [code]))[0].id;

    // A correction of the year's value, approved by another person.
    const corrected = await t.gqlOk(RECORD, { input: { indicatorId: await idOf(annual.indicator_code), period: `${year}-Q4`, value: Number(annual.value) + 7, correctionReason: 'a district counted twice' } });
    await approve(corrected.recordIndicatorValue.versions.at(-1).id);
    // A correction of a quarter, returned with a reason.
    const returned = await t.gqlOk(RECORD, { input: { indicatorId: await idOf(quarterly.indicator_code), period: `${year}-Q3`, value: Number(quarterly.value) * 2, correctionReason: 'revised survey' } });
    expect((await asEditor(REVIEW, { input: { versionId: returned.recordIndicatorValue.versions.at(-1).id, decision: 'RETURN', reason: 'source missing' } })).errors).toBeUndefined();
    // A late annual value (which would be the year's actual), approved today.
    const added = await t.gqlOk(RECORD, { input: { indicatorId: await idOf(quarterly.indicator_code), period: String(year), value: 1 } });
    await approve(added.recordIndicatorValue.versions.at(-1).id);
    // And a due date moved.
    const [recommendation] = await t.sql<{ id: string }>(`SELECT id FROM recommendation WHERE due_date < '2025-12-31' ORDER BY code LIMIT 1`);
    await t.gqlOk(UPDATE, { id: recommendation.id, input: { dueDate: '2027-06-30' } });

    for (const path of reports) {
      const res = await download(t, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, identical: res.body.equals(before.get(path)!) }).toEqual({ path, identical: true });
    }
    expect((await t.gqlOk(SUMMARY, { year, asOf, valuesKnownBy })).progressSummary).toEqual(summaryBefore);

    // Known by today, the correction shows (so the comparison above is not vacuous); the returned one never does.
    const now = records((await download(t, `/exports/indicator-values.csv?${`asOf=${asOf}&valuesKnownBy=${today}`}`)).text);
    expect(now.find((v) => v.indicator_code === annual.indicator_code && v.period === `${year}-Q4`)!.value).toBe(String(Number(annual.value) + 7));
    expect(now.find((v) => v.indicator_code === quarterly.indicator_code && v.period === `${year}-Q3`)!.value).toBe(quarterly.value);
    expect((await download(t, `/exports/indicators.csv?year=${year}&asOf=${asOf}&valuesKnownBy=${today}`)).body.equals(before.get(reports[0])!)).toBe(false);
  });

  it('prints both cut-offs in the files and the PDF, and counts them in the fingerprint', async () => {
    const meta = JSON.parse((await download(t, `/exports/indicators.meta.json?year=${year}&${cut}`)).text) as { asOf: string; valuesKnownBy: string; fingerprint: { value: string } };
    expect(meta).toMatchObject({ asOf, valuesKnownBy });
    const later = JSON.parse((await download(t, `/exports/indicators.meta.json?year=${year}&asOf=${asOf}&valuesKnownBy=2026-03-31`)).text) as typeof meta;
    expect(later.valuesKnownBy).toBe('2026-03-31');
    expect(later.fingerprint.value).not.toBe(meta.fingerprint.value);
    const pdf = readPdf((await download(t, `/reports/progress.pdf?year=${year}`)).body).pageTexts.join('\n');
    expect(pdf).toContain(`asOf=${asOf} · valuesKnownBy=${valuesKnownBy}`);
    expect(pdf.replace(/\s+/g, ' ')).toContain(`indicator values as approved by the end of ${valuesKnownBy}`);
  });

  it('refuses a year outside the plan, and valuesKnownBy before asOf or after today, changing nothing', async () => {
    for (const path of [`/reports/progress.pdf?year=2030`, `/exports/indicators.csv?year=1999`, `/exports/workbook.xlsx?year=2031`]) {
      const res = await download(t, path);
      expect({ path, status: res.status, code: (res.json as { error: { code: string } }).error.code }).toEqual({ path, status: 400, code: 'BAD_USER_INPUT' });
    }
    expectError(await t.gql(SUMMARY, { year: 2031 }), 'BAD_USER_INPUT', /year/);
    expectError(await t.gql(SUMMARY, { year, asOf, valuesKnownBy: '2025-06-30' }), 'BAD_USER_INPUT', /valuesKnownBy/);
    expectError(await t.gql(SUMMARY, { year, valuesKnownBy: '2999-01-01' }), 'BAD_USER_INPUT', /valuesKnownBy/);
    expect((await download(t, `/exports/indicators.csv?${`asOf=${asOf}&valuesKnownBy=2025-01-01`}`)).status).toBe(400);
  });

  it('picks the same default year for the PDF and the indicators export', async () => {
    for (const day of ['2025-06-30', '2026-01-15', today]) {
      const csv = records((await download(t, `/exports/indicators.csv?asOf=${day}`)).text);
      const pdf = await download(t, `/reports/progress.pdf?asOf=${day}`);
      const pdfYear = /progress-report-(\d{4})-/.exec(String(pdf.headers['content-disposition']))![1];
      expect({ day, csv: csv[0].year, pdf: pdfYear }).toEqual({ day, csv: pdfYear, pdf: pdfYear });
    }
  });

  it('shows SUBMITTED values to staff only, and says so', async () => {
    const [indicator] = await t.sql<{ id: string; code: string }>('SELECT id, code FROM indicator ORDER BY code LIMIT 1');
    await t.gqlOk(RECORD, { input: { indicatorId: indicator.id, period: '2026-Q4', value: 4242 } });
    const staff = (await t.gqlOk(SUMMARY, { year: 2026, valueStatus: 'SUBMITTED' })).progressSummary;
    expect(staff.valueStatus).toBe('SUBMITTED');
    expect(staff.indicators.find((p: { indicator: { code: string } }) => p.indicator.code === indicator.code)).toMatchObject({ actual: 4242, actualPeriod: '2026-Q4' });
    const published = (await t.gqlOk(SUMMARY, { year: 2026 })).progressSummary;
    expect(published.indicators.find((p: { indicator: { code: string } }) => p.indicator.code === indicator.code).actual).not.toBe(4242);

    const viewer = await t.gql(SUMMARY, { year: 2026, valueStatus: 'SUBMITTED' }, { authorization: bearer(viewerToken) });
    expectError(viewer, 'FORBIDDEN', /SUBMITTED/);
    const progress = await t.gql(`query ($id: ID!) { indicator(id: $id) { progress(year: 2026, valueStatus: SUBMITTED) { actual } } }`, { id: indicator.id }, { authorization: bearer(viewerToken) });
    expectError(progress, 'FORBIDDEN', /SUBMITTED/);
    const export403 = await download(t, '/exports/indicators.csv?values=submitted', viewerToken);
    expect({ status: export403.status, code: (export403.json as { error: { code: string } }).error.code }).toEqual({ status: 403, code: 'FORBIDDEN' });

    const rows = records((await download(t, '/exports/indicator-values.csv?values=submitted')).text);
    expect(rows.find((r) => r.indicator_code === indicator.code && r.period === '2026-Q4')!.value).toBe('4242');
    const meta = JSON.parse((await download(t, '/exports/indicator-values.meta.json?values=submitted')).text) as { valueStatus: string };
    expect(meta.valueStatus).toBe('SUBMITTED');
    const pdf = readPdf((await download(t, '/reports/progress.pdf?year=2026&values=submitted')).body).pageTexts.join('\n');
    expect(pdf.replace(/\s+/g, ' ')).toContain('Includes values submitted but not yet reviewed');
  });
});
