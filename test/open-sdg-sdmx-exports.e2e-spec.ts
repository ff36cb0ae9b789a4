import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/clock';
import { parseExportArguments } from '../src/exports/cli/export-arguments';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { download } from './exports-support';
import { createActionPlan, createIndicator, createOrganization } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const SET_DIMENSIONS = `mutation ($input: SetIndicatorDimensionsInput!) { setIndicatorDimensions(input: $input) { id } }`;
const RECORD = `mutation ($input: RecordIndicatorValueBreakdownInput!) {
  recordIndicatorValueBreakdown(input: $input) { id versions { id number reviewStatus } }
}`;
const REVIEW = `mutation ($input: ReviewValueInput!) { reviewValue(input: $input) { reviewStatus } }`;
const ITEMS = `query { frameworkItems(framework: SDG) { id code seriesCode } }`;
const MAP = 'mutation ($input: FrameworkMappingInput!) { mapToFrameworkItem(input: $input) { id } }';

type Row = Record<string, string>;
const csv = (text: string): Row[] => parse(text, { columns: true, bom: true, skip_empty_lines: true });
const header = (text: string): string[] => {
  const [first]: string[][] = parse(text, { bom: true, to_line: 1 });
  return first;
};

/**
 * Issue 24: the Open SDG data and metadata files and the SDMX-CSV file (with its code lists) carry
 * exactly the approved annual values of the indicators mapped to the SDG indicator, totals and
 * subtotals as Σ numerator / Σ denominator, at the export's cut.
 */
