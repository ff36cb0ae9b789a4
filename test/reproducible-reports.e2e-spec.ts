import { parse } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { todayIn } from '../src/common/scalars/calendar-date';
import { createRecommendation, download, transition } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

type Csv = Record<string, string>[];

function records(csv: string, delimiter = ','): Csv {
  return parse<Record<string, string>>(csv, { bom: true, columns: true, delimiter });
}

const percent = (value: number) => `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(value)}%`;

/**
 * Reports an analyst can reproduce: the PDF for a past day rebuilt from the
 * exports taken as of the same day, later writes left out; the same request
 * giving the same bytes and fingerprint; files that describe themselves.
 */
describe('reproducible reports (asOf, fingerprints, metadata)', () => {
  let t: TestApp;
  const today = todayIn('Asia/Bishkek');
  const year = Number(today.slice(0, 4));
  const past = year - 1;
  const asOf = `${past}-12-31`;
  const ids = {} as Record<'ministry' | 'akimiat' | 'meeting' | 'share' | 'gap' | 'plan', string>;
  const recs: Record<string, { id: string; code: string; version: number }> = {};

  async function ok(path: string) {
    const res = await download(t, path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ids.ministry = (await createOrganization(t, { name: 'Министерство; труда' })).id;
    ids.akimiat = (await createOrganization(t, { name: 'Сокулукский айыл окмоту', kind: 'LOCAL_GOVERNMENT' })).id;
    ids.meeting = (await createMeeting(t, { heldOn: `${past}-02-10`, region: 'Чүй' })).id;
    const barrier = (await createBarrier(t, { title: 'Stereotypes; roles', meetingIds: [ids.meeting] })).id;
    ids.plan = (await createActionPlan(t, { code: 'REPRO', startYear: past - 1, endYear: year })).id;
    ids.share = (
      await createIndicator(t, {
        actionPlanId: ids.plan,
        code: 'R-1',
        name: 'Доля женщин в кенешах',
        baselineYear: past - 1,
        baselineValue: 10,
        targets: [{ year: past, value: 25 }],
      })
    ).id;
    ids.gap = (
      await createIndicator(t, { actionPlanId: ids.plan, code: 'R-2', name: 'Pay gap', direction: 'DECREASE', baselineValue: 40, targets: [{ year: past, value: 30 }] })
    ).id;
    await recordValue(t, { indicatorId: ids.share, period: `${past}-Q1`, value: 12, source: 'Нацстатком' });
    await recordValue(t, { indicatorId: ids.share, period: `${past}-Q3`, value: 19.5, source: 'Нацстатком' });
    await recordValue(t, { indicatorId: ids.gap, period: `${past}`, value: 28 });
    const base = { meetingId: ids.meeting, indicatorIds: [ids.share], barrierIds: [barrier] };
    recs.done = await createRecommendation(t, { ...base, title: 'Квота', dueDate: `${past}-09-30`, responsibleOrganizationIds: [ids.akimiat] });
    await transition(t, recs.done, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED']);
    recs.late = await createRecommendation(t, { ...base, title: 'Обучение', dueDate: `${past}-06-30`, responsibleOrganizationIds: [ids.ministry, ids.akimiat] });
    await transition(t, recs.late, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS']);
    recs.stalled = await createRecommendation(t, { ...base, title: '=Менторы', dueDate: `${past}-03-01`, responsibleOrganizationIds: [ids.ministry] });
    await transition(t, recs.stalled, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'STALLED']);
    recs.rejected = await createRecommendation(t, { ...base, title: 'Rejected idea', responsibleOrganizationIds: [ids.ministry] });
    await transition(t, recs.rejected, ['REJECTED']);
    // All of that happened in the past year: move the history, the rows and the values there.
    const shift = `now() - timestamptz '${past}-06-15T12:00:00+06:00'`;
    await t.sql(`UPDATE status_change SET changed_at = changed_at - (${shift})`);
    await t.sql(`UPDATE recommendation SET created_at = created_at - (${shift}), updated_at = updated_at - (${shift})`);
    await t.sql(`UPDATE indicator_value SET recorded_at = timestamptz '${past}-10-20T09:00:00+06:00'`);
    await t.sql(`UPDATE indicator_value_version SET submitted_at = timestamptz '${past}-10-20T09:00:00+06:00', reviewed_at = timestamptz '${past}-10-20T09:00:00+06:00'`);
    // What happened after asOf: the late one is implemented, a new one is made, the share's Q4 value is reported.
    await transition(t, recs.late, ['IMPLEMENTED']);
    recs.later = await createRecommendation(t, { ...base, title: 'Made this year', responsibleOrganizationIds: [ids.ministry] });
    // Recorded today, long after asOf plus the reporting lag: not known by the report's default valuesKnownBy.
    await recordValue(t, { indicatorId: ids.share, period: `${past}-Q4`, value: 30 }, { reportedOnTime: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rebuilds every figure of a past PDF from the exports taken as of the same day', async () => {
    const pdf = readPdf((await ok(`/reports/progress.pdf?year=${past}&asOf=${asOf}`)).body);
    const text = pdf.pageTexts.join('\n');
    const flat = text.replace(/\s+/g, ' ');
    const recommendations = records((await ok(`/exports/recommendations.csv?asOf=${asOf}`)).text);
    const links = records((await ok(`/exports/recommendation-organizations.csv?asOf=${asOf}`)).text);
    const indicators = records((await ok(`/exports/indicators.csv?asOf=${asOf}&year=${past}`)).text);

    // The summary: later writes left out (the recommendation made this year, the late one's implementation).
    expect(recommendations.map((r) => r.code).sort()).toEqual([recs.done.code, recs.late.code, recs.rejected.code, recs.stalled.code].sort());
    const count = (status: string) => recommendations.filter((r) => r.status === status).length;
    const implemented = count('IMPLEMENTED');
    const rate = (implemented / (recommendations.length - count('REJECTED'))) * 100;
    const overdue = recommendations.filter((r) => r.overdue === 'true');
    expect(overdue.map((r) => r.code).sort()).toEqual([recs.late.code, recs.stalled.code].sort());
    expect(flat).toContain(`${recommendations.length} recommendations ${implemented} implemented ${percent(rate)} implementation rate ${overdue.length} overdue`);
    for (const [label, status] of [['In progress', 'IN_PROGRESS'], ['Stalled', 'STALLED'], ['Implemented', 'IMPLEMENTED'], ['Rejected', 'REJECTED']]) {
      expect(flat).toContain(`${label} ${count(status)}`);
    }
    // The scorecard, from the join table and the statuses.
    for (const name of ['Министерство; труда', 'Сокулукский айыл окмоту']) {
      const codes = new Set(links.filter((l) => l.organization_name === name).map((l) => l.recommendation_code));
      const mine = recommendations.filter((r) => codes.has(r.code));
      const of = (status: string) => mine.filter((r) => r.status === status).length;
      const counted = mine.length - of('REJECTED');
      const orgRate = counted > 0 ? percent((of('IMPLEMENTED') / counted) * 100) : '–';
      const orgOverdue = mine.filter((r) => r.overdue === 'true').length;
      expect(flat).toContain(`${name} ${mine.length} ${of('IMPLEMENTED')} ${orgRate} ${of('IN_PROGRESS')} ${of('STALLED')} ${orgOverdue}`);
    }
    // The indicators: the actual as reported by asOf (Q3, not the Q4 recorded later), its period, and the percent.
    const share = indicators.find((i) => i.code === 'R-1') as Record<string, string>;
    // Q3's value against Q3's share of the way from the baseline (10) to the year's target (25): 21.25.
    expect(share).toMatchObject({ actual: '19.5', actual_period: `${past}-Q3`, period_target: '21.25', percent_of_target: '84.4', progress_status: 'AT_RISK' });
    expect(Number(share.percent_of_target_exact)).toBeCloseTo(84.444444444, 6);
    for (const indicator of indicators) {
      // The PDF prints the period as prose ("Q3 2025"), the export as its code ("2025-Q3").
      const printedPeriod = String(indicator.actual_period).replace(/^(\d{4})-Q(\d)$/, 'Q$2 $1');
      expect(text).toContain(`actual ${indicator.actual} (${printedPeriod})`);
      expect(text).toContain(`target ${indicator.target}`);
      expect(text).toContain(`baseline ${indicator.baseline_value}`);
    }
    expect(text).toContain(`At risk · ${share.percent_of_target}%`);
    // The overdue list.
    expect(text).toContain(`Overdue recommendations (${overdue.length})`);
    for (const r of overdue) expect(text).toContain(`${r.code}  ${r.title.replace(/^'/, '')}`);
  });

  it('gives progressSummary(asOf:) the same figures', async () => {
    const data = await t.gqlOk(
      `query ($year: Int!, $asOf: Date) { progressSummary(year: $year, asOf: $asOf) { asOf recommendationsTotal overdue indicators { actual actualPeriod } } }`,
      { year: past, asOf },
    );
    expect(data.progressSummary).toMatchObject({ asOf, recommendationsTotal: 4, overdue: 2 });
    expect(data.progressSummary.indicators).toEqual(
      expect.arrayContaining([{ actual: 19.5, actualPeriod: `${past}-Q3` }, { actual: 28, actualPeriod: `${past}` }]),
    );
    const now = await t.gqlOk(`query ($year: Int!) { progressSummary(year: $year) { asOf recommendationsTotal } }`, { year });
    expect(now.progressSummary).toEqual({ asOf: today, recommendationsTotal: 5 });
  });

  it('gives byte-identical files with the same fingerprint for the same request, and a new fingerprint after a write', async () => {
    const paths = [`/reports/progress.pdf?year=${past}&asOf=${asOf}`, `/exports/workbook.xlsx?asOf=${asOf}`, `/exports/indicators.csv?asOf=${asOf}`];
    for (const path of paths) {
      const [first, second] = [await ok(path), await ok(path)];
      expect({ path, same: first.body.equals(second.body) }).toEqual({ path, same: true });
    }
    const pdfPrint = async (query: string) => /SHA-256 ([0-9a-f]{64})/.exec(readPdf((await ok(`/reports/progress.pdf?${query}`)).body).pageTexts[0])?.[1];
    const workbookPrint = async (query: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await ok(`/exports/workbook.xlsx?${query}`)).body as unknown as ArrayBuffer);
      const readme = book.getWorksheet('README') as ExcelJS.Worksheet;
      let print = '';
      readme.eachRow((row) => {
        if (row.getCell(1).value === 'Fingerprint (SHA-256)') print = row.getCell(2).text;
      });
      return print;
    };
    const metaPrint = async (query: string) => JSON.parse((await ok(`/exports/recommendations.meta.json?${query}`)).text).fingerprint.value as string;

    const before = { pdf: await pdfPrint(`year=${year}`), workbook: await workbookPrint(''), meta: await metaPrint(''), past: await pdfPrint(`year=${past}&asOf=${asOf}`) };
    expect(before.pdf).toMatch(/^[0-9a-f]{64}$/);
    expect(before.workbook).toMatch(/^[0-9a-f]{64}$/);
    expect(before.meta).toMatch(/^[0-9a-f]{64}$/);
    const rec = await createRecommendation(t, { meetingId: ids.meeting, title: 'One more' });
    expect(await pdfPrint(`year=${year}`)).not.toBe(before.pdf);
    expect(await workbookPrint('')).not.toBe(before.workbook);
    expect(await metaPrint('')).not.toBe(before.meta);
    // A report of a past day is not changed by what happened after it.
    expect(await pdfPrint(`year=${past}&asOf=${asOf}`)).toBe(before.past);
    await t.sql('DELETE FROM recommendation WHERE id = $1', [rec.id]);
  });

  it('starts the workbook with a README sheet: inputs, definitions, columns, indicators; XLSX cells typed and print-ready', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await ok(`/exports/workbook.xlsx?asOf=${asOf}&year=${past}&actionPlanId=${ids.plan}`)).body as unknown as ArrayBuffer);
    expect(book.worksheets[0].name).toBe('README');
    expect(book.created).toEqual(new Date(`${asOf}T00:00:00Z`));
    const readme: Record<string, unknown> = {};
    const readmeRows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => {
      readme[row.getCell(1).text.trim()] = row.getCell(2).value;
      readmeRows.push((row.values as unknown[]).slice(1));
    });
    expect(readme).toMatchObject({ asOf, 'Time zone': 'Asia/Bishkek', Generated: today, Software: expect.stringMatching(/^roundtable-tracker \d/) });
    expect(readme['Filters and parameters']).toBe(`actionPlanId=${ids.plan}; year=${past}`);
    expect(String(readme['Percent of target'])).toContain('(actual − baseline) / (period_target − baseline) × 100');
    expect(String(readme['Progress status'])).toContain('ON_TRACK from 90 %');
    expect(String(readme.actual_period)).toContain('period');
    expect(readmeRows).toContainEqual(['REPRO', 'R-1', 'Доля женщин в кенешах', '%', 'INCREASE', past - 1, 10, 'Нацстатком']);
    const indicators = book.getWorksheet('Indicators') as ExcelJS.Worksheet;
    const header = indicators.getRow(1);
    expect(header.getCell(1).font).toMatchObject({ name: 'Calibri', size: 11, bold: true });
    const column = (name: string) => (header.values as unknown[]).indexOf(name);
    const row = indicators.getRow(2);
    expect(row.getCell(column('percent_of_target')).value).toBe(84.4);
    expect(row.getCell(column('percent_of_target')).numFmt).toBe('0.0');
    expect(row.getCell(column('actual_period')).value).toBe(`${past}-Q3`);
    expect(indicators.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const recommendations = book.getWorksheet('Recommendations') as ExcelJS.Worksheet;
    expect(['TRUE', 'FALSE']).toContain(recommendations.getRow(2).getCell(7).value);
    // The header row repeated on every printed page (a _xlnm.Print_Titles defined name, read back as printTitlesRow).
    expect(indicators.pageSetup.printTitlesRow).toBe('1:1');
  });

  it('describes a CSV with a Frictionless Table Schema whose fields are the CSV columns', async () => {
    const csv = await ok(`/exports/recommendations.csv?asOf=${asOf}&delimiter=;`);
    const res = await ok(`/exports/recommendations.meta.json?asOf=${asOf}&delimiter=;`);
    expect(res.headers['content-type']).toContain('application/json');
    const meta = JSON.parse(res.text);
    const header = csv.text.replace(/^\uFEFF/, '').split('\r\n')[0].split(';');
    expect(meta).toMatchObject({ profile: 'tabular-data-resource', name: 'recommendations', path: `recommendations-${asOf}.csv`, format: 'csv', asOf });
    expect(meta.dialect).toMatchObject({ delimiter: ';', header: true });
    expect(meta.schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
    const types = Object.fromEntries(meta.schema.fields.map((f: { name: string; type: string }) => [f.name, f.type]));
    expect(types).toMatchObject({ code: 'string', due_date: 'date', overdue: 'boolean', last_status_change_at: 'datetime' });
    expect(meta.schema.primaryKey).toEqual(['code']);
    expect(meta.schema.fields.every((f: { description: string }) => f.description.length > 5)).toBe(true);
    expect(meta.definitions.Overdue).toContain('Due before asOf');
  });

  it('writes ; separated CSV with decimal commas that the CSV reader reads back as columns', async () => {
    const res = await ok(`/exports/indicator-values.csv?asOf=${asOf}&delimiter=;&decimal=,`);
    const rows = records(res.text, ';');
    expect(Object.keys(rows[0])).toEqual(['action_plan', 'indicator_code', 'period', 'value', 'source', 'note', 'indicator_name', 'unit', 'year', 'quarter', 'recorded_at', 'recorded_by']);
    expect(rows.find((r) => r.period === `${past}-Q3`)).toMatchObject({ indicator_code: 'R-1', value: '19,5', recorded_at: `${past}-10-20T09:00:00+06:00` });
    const indicators = records((await ok(`/exports/indicators.csv?asOf=${asOf}&year=${past}&delimiter=;&decimal=,`)).text, ';');
    expect(indicators.find((r) => r.code === 'R-1')).toMatchObject({ actual: '19,5', percent_of_target: '84,4' });
    expect(indicators.find((r) => r.code === 'R-2')).toMatchObject({ name: 'Pay gap', actual_period: `${past}` });
  });

  it('gives the links as their own tables, NDJSON for scripts, and text as stored with formulaEscape=false', async () => {
    const organizations = records((await ok(`/exports/recommendation-organizations.csv?asOf=${asOf}`)).text);
    expect(organizations.filter((l) => l.recommendation_code === recs.late.code).map((l) => l.organization_name).sort()).toEqual(
      ['Министерство; труда', 'Сокулукский айыл окмоту'].sort(),
    );
    const barriers = records((await ok(`/exports/recommendation-barriers.csv`)).text);
    expect(barriers.filter((l) => l.barrier_title === 'Stereotypes; roles')).toHaveLength(5);
    const indicatorLinks = records((await ok(`/exports/recommendation-indicators.csv?asOf=${asOf}`)).text);
    expect(indicatorLinks).toHaveLength(4);
    expect(indicatorLinks[0]).toMatchObject({ action_plan: 'REPRO', indicator_code: 'R-1' });

    const json = await ok(`/exports/recommendations.json?asOf=${asOf}`);
    expect(json.headers['content-type']).toContain('application/x-ndjson');
    const lines = json.text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    const stalled = lines.find((l) => l.code === recs.stalled.code);
    expect(stalled).toMatchObject({ title: '=Менторы', status: 'STALLED', overdue: true, responsible_organizations: 'Министерство; труда' });
    const values = (await ok(`/exports/indicator-values.json?from=${past}-Q2&to=${past}`)).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(values.map((v) => [v.indicator_code, v.period, v.value])).toEqual([
      ['R-1', `${past}-Q3`, 19.5],
      ['R-1', `${past}-Q4`, 30],
    ]);

    const escaped = records((await ok(`/exports/recommendations.csv?asOf=${asOf}`)).text);
    const asStored = records((await ok(`/exports/recommendations.csv?asOf=${asOf}&formulaEscape=false`)).text);
    expect(escaped.find((r) => r.code === recs.stalled.code)?.title).toBe("'=Менторы");
    expect(asStored.find((r) => r.code === recs.stalled.code)?.title).toBe('=Менторы');
  });

  it('refuses bad parameters with a coded 400 naming them', async () => {
    const cases: [string, string][] = [
      [`/exports/recommendations.csv?asOf=${year + 1}-01-01`, 'asOf'],
      ['/exports/recommendations.csv?asOf=2025-02-30', 'asOf'],
      ['/exports/recommendations.csv?delimiter=%7C', 'delimiter'],
      ['/exports/recommendations.csv?decimal=,', 'decimal'],
      ['/exports/recommendations.xlsx?delimiter=;', 'delimiter'],
      ['/exports/recommendations.json?formulaEscape=false', 'formulaEscape'],
      ['/exports/recommendations.csv?formulaEscape=maybe', 'formulaEscape'],
      ['/exports/indicator-values.csv?from=2025-Q3&to=2025-Q2', 'from'],
      ['/exports/indicator-values.csv?from=2025-3', 'from'],
      [`/reports/progress.pdf?asOf=${year + 1}-01-01`, 'asOf'],
    ];
    for (const [path, name] of cases) {
      const res = await download(t, path);
      expect({ path, status: res.status, code: res.json?.error?.code }).toEqual({ path, status: 400, code: 'BAD_USER_INPUT' });
      expect(res.json.error.message).toContain(name);
    }
    const res = await t.gql(`query { progressSummary(year: ${year}, asOf: "${year + 1}-01-01") { asOf } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters the PDF by organisation, region and meeting, and states the filters at the top', async () => {
    const text = async (query: string) => readPdf((await ok(`/reports/progress.pdf?year=${past}&asOf=${asOf}&${query}`)).body).pageTexts.join('\n').replace(/\s+/g, ' ');
    const ministry = await text(`organizationId=${ids.ministry}`);
    expect(ministry).toContain('responsible organisation: Министерство; труда');
    expect(ministry).toContain('3 recommendations 0 implemented 0% implementation rate 2 overdue');
    expect(await text('region=%D0%A7%D2%AF%D0%B9')).toContain('region: Чүй');
    const meeting = await text(`meetingId=${ids.meeting}`);
    expect(meeting).toMatch(/meeting: .* \(\d{4}-02-10\)/);
    expect(meeting).toContain('4 recommendations 1 implemented 33.3% implementation rate 2 overdue');
    expect(await text('region=Talas')).toContain('0 recommendations');
    const unknown = await download(t, `/reports/progress.pdf?organizationId=00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
  });

  it('keeps the scorecard rows in the body font after a page break, with the header row repeated', async () => {
    for (let i = 0; i < 70; i++) {
      const organization = (await createOrganization(t, { name: `Organisation ${String(i).padStart(2, '0')}` })).id;
      await createRecommendation(t, { meetingId: ids.meeting, title: `Filler ${i}`, responsibleOrganizationIds: [organization] });
    }
    const res = await ok(`/reports/progress.pdf?year=${year}`);
    if (process.env.KEEP_REPORT_PDF) writeFileSync(process.env.KEEP_REPORT_PDF, res.body);
    const pdf = readPdf(res.body);
    const pages = pdf.pageTexts.map((text, page) => ({ lines: text.split('\n'), fonts: pdf.pageFonts[page] }));
    const withRows = pages.filter((p) => p.lines.some((line) => /^Organisation \d\d$/.test(line)));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) {
      expect(page.lines).toContain('Responsible organisation');
      page.lines.forEach((line, i) => {
        if (/^Organisation \d\d$/.test(line)) expect({ line, font: page.fonts[i] }).toEqual({ line, font: 'DejaVuSans' });
      });
    }
    expect(withRows[0].fonts[withRows[0].lines.indexOf('Responsible organisation')]).toBe('DejaVuSans-Bold');
  });
});
