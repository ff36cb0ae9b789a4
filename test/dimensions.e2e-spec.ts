import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { download } from './exports-support';
import { Clock } from '../src/common/clock';
import { expectError } from './support/expect-error';
import { createActionPlan, createIndicator, createOrganization, uniqueCode } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const DIMENSIONS = `{ dimensions { code sdmxConcept name nameTranslations { locale text } members { code name officialCode sdmxCode parent { code } } } }`;
const SET_DIMENSIONS = `mutation ($input: SetIndicatorDimensionsInput!) {
  setIndicatorDimensions(input: $input) { id valueKind totalSource dimensions { code } version }
}`;
const RECORD = `mutation ($input: RecordIndicatorValueBreakdownInput!) {
  recordIndicatorValueBreakdown(input: $input) { id period value versions { id number value reviewStatus } }
}`;
const BREAKDOWN = `query ($id: ID!, $knownBy: Date) {
  indicator(id: $id) {
    latestValue { period value }
    progress(year: 2025, valuesKnownBy: $knownBy) { actual }
    values { period value versions {
      number value reviewStatus
      breakdown { value numerator denominator members { code name } }
      districts: breakdownTotals(dimension: "TERRITORY") { value numerator denominator cells member { code name } }
      oblasts: breakdownTotals(dimension: "TERRITORY", level: PARENT) { value numerator denominator cells member { code name } }
      bySex: breakdownTotals(dimension: "SEX") { value cells member { code } }
    } }
  }
}`;
const REVIEW = `mutation ($input: ReviewValueInput!) { reviewValue(input: $input) { reviewStatus } }`;

