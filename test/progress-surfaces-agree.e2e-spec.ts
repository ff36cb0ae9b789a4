import { Client } from 'pg';
import request from 'supertest';
import { loadSyntheticData } from '../bench/synthetic/load-synthetic-data';
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from '../bench/synthetic/synthetic-data';
import { Clock } from '../src/common/clock';
import { download } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createTestApp, TestApp } from './support/test-app';

/** What every surface must agree on, per indicator and year. */
interface Figure {
  actual: number | null;
  actualPeriod: string | null;
  /** Rounded to one decimal: what the pages and the PDF can show. */
  percent: number | null;
  status: string;
}

const YEARS = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, i) => PLAN_FIRST_YEAR + i);
const STATUS_LABELS: Record<string, string> = { ACHIEVED: 'Achieved', ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track', NO_DATA: 'No data' };
/** The PDF's percentages (ReportLanguage.percent in English). */
const PDF_PERCENT = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const numberOrNull = (text: string | undefined | null) => (text === undefined || text === null || text === '' ? null : Number(text));

const INDICATORS = `query ($year: Int!) {
  indicators(first: 100) { edges { node { code progress(year: $year) { actual actualPeriod percentOfTarget status asOf valuesKnownBy } } } }
}`;
const SUMMARY = `query ($year: Int!) {
  progressSummary(year: $year) { asOf valuesKnownBy indicators { indicator { code } actual actualPeriod percentOfTarget status asOf valuesKnownBy } }
}`;

/**
 * One year, one answer (issue 23): on the synthetic data at scale 0.1, the public pages (home,
 * indicator, organisation), Indicator.progress, progressSummary, the indicators export and the
 * PDF give the same actual, period, percentage and status for every indicator and year, at the
 * same two cut-offs, each surface with its defaults.
 */
describe('every surface reads the same progress', () => {
  let t: TestApp;
  let client: Client | null = null;
  let codes: string[];

  beforeAll(async () => {
    t = await createTestApp();
    client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await loadSyntheticData(client, 0.1, { reset: true });
    codes = (await t.sql<{ code: string }>('SELECT code FROM indicator ORDER BY code')).map((r) => r.code);
  }, 300_000);
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  /** The API's answer: the reference the other surfaces are compared with. */
  async function fromApi(year: number): Promise<{ figures: Map<string, Figure>; cut: { asOf: string; valuesKnownBy: string } }> {
    const data = await t.gqlOk(INDICATORS, { year });
    const figures = new Map<string, Figure>();
    const cuts = new Set<string>();
    for (const { node } of data.indicators.edges as { node: { code: string; progress: Figure & { percentOfTarget: number | null; asOf: string; valuesKnownBy: string } } }[]) {
      const p = node.progress;
      figures.set(node.code, { actual: p.actual, actualPeriod: p.actualPeriod, percent: round1(p.percentOfTarget), status: p.status });
      cuts.add(`${p.asOf}|${p.valuesKnownBy}`);
    }
    expect(cuts.size).toBe(1);
    const [asOf, valuesKnownBy] = [...cuts][0].split('|');
    return { figures, cut: { asOf, valuesKnownBy } };
  }

  it.each(YEARS)('%i: the API, progressSummary, the export, the PDF and the pages agree for every indicator', async (year) => {
    const api = await fromApi(year);
    expect([...api.figures.keys()].sort()).toEqual(codes);
    // Some figures to compare: the data has values for every plan year.
    expect([...api.figures.values()].some((f) => f.actual !== null)).toBe(true);

    const summary = (await t.gqlOk(SUMMARY, { year })).progressSummary;
    expect({ asOf: summary.asOf, valuesKnownBy: summary.valuesKnownBy }).toEqual(api.cut);
    const fromSummary = new Map<string, Figure>(
      (summary.indicators as { indicator: { code: string }; actual: number | null; actualPeriod: string | null; percentOfTarget: number | null; status: string }[]).map((p) => [
        p.indicator.code,
        { actual: p.actual, actualPeriod: p.actualPeriod, percent: round1(p.percentOfTarget), status: p.status },
      ]),
    );
    expect(fromSummary).toEqual(api.figures);

    // The export as scripts read it (NDJSON, enum codes), and its metadata's cut.
    const ndjson = (await download(t, `/exports/indicators.json?year=${year}`)).body.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string | number | null>);
    const fromExport = new Map<string, Figure>(
      ndjson.map((row) => [
        String(row.code),
        { actual: numberOrNull(row.actual as string), actualPeriod: (row.actual_period as string | null) || null, percent: numberOrNull(row.percent_of_target as string), status: String(row.progress_status) },
      ]),
    );
    expect(fromExport).toEqual(api.figures);
    const meta = JSON.parse((await download(t, `/exports/indicators.meta.json?year=${year}`)).body.toString('utf8')) as { asOf: string; valuesKnownBy: string };
    expect({ asOf: meta.asOf, valuesKnownBy: meta.valuesKnownBy }).toEqual(api.cut);

    // The PDF: each indicator's block names its status and percentage (and its actual's period).
    const pdf = readPdf((await download(t, `/reports/progress.pdf?year=${year}`)).body).pageTexts.join('\n');
    expect(pdf).toContain(`valuesKnownBy=${api.cut.valuesKnownBy}`);
    const blocks = pdf.split('\n');
    for (const [code, figure] of api.figures) {
      const start = blocks.findIndex((line) => line.startsWith(`${code}  `));
      expect({ code, found: start >= 0 }).toEqual({ code, found: true });
      const block = blocks.slice(start + 1, start + 8).join('\n');
      const statusLine = figure.percent !== null && figure.status !== 'NO_DATA' ? `${STATUS_LABELS[figure.status]} · ${PDF_PERCENT.format(figure.percent / 100)}` : STATUS_LABELS[figure.status];
      expect({ code, hasStatus: block.includes(statusLine) }).toEqual({ code, hasStatus: true });
    }

    // The home page for the year (its scorecard lists the first indicators by code) and its cut.
    const home = (await request(t.app.getHttpServer()).get(`/?year=${year}`).expect(200)).text;
    expect(home).toContain(`data-as-of="${api.cut.asOf}" data-values-known-by="${api.cut.valuesKnownBy}"`);
    for (const m of home.matchAll(/data-indicator="([^"]+)" data-status="([^"]+)" data-actual="([^"]*)"/g)) {
      const figure = api.figures.get(m[1])!;
      expect({ code: m[1], status: m[2], actual: numberOrNull(m[3]) }).toEqual({ code: m[1], status: figure.status, actual: figure.actual });
    }

    // Each indicator's own page, its row for the year.
    for (const [code, figure] of api.figures) {
      const page = (await request(t.app.getHttpServer()).get(`/indicators/${code}`).expect(200)).text;
      const row = new RegExp(`data-year="${year}" data-actual="([^"]*)" data-actual-period="([^"]*)" data-percent="([^"]*)" data-status="([^"]+)" data-as-of="([^"]+)" data-values-known-by="([^"]+)"`).exec(page);
      expect({ code, row: row?.slice(1) }).toEqual({
        code,
        row: [figure.actual === null ? '' : String(figure.actual), figure.actualPeriod ?? '', expect.any(String), figure.status, api.cut.asOf, api.cut.valuesKnownBy],
      });
      expect(round1(numberOrNull(row![3]))).toEqual(figure.percent);
    }
  });

  it("the organisation pages show the current year's figures as the API does", async () => {
    const year = Number(t.app.get(Clock).today().slice(0, 4));
    if (!YEARS.includes(year)) return; // the synthetic plan ends in 2026; a later current year has no targets to compare
    const api = await fromApi(year);
    const organizations = await t.sql<{ id: string }>('SELECT DISTINCT responsible_organization_id AS id FROM indicator WHERE responsible_organization_id IS NOT NULL');
    expect(organizations.length).toBeGreaterThan(0);
    let rows = 0;
    for (const { id } of organizations) {
      const page = (await request(t.app.getHttpServer()).get(`/organisations/${id}`).expect(200)).text;
      expect(page).toContain(`data-as-of="${api.cut.asOf}" data-values-known-by="${api.cut.valuesKnownBy}"`);
      for (const m of page.matchAll(/data-indicator="([^"]+)" data-status="([^"]+)" data-actual="([^"]*)"/g)) {
        rows++;
        const figure = api.figures.get(m[1])!;
        expect({ code: m[1], status: m[2], actual: numberOrNull(m[3]) }).toEqual({ code: m[1], status: figure.status, actual: figure.actual });
      }
    }
    // Every indicator with a responsible organisation, once.
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM indicator WHERE responsible_organization_id IS NOT NULL');
    expect(rows).toBe(n);
  });
});