describe('Open SDG and SDMX-CSV files', () => {
  let t: TestApp;
  let editorToken: string;
  let wl: string;
  let pending: string;
  let days: (n: number) => string;

  // Women among the deputies of three districts of Chui oblast by age group: 25–34 shares 10/20 = 50 %,
  // 3/30 = 10 %, 20/25 = 80 %. Σ/Σ of the age group is 33/75 = 44 %; the mean of the shares would be 46.7 %.
  const CELLS_2025 = [
    { members: ['CHUI-ALAMUDUN', '25-34'], numerator: 10, denominator: 20 },
    { members: ['CHUI-ALAMUDUN', '35-44'], numerator: 2, denominator: 20 },
    { members: ['CHUI-KEMIN', '25-34'], numerator: 3, denominator: 30 },
    { members: ['CHUI-KEMIN', '35-44'], numerator: 27, denominator: 30 },
    { members: ['CHUI-SOKULUK', '25-34'], numerator: 20, denominator: 25 },
    { members: ['CHUI-SOKULUK', '35-44'], numerator: 5, denominator: 25 },
  ];

  const approve = async (versionId: string) => {
    const res = await t.gql(REVIEW, { input: { versionId, decision: 'APPROVE' } }, { authorization: bearer(editorToken) });
    expect(res.errors).toBeUndefined();
  };
  const record = async (input: Record<string, unknown>): Promise<{ id: string }[]> => {
    const res = await t.gql(RECORD, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.recordIndicatorValueBreakdown.versions;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const today = t.app.get(Clock).today();
    days = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    editorToken = (await t.gqlOk(`mutation { createApiToken(input: { name: "editor-sdg", role: EDITOR }) { token } }`)).createApiToken.token;
    const planId = (await createActionPlan(t, { startYear: 2024, endYear: 2027 })).id;
    const orgId = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    const items = (await t.gqlOk(ITEMS)).frameworkItems as { id: string; code: string }[];
    const item = (code: string) => items.find((i) => i.code === code)!.id;
    const ratio = async (code: string, dimensionCodes: string[]) => {
      const indicator = await createIndicator(t, { actionPlanId: planId, code, unit: '%', unitCode: 'PERCENT', valueKind: 'RATIO', responsibleOrganizationId: orgId } as never);
      await t.gqlOk(SET_DIMENSIONS, { input: { indicatorId: indicator.id, dimensionCodes, totalSource: 'DERIVED' } });
      await t.gqlOk(MAP, { input: { frameworkItemId: item('5.5.1(b)'), indicatorId: indicator.id } });
      return indicator.id;
    };
    wl = await ratio('WL-SDG', ['TERRITORY', 'AGE']);
    pending = await ratio('WL-PEND', ['TERRITORY']);

    // 2024: approved, then "approved ten days ago" so that an earlier cut sees it; a correction approved today replaces it.
    const [v2024] = await record({ indicatorId: wl, period: '2024', cells: [{ members: ['CHUI-KEMIN', '25-34'], numerator: 1, denominator: 4 }, { members: ['CHUI-KEMIN', '35-44'], numerator: 3, denominator: 4 }] });
    await approve(v2024.id);
    await t.sql(`UPDATE indicator_value_version SET submitted_at = now() - interval '12 days', reviewed_at = now() - interval '10 days' WHERE id = $1`, [v2024.id]);
    const corrected = await record({
      indicatorId: wl,
      period: '2024',
      cells: [{ members: ['CHUI-KEMIN', '25-34'], numerator: 2, denominator: 5 }, { members: ['CHUI-KEMIN', '35-44'], numerator: 3, denominator: 5 }],
      correctionReason: 'recount',
      expectedVersion: 1,
    });
    await approve(corrected[corrected.length - 1].id);
    // 2025: three districts by sex, approved.
    const [v2025] = await record({ indicatorId: wl, period: '2025', cells: CELLS_2025 });
    await approve(v2025.id);
    // Waiting for review (never in the files), and returned (never either).
    await record({ indicatorId: pending, period: '2025', cells: [{ members: ['CHUI-CHUI'], numerator: 9, denominator: 10 }] });
    const [returned] = await record({ indicatorId: wl, period: '2026', cells: [{ members: ['CHUI-KEMIN', '25-34'], numerator: 7, denominator: 8 }] });
    const res = await t.gql(REVIEW, { input: { versionId: returned.id, decision: 'RETURN', reason: 'check the count' } }, { authorization: bearer(editorToken) });
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  describe('Open SDG data file', () => {
    it('has Year, the disaggregations, GeoCode, Units, Series and Value, and exactly the approved values with Σ/Σ totals', async () => {
      const res = await download(t, '/exports/open-sdg/5-5-1.csv', '');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/indicator_5-5-1-\d{4}-\d{2}-\d{2}\.csv/);
      expect(res.text.startsWith('\uFEFF')).toBe(false);
      expect(header(res.text)).toEqual(['Year', 'Age', 'Territory', 'GeoCode', 'Units', 'Series', 'Value']);
      const rows = csv(res.text);
      // 2024 (corrected: 2 women of 5 in Kemin, 3 men) and 2025; never the pending indicator nor the returned 2026 value.
      expect([...new Set(rows.map((r) => r.Year))]).toEqual(['2024', '2025']);
      expect(rows.every((r) => r.Series === 'SG_GEN_LOCGELS' && r.Units === '%')).toBe(true);
      const value = (year: string, age: string, territory: string) => {
        const found = rows.filter((r) => r.Year === year && r.Age === age && r.Territory === territory);
        expect(found).toHaveLength(1);
        return Number(found[0].Value);
      };
      // Cells.
      expect(value('2025', '25–34 years', 'Alamudun district')).toBeCloseTo(50, 10);
      expect(value('2025', '25–34 years', 'Kemin district')).toBeCloseTo(10, 10);
      expect(value('2025', '35–44 years', 'Sokuluk district')).toBeCloseTo(20, 10);
      // Subtotals: 25–34 of the three districts 33 / 75 (not the mean of shares, 46.7 %); Kemin of both age groups 30 / 60.
      expect(value('2025', '25–34 years', '')).toBeCloseTo((100 * 33) / 75, 10);
      expect(value('2025', '25–34 years', '')).not.toBeCloseTo((50 + 10 + 80) / 3, 1);
      expect(value('2025', '', 'Kemin district')).toBeCloseTo(50, 10);
      // The total (Open SDG's headline: every disaggregation empty): Σ/Σ of all six cells, 67 / 150.
      expect(value('2025', '', '')).toBeCloseTo((100 * 67) / 150, 10);
      expect(value('2024', '25–34 years', 'Kemin district')).toBeCloseTo(40, 10);
      expect(value('2024', '', '')).toBeCloseTo(50, 10);
      // Cells 6 + women/men 2 + districts 3 + total 1 in 2025; 2 + 2 + 1 + 1 in 2024.
      expect(rows).toHaveLength(12 + 6);
      // GeoCode: the SOATE code where known (districts have none yet), empty for all territories.
      expect(rows.filter((r) => r.Territory === '').every((r) => r.GeoCode === '')).toBe(true);
    });

    it('cuts at asOf and valuesKnownBy: an earlier cut has the version approved then', async () => {
      const earlier = csv((await download(t, `/exports/open-sdg/5-5-1.csv?asOf=${days(-5)}&valuesKnownBy=${days(-5)}`, '')).text);
      expect(earlier.map((r) => [r.Year, r.Age, r.Territory, Number(r.Value)])).toEqual([
        ['2024', '', '', 50],
        ['2024', '', 'Kemin district', 50],
        ['2024', '25–34 years', '', 25],
        ['2024', '25–34 years', 'Kemin district', 25],
        ['2024', '35–44 years', '', 75],
        ['2024', '35–44 years', 'Kemin district', 75],
      ]);
      expect(csv((await download(t, `/exports/open-sdg/5-5-1.csv?asOf=${days(-20)}&valuesKnownBy=${days(-20)}`, '')).text)).toEqual([]);
    });

    it('writes member names in the language asked for', async () => {
      const rows = csv((await download(t, '/exports/open-sdg/5-5-1.csv?lang=ky', '')).text);
      expect(rows.some((r) => r.Age === '25–34 жаш' && r.Territory === 'Кемин району')).toBe(true);
    });

    it('answers 404 with a coded error for an SDG indicator not in the reference list, 400 for a bad parameter', async () => {
      for (const path of ['/exports/open-sdg/9-9-9.csv', '/exports/open-sdg/five.csv', '/exports/open-sdg/5-5-1.xlsx']) {
        const res = await download(t, path, '');
        expect([path, res.status, res.json.error.code]).toEqual([path, 404, 'NOT_FOUND']);
      }
      const bad = await download(t, '/exports/open-sdg/5-5-1.csv?values=submitted', '');
      expect([bad.status, bad.json.error.code]).toEqual([400, 'BAD_USER_INPUT']);
      const future = await download(t, `/exports/open-sdg/5-5-1.csv?asOf=${days(3)}`, '');
      expect(future.json.error.code).toBe('BAD_USER_INPUT');
    });

    it('has a metadata file with YAML front matter: number, name, UN metadata link, the tracker indicators and the data file’s fingerprint', async () => {
      const res = await download(t, '/exports/open-sdg/5-5-1.md', '');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(res.text)!;
      // One `key: scalar` per line; the file writes strings double-quoted (JSON's strings are YAML's), other scalars bare.
      const scalar = (text: string): unknown => (text.startsWith('"') ? JSON.parse(text) : text);
      const fields = Object.fromEntries(front.split('\n').map((line) => [line.slice(0, line.indexOf(':')), scalar(line.slice(line.indexOf(':') + 2))]));
      expect(fields).toMatchObject({ indicator_number: '5.5.1', target_number: '5.5', sdg_goal: '5', reporting_status: 'complete' });
      expect(fields.goal_meta_link).toBe('https://unstats.un.org/sdgs/metadata/?Text=&Goal=5&Target=5.5');
      expect(fields.tracker_series).toBe('5.5.1(a)=SG_GEN_PARL; 5.5.1(b)=SG_GEN_LOCGELS');
      expect(body).toContain('WL-SDG');
      const schema = JSON.parse((await download(t, '/exports/open-sdg/5-5-1.meta.json', '')).text);
      expect(fields.tracker_fingerprint).toBe(`sha256:${schema.fingerprint.value}`);
    });
  });

  describe('SDMX-CSV', () => {
    it('has STRUCTURE, STRUCTURE_ID, ACTION, the dimensions with the SDG codes, OBS_VALUE and UNIT_MEASURE, and the approved values', async () => {
      const res = await download(t, '/exports/sdmx/DF_SDG_KG.csv', '');
      expect(res.status).toBe(200);
      expect(header(res.text)).toEqual([
        'STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'FREQ', 'REPORTING_TYPE', 'SERIES', 'REF_AREA', 'SEX', 'AGE', 'URBANISATION', 'TIME_PERIOD', 'OBS_VALUE', 'UNIT_MEASURE',
      ]);
      const rows = csv(res.text);
      expect(rows).toHaveLength(18);
      for (const r of rows) {
        expect([r.STRUCTURE, r.STRUCTURE_ID, r.ACTION, r.FREQ, r.SERIES, r.SEX, r.URBANISATION, r.UNIT_MEASURE]).toEqual([
          'dataflow', 'KG_RRT:DF_SDG_KG(1.0)', 'I', 'A', 'SG_GEN_LOCGELS', '_T', '_T', 'PT',
        ]);
      }
      const obs = (period: string, area: string, age: string) => {
        const found = rows.filter((r) => r.TIME_PERIOD === period && r.REF_AREA === area && r.AGE === age);
        expect(found).toHaveLength(1);
        return Number(found[0].OBS_VALUE);
      };
      expect(obs('2025', 'KG', '_T')).toBeCloseTo((100 * 67) / 150, 10);
      expect(obs('2025', 'KG', 'Y25T34')).toBeCloseTo((100 * 33) / 75, 10);
      expect(obs('2025', 'KG_CHUI-SOKULUK', 'Y25T34')).toBeCloseTo(80, 10);
      expect(obs('2024', 'KG_CHUI-KEMIN', 'Y35T44')).toBeCloseTo(60, 10);
      expect(rows.some((r) => r.TIME_PERIOD === '2026')).toBe(false);
      // The same observations as the Open SDG file, one for one.
      const openSdg = csv((await download(t, '/exports/open-sdg/5-5-1.csv', '')).text);
      expect(rows.map((r) => Number(r.OBS_VALUE)).sort()).toEqual(openSdg.map((r) => Number(r.Value)).sort());
    });

    it('has code lists listing every code the file uses, with names in the language asked for', async () => {
      const data = csv((await download(t, '/exports/sdmx/DF_SDG_KG.csv', '')).text);
      for (const [list, column] of [['CL_AREA', 'REF_AREA'], ['CL_SEX', 'SEX'], ['CL_AGE', 'AGE'], ['CL_URBANISATION', 'URBANISATION'], ['CL_SERIES', 'SERIES'], ['CL_UNIT_MEASURE', 'UNIT_MEASURE'], ['CL_FREQ', 'FREQ']]) {
        const res = await download(t, `/exports/sdmx/codelists/${list}.csv`, '');
        expect([list, res.status]).toEqual([list, 200]);
        expect(header(res.text)).toEqual(['id', 'name']);
        const ids = new Set(csv(res.text).map((r) => r.id));
        for (const code of new Set(data.map((r) => r[column]))) expect([list, code, ids.has(code)]).toEqual([list, code, true]);
      }
      const sex = csv((await download(t, '/exports/sdmx/codelists/CL_SEX.csv?lang=ru', '')).text);
      expect(sex).toEqual([
        { id: '_T', name: 'Всего' },
        { id: 'F', name: 'Женщины' },
        { id: 'M', name: 'Мужчины' },
      ]);
      const area = csv((await download(t, '/exports/sdmx/codelists/CL_AREA.csv', '')).text);
      expect(area[0]).toEqual({ id: 'KG', name: 'Kyrgyz Republic' });
      expect(area.find((r) => r.id === 'KG_41708000000')?.name).toBe('Chui oblast');
    });

    it('answers 404 for an unknown dataflow or code list', async () => {
      for (const path of ['/exports/sdmx/DF_OTHER.csv', '/exports/sdmx/codelists/CL_NOPE.csv', '/exports/sdmx/codelists/constructor.csv']) {
        const res = await download(t, path, '');
        expect([path, res.status, res.json.error.code]).toEqual([path, 404, 'NOT_FOUND']);
      }
    });
  });

  it('are written by npm run export too, named like their URLs, as CSV only', () => {
    expect(parseExportArguments(['open-sdg/5-5-1', '--out', '-', '--lang', 'ky']).statistics).toEqual({ kind: 'open-sdg', id: '5-5-1' });
    expect(parseExportArguments(['sdmx/DF_SDG_KG', '--out', '-']).statistics).toEqual({ kind: 'sdmx', id: 'DF_SDG_KG' });
    expect(parseExportArguments(['sdmx/codelists/CL_SEX', '--out', '-']).statistics).toEqual({ kind: 'codelist', id: 'CL_SEX' });
    expect(parseExportArguments(['recommendations', '--out', '-']).statistics).toBeNull();
    expect(() => parseExportArguments(['open-sdg/5-5-1', '--out', '-', '--format', 'xlsx'])).toThrow('CSV only');
  });

  it('are public like the pages: none with PUBLIC_SITE=false', async () => {
    const off = await createTestApp({ PUBLIC_SITE: 'false' });
    try {
      for (const path of ['/exports/open-sdg/5-5-1.csv', '/exports/sdmx/DF_SDG_KG.csv', '/exports/sdmx/codelists/CL_SEX.csv']) {
        const res = await download(off, path, '');
        expect([path, res.status, res.json.error.code]).toEqual([path, 404, 'NOT_FOUND']);
      }
    } finally {
      await off.close();
    }
  });

  describe('on the Sokuluk sample', () => {
    let s: TestApp;
    beforeAll(async () => {
      s = await createTestApp();
      await seedSokulukRoundtable(s.app.get(DataSource));
    });
    afterAll(() => s.close());

    it('has the real Jogorku Kenesh figure of 2021 under 5.5.1(a) and the illustrative district breakdown under 5.5.1(b), Σ/Σ', async () => {
      const rows = csv((await download(s, '/exports/open-sdg/5-5-1.csv', '')).text);
      expect(rows.filter((r) => r.Series === 'SG_GEN_PARL')).toEqual([{ Year: '2021', Territory: '', GeoCode: '', Units: '%', Series: 'SG_GEN_PARL', Value: '21.1' }]);
      const local = rows.filter((r) => r.Series === 'SG_GEN_LOCGELS');
      // WL-1 of 2024: eight districts and their total 43 / 200 (the quarter of 2025 is not annual: left out).
      expect(local).toHaveLength(9);
      expect(Number(local[0].Value)).toBeCloseTo(21.5, 10);
      expect(local.find((r) => r.Territory === 'Sokuluk district')?.Value).toBe(String((100 * 9) / 34));
      const meta = (await download(s, '/exports/open-sdg/5-5-1.md', '')).text;
      expect(meta).toContain('IPU Parline database (Inter-Parliamentary Union), https://data.ipu.org/parliament/KG/KG-LC01/');
      expect(meta).toContain('19 women among its 90 deputies (21.1 %)');
      const sdmx = csv((await download(s, '/exports/sdmx/DF_SDG_KG.csv', '')).text);
      expect(sdmx.find((r) => r.SERIES === 'SG_GEN_PARL')).toMatchObject({ REF_AREA: 'KG', SEX: '_T', TIME_PERIOD: '2021', OBS_VALUE: '21.1', UNIT_MEASURE: 'PT' });
    });
  });
});