/** The cells of the table row marked data-<attr>="<value>", as text. */
function cellsOf(html: string, attr: string, value: string): string[] {
  const row = new RegExp(`<tr class="govuk-table__row" data-${attr}="${value}"[^>]*>(.*?)</tr>`).exec(html);
  if (!row) throw new Error(`no row data-${attr}="${value}"`);
  return [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
}

interface Cell {
  members: string[];
  value?: number;
  numerator?: number;
  denominator?: number;
}

/** Issue 24: dimensions, breakdowns recorded per combination as versions of a value, totals that are Σ/Σ for ratios. */
describe('dimensions and breakdowns', () => {
  let t: TestApp;
  let planId: string;
  let ministryOrgId: string;
  let ministryToken: string;
  let editorToken: string;
  let viewerToken: string;

  const count = async (table: string) => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const auditCount = () => count('audit_entry');
  const record = (input: Record<string, unknown>, headers: Record<string, string> = {}) => t.gql(RECORD, { input }, headers);
  const ratioIndicator = async (dimensionCodes: string[], totalSource = 'DERIVED', organizationId: string | null = ministryOrgId) => (await ratioIndicatorWithCode(dimensionCodes, totalSource, organizationId)).id;
  const ratioIndicatorWithCode = async (dimensionCodes: string[], totalSource = 'DERIVED', organizationId: string | null = ministryOrgId) => {
    const indicator = await createIndicator(t, { actionPlanId: planId, unit: '%', valueKind: 'RATIO', responsibleOrganizationId: organizationId });
    await t.gqlOk(SET_DIMENSIONS, { input: { indicatorId: indicator.id, dimensionCodes, totalSource } });
    return indicator;
  };
  const approve = async (versionId: string) => {
    const res = await t.gql(REVIEW, { input: { versionId, decision: 'APPROVE' } }, { authorization: bearer(editorToken) });
    expect(res.errors).toBeUndefined();
  };
  const breakdownOf = async (indicatorId: string, headers: Record<string, string> = {}) => {
    const res = await t.gql(BREAKDOWN, { id: indicatorId, knownBy: t.app.get(Clock).today() }, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.indicator;
  };

  beforeAll(async () => {
    t = await createTestApp();
    planId = (await createActionPlan(t, { startYear: 2024, endYear: 2027 })).id;
    ministryOrgId = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    const token = async (role: string, organizationId: string | null) =>
      (await t.gqlOk(`mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`, { input: { name: `${role}-dims`, role, organizationId } }))
        .createApiToken.token as string;
    ministryToken = await token('MINISTRY', ministryOrgId);
    editorToken = await token('EDITOR', null);
    viewerToken = await token('VIEWER', null);
  });
  afterAll(() => t.close());

  it('has the reference lists: sex, age groups, urban/rural, oblasts and cities with SOATE codes, Chui districts below Chui', async () => {
    const res = await t.gql(DIMENSIONS, {}, { 'accept-language': 'ky' });
    expect(res.errors).toBeUndefined();
    const byCode = Object.fromEntries(res.data!.dimensions.map((d: { code: string }) => [d.code, d]));
    expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['SEX', 'AGE', 'URBANISATION', 'TERRITORY']));
    expect(byCode.SEX.members.map((m: { sdmxCode: string }) => m.sdmxCode)).toEqual(['F', 'M']);
    expect(byCode.SEX.members[0].name).toBe('Аялдар');
    expect(byCode.AGE.members.map((m: { code: string }) => m.code)).toEqual(['18-24', '25-34', '35-44', '45-54', '55-64', '65-PLUS']);
    expect(byCode.TERRITORY.sdmxConcept).toBe('REF_AREA');
    expect(byCode.TERRITORY.nameTranslations.map((n: { locale: string }) => n.locale).sort()).toEqual(['EN', 'KY', 'RU']);
    const territory = byCode.TERRITORY.members as { code: string; name: string; officialCode: string | null; parent: { code: string } | null }[];
    const oblasts = territory.filter((m) => m.parent === null);
    expect(oblasts).toHaveLength(9);
    for (const o of oblasts) expect(o.officialCode).toMatch(/^417\d{2}000000$/);
    expect(territory.find((m) => m.code === 'CHUI')?.officialCode).toBe('41708000000');
    const districts = territory.filter((m) => m.parent?.code === 'CHUI');
    expect(districts.map((d) => d.code).sort()).toEqual(
      ['ALAMUDUN', 'CHUI', 'ISSYK-ATA', 'JAYIL', 'KEMIN', 'MOSKVA', 'PANFILOV', 'SOKULUK'].map((c) => `CHUI-${c}`).sort(),
    );
    // District codes of the classifier are not invented: left for an ADMIN to set.
    for (const d of districts) expect(d.officialCode).toBeNull();
    expect(districts.find((d) => d.code === 'CHUI-SOKULUK')?.name).toBe('Сокулук району');
  });

  it('lets an ADMIN add dimensions and members, audited, with coded errors for duplicates, unknown parents and dimensions', async () => {
    const code = uniqueCode('DIS');
    const before = await auditCount();
    await t.gqlOk(`mutation ($c: String!) { createDimension(input: { code: $c, name: "Disability status", sdmxConcept: "DISABILITY_STATUS" }) { id code } }`, { c: code });
    const member = await t.gqlOk(
      `mutation ($d: String!) { createDimensionMember(input: { dimensionCode: $d, code: "pwd", nameTranslations: [{ locale: KY, text: "Мүмкүнчүлүгү чектелген" }, { locale: EN, text: "With disability" }] }) { code ordering } }`,
      { d: code },
    );
    expect(member.createDimensionMember).toEqual({ code: 'PWD', ordering: 10 });
    expect(await auditCount()).toBe(before + 2);
    const duplicates = [
      await t.gql(`mutation ($c: String!) { createDimension(input: { code: $c, name: "Again" }) { id } }`, { c: code }),
      await t.gql(`mutation ($d: String!) { createDimensionMember(input: { dimensionCode: $d, code: "PWD", name: "Again" }) { id } }`, { d: code }),
    ];
    for (const res of duplicates) expect(expectError(res, 'BAD_USER_INPUT').extensions?.reason).toBe('duplicateCode');
    const orphan = await t.gql(`mutation { createDimensionMember(input: { dimensionCode: "TERRITORY", code: "NOWHERE-DISTRICT", name: "X", parentCode: "NOWHERE" }) { id } }`);
    expect(expectError(orphan, 'BAD_USER_INPUT').extensions?.reason).toBe('unknownParent');
    expectError(await t.gql(`mutation { createDimensionMember(input: { dimensionCode: "NO-SUCH", code: "A", name: "A" }) { id } }`), 'NOT_FOUND');
    expectError(await t.gql(`mutation { createDimension(input: { code: "X-EDITOR", name: "X" }) { id } }`, {}, { authorization: bearer(editorToken) }), 'FORBIDDEN');
    expect(await auditCount()).toBe(before + 2);
  });

  it('aggregates a ratio as Σ numerator / Σ denominator: 10/20 and 90/100 make 83.3 %, not the 70 % mean of shares', async () => {
    const { id: indicatorId, code } = await ratioIndicatorWithCode(['TERRITORY']);
    const publicPage = async () => (await request(t.app.getHttpServer()).get(`/indicators/${code}`).set('accept-language', 'ky').expect(200)).text;
    const auditsBefore = await auditCount();
    const res = await record(
      {
        indicatorId,
        period: '2025',
        cells: [
          { members: ['chui-sokuluk'], numerator: 10, denominator: 20 },
          { members: ['CHUI-KEMIN'], numerator: 90, denominator: 100, value: 90 },
        ],
        source: 'District election commissions',
      },
      { authorization: bearer(ministryToken) },
    );
    expect(res.errors).toBeUndefined();
    const [version] = res.data!.recordIndicatorValueBreakdown.versions;
    expect(version.number).toBe(1);
    expect(version.value).toBeCloseTo(83.333, 3);
    expect(version.reviewStatus).toBe('SUBMITTED');
    expect(await auditCount()).toBe(auditsBefore + 1);
    const [audit] = await t.sql<{ action: string; after: { breakdown: unknown[] } }>('SELECT action, after FROM audit_entry ORDER BY at DESC, id DESC LIMIT 1');
    expect(audit.action).toBe('indicatorValue.record');
    expect(audit.after.breakdown).toHaveLength(2);

    // The breakdown goes through the same review: nothing is public until an editor approves it.
    expect((await breakdownOf(indicatorId, { authorization: bearer(viewerToken) })).latestValue).toBeNull();
    expect(await publicPage()).not.toContain('data-table="breakdown"');
    expect((await t.gql(REVIEW, { input: { versionId: version.id, decision: 'APPROVE' } }, { authorization: bearer(editorToken) })).errors).toBeUndefined();

    const read = await breakdownOf(indicatorId, { 'accept-language': 'ru', authorization: bearer(viewerToken) });
    expect(read.latestValue.value).toBeCloseTo(83.333, 3);
    expect(read.progress.actual).toBeCloseTo(83.333, 3);
    const [v] = read.values[0].versions;
    expect(v.breakdown).toHaveLength(2);
    const sokuluk = v.breakdown.find((c: { members: { code: string }[] }) => c.members[0].code === 'CHUI-SOKULUK');
    expect(sokuluk).toEqual({ value: 50, numerator: 10, denominator: 20, members: [{ code: 'CHUI-SOKULUK', name: 'Сокулукский район' }] });
    expect(v.districts.map((d: { member: { code: string }; value: number }) => [d.member.code, d.value])).toEqual([
      ['CHUI-KEMIN', 90],
      ['CHUI-SOKULUK', 50],
    ]);
    expect(v.oblasts).toHaveLength(1);
    expect(v.oblasts[0]).toEqual({ value: expect.any(Number), numerator: 100, denominator: 120, cells: 2, member: { code: 'CHUI', name: 'Чуйская область' } });
    expect(v.oblasts[0].value).toBeCloseTo(83.333, 3);
    const meanOfShares = (50 + 90) / 2;
    expect(Math.abs(v.oblasts[0].value - meanOfShares)).toBeGreaterThan(13);
    // A dimension the indicator is not broken down by has no totals.
    expect(v.bySex).toEqual([]);

    // The public page (in Kyrgyz): the cells, the whole, and the oblast's total as Σ/Σ, with a chart of the same numbers.
    const html = await publicPage();
    expect(cellsOf(html, 'members', 'CHUI-SOKULUK')).toEqual(['Сокулук району', '10', '20', '50']);
    expect(cellsOf(html, 'members', 'CHUI-KEMIN')).toEqual(['Кемин району', '90', '100', '90']);
    expect(cellsOf(html, 'members', 'TOTAL')).toEqual(['Бардыгы', '100', '120', '83,333']);
    expect(cellsOf(html, 'member', 'CHUI')).toEqual(['Чүй облусу', '100', '120', '83,333']);
    expect(html).toContain('<title id="chart-breakdown-title">');
  });

  it('corrects a breakdown with a new version (reason and expectedVersion), keeping the cells of the one before', async () => {
    const indicatorId = await ratioIndicator(['TERRITORY', 'SEX'], 'RECORDED');
    const cells = (n: number): Cell[] => [
      { members: ['CHUI-ALAMUDUN', 'F'], numerator: n, denominator: 40 },
      { members: ['M', 'CHUI-ALAMUDUN'], numerator: 40 - n, denominator: 40 },
    ];
    expect(expectError(await record({ indicatorId, period: '2025', cells: cells(10) }), 'BAD_USER_INPUT').extensions?.reason).toBe('missingTotal');
    const first = await record({ indicatorId, period: '2025', cells: cells(10), total: 25 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordIndicatorValueBreakdown.versions[0].value).toBe(25);
    await approve(first.data!.recordIndicatorValueBreakdown.versions[0].id as string);
    expectError(await record({ indicatorId, period: '2025', cells: cells(12), total: 30 }), 'BAD_USER_INPUT', /correctionReason/);
    const stale = await record({ indicatorId, period: '2025', cells: cells(12), total: 30, correctionReason: 'recount', expectedVersion: 0 });
    expect(expectError(stale, 'CONFLICT').extensions).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    const second = await record({ indicatorId, period: '2025', cells: cells(12), total: 30, correctionReason: 'recount', expectedVersion: 1 });
    expect(second.errors).toBeUndefined();
    const read = await breakdownOf(indicatorId);
    const versions = read.values[0].versions as { number: number; breakdown: { numerator: number; members: { code: string }[] }[]; bySex: { member: { code: string }; value: number }[] }[];
    expect(versions.map((v) => [v.number, v.breakdown.map((c) => c.numerator).sort((a, b) => a - b)])).toEqual([
      [1, [10, 30]],
      [2, [12, 28]],
    ]);
    // A cell's members come by their dimensions' codes (SEX, then TERRITORY), whatever order they were given in.
    expect(versions[1].breakdown.map((c) => c.members.map((m) => m.code)).sort()).toEqual([
      ['F', 'CHUI-ALAMUDUN'],
      ['M', 'CHUI-ALAMUDUN'],
    ]);
    expect(versions[1].bySex.map((s) => [s.member.code, s.value])).toEqual([
      ['F', 30],
      ['M', 70],
    ]);
    // Its dimensions stay while values are broken down by them.
    const reshape = await t.gql(SET_DIMENSIONS, { input: { indicatorId, dimensionCodes: ['TERRITORY'], totalSource: 'RECORDED' } });
    expect(expectError(reshape, 'BAD_USER_INPUT').extensions?.reason).toBe('hasBreakdowns');
    expect((await t.gql(SET_DIMENSIONS, { input: { indicatorId, dimensionCodes: ['TERRITORY', 'SEX'], totalSource: 'DERIVED' } })).errors).toBeUndefined();
  });

  it('refuses a bad breakdown with a coded error and changes nothing', async () => {
    const indicatorId = await ratioIndicator(['TERRITORY', 'SEX']);
    const countIndicator = (await createIndicator(t, { actionPlanId: planId, unit: 'people' })).id;
    await t.gqlOk(SET_DIMENSIONS, { input: { indicatorId: countIndicator, dimensionCodes: ['SEX'], totalSource: 'DERIVED' } });
    const plain = (await createIndicator(t, { actionPlanId: planId })).id;
    const ok = (over: Partial<Cell> = {}): Cell => ({ members: ['CHUI-KEMIN', 'F'], numerator: 1, denominator: 2, ...over });
    const cases: [string, Record<string, unknown>][] = [
      ['unknownMember', { cells: [ok({ members: ['CHUI-NOWHERE', 'F'] })] }],
      ['undeclaredDimension', { cells: [ok({ members: ['CHUI-KEMIN', 'F', '18-24'] })] }],
      ['missingDimension', { cells: [ok({ members: ['CHUI-KEMIN'] })] }],
      ['repeatedDimension', { cells: [ok({ members: ['CHUI-KEMIN', 'F', 'M'] })] }],
      ['duplicateCombination', { cells: [ok(), ok({ members: ['F', 'CHUI-KEMIN'] })] }],
      ['missingRatio', { cells: [ok(), { members: ['CHUI-KEMIN', 'M'], value: 40 }] }],
      ['zeroDenominator', { cells: [ok({ numerator: 0, denominator: 0 })] }],
      ['shareAboveWhole', { cells: [ok({ numerator: 3, denominator: 2 })] }],
      ['valueDisagrees', { cells: [ok({ value: 60 })] }],
      ['totalDerived', { cells: [ok()], total: 50 }],
      ['noCells', { cells: [] }],
      ['valueForRatio', { indicatorId: countIndicator, cells: [{ members: ['F'], numerator: 1, denominator: 2 }] }],
      ['missingValue', { indicatorId: countIndicator, cells: [{ members: ['F'] }] }],
      ['noDimensions', { indicatorId: plain, cells: [{ members: ['F'], value: 1 }] }],
    ];
    const versions = await count('indicator_value_version');
    const cells = await count('indicator_value_cell');
    const audits = await auditCount();
    for (const [reason, input] of cases) {
      const res = await record({ indicatorId, period: '2025', ...input });
      expect([reason, expectError(res, 'BAD_USER_INPUT').extensions?.reason]).toEqual([reason, reason]);
    }
    // The cell's index names where the problem is.
    const second = await record({ indicatorId, period: '2025', cells: [ok(), ok({ members: ['CHUI-KEMIN', 'M'], denominator: 0, numerator: 0 })] });
    expect(expectError(second, 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'cells[1]', index: 1 });
    expectError(await record({ indicatorId, period: '2031', cells: [ok()] }), 'BAD_USER_INPUT', /period/);
    expect([await count('indicator_value_version'), await count('indicator_value_cell'), await auditCount()]).toEqual([versions, cells, audits]);
  });

  it("keeps a MINISTRY token to its organisation's indicators and unknown dimensions out of declarations", async () => {
    const other = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    const indicatorId = await ratioIndicator(['TERRITORY'], 'DERIVED', other);
    const res = await record({ indicatorId, period: '2025', cells: [{ members: ['CHUI-KEMIN'], numerator: 1, denominator: 2 }] }, { authorization: bearer(ministryToken) });
    expectError(res, 'FORBIDDEN');
    expectError(await t.gql(SET_DIMENSIONS, { input: { indicatorId, dimensionCodes: ['NO-SUCH'], totalSource: 'DERIVED' } }), 'NOT_FOUND', /NO-SUCH/);
    expectError(await t.gql(SET_DIMENSIONS, { input: { indicatorId, dimensionCodes: [], totalSource: 'DERIVED' } }, { authorization: bearer(ministryToken) }), 'FORBIDDEN');
  });

  it('exports the cells of the versions the values export counts (breakdown=cells): same cut, Σ/Σ of the cells is the value', async () => {
    const plan = await createActionPlan(t, { startYear: 2024, endYear: 2027 });
    const indicator = await createIndicator(t, { actionPlanId: plan.id, unit: '%', valueKind: 'RATIO' });
    await t.gqlOk(SET_DIMENSIONS, { input: { indicatorId: indicator.id, dimensionCodes: ['TERRITORY', 'SEX'], totalSource: 'DERIVED' } });
    const cells = (n: number) => [
      { members: ['CHUI-SOKULUK', 'F'], numerator: n, denominator: 20 },
      { members: ['CHUI-KEMIN', 'F'], numerator: 90, denominator: 100 },
    ];
    const first = await t.gqlOk(RECORD, { input: { indicatorId: indicator.id, period: '2025', cells: cells(10) } });
    await approve(first.recordIndicatorValueBreakdown.versions[0].id as string);
    // A correction waiting for review: staff see it with values=submitted, nobody else.
    await t.gqlOk(RECORD, { input: { indicatorId: indicator.id, period: '2025', cells: cells(14), correctionReason: 'recount' } });
    const today = t.app.get(Clock).today();
    const read = async (query: string) => {
      const res = await download(t, `/exports/indicator-values.csv?actionPlanId=${plan.id}&valuesKnownBy=${today}${query}`);
      expect(res.status).toBe(200);
      return parse<Record<string, string>>(res.text.replace(/^\uFEFF/, ''), { columns: true });
    };
    const approved = await read('&breakdown=cells');
    // Members in the order of their dimensions' codes (SEX, TERRITORY), rows by members.
    expect(approved.map((r) => [r.indicator_code, r.period, r.members, r.dimensions, r.numerator, r.denominator, r.version])).toEqual([
      [indicator.code, '2025', 'F CHUI-KEMIN', 'SEX TERRITORY', '90', '100', '1'],
      [indicator.code, '2025', 'F CHUI-SOKULUK', 'SEX TERRITORY', '10', '20', '1'],
    ]);
    expect(approved[0].member_names).toBe('Women; Kemin district');
    const [value] = await read('');
    const sum = (rows: Record<string, string>[], column: string) => rows.reduce((acc, r) => acc + Number(r[column]), 0);
    expect(Number(value.value)).toBeCloseTo((100 * sum(approved, 'numerator')) / sum(approved, 'denominator'), 6);
    const submitted = await read('&breakdown=cells&values=submitted');
    expect(submitted.map((r) => [r.numerator, r.version])).toEqual([
      ['90', '2'],
      ['14', '2'],
    ]);
    const both = await download(t, `/exports/indicator-values.csv?breakdown=cells&versions=all`);
    expect(both.status).toBe(400);
  });

  it('reads breakdowns of many versions with the same statements as of one (DataLoaders, no N+1)', async () => {
    const read = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = await ratioIndicator(['TERRITORY', 'SEX']);
        const recorded = await t.gqlOk(RECORD, {
          input: { indicatorId: id, period: '2025', cells: [{ members: ['CHUI-JAYIL', 'F'], numerator: 1, denominator: 4 }, { members: ['CHUI-MOSKVA', 'M'], numerator: 3, denominator: 4 }] },
        });
        await approve(recorded.recordIndicatorValueBreakdown.versions[0].id as string);
        ids.push(id);
      }
      const res = await t.gql(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Indicator { dimensions { code } values { versions {
           breakdown { value members { name parent { name } } }
           breakdownTotals(dimension: "TERRITORY", level: PARENT) { value member { name } }
         } } } } }`,
        { ids },
        { 'accept-language': 'en' },
      );
      expect(res.errors).toBeUndefined();
      for (const node of res.data!.nodes) expect(node.values[0].versions[0].breakdownTotals[0]).toEqual({ value: 50, member: { name: 'Chui oblast' } });
      return res.statements;
    };
    const one = await read(1);
    const five = await read(5);
    expect(five).toBe(one);
  });
});
