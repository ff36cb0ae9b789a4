import request from 'supertest';
import { createActionPlan, createIndicator } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const SET_DIMENSIONS = `mutation ($input: SetIndicatorDimensionsInput!) { setIndicatorDimensions(input: $input) { id } }`;

interface Summary {
  imported: number;
  updated: number;
  rejected: number;
  errors: { row: number; column: string | null; reason: string }[];
}

/** Issue 24: an import takes breakdowns, one row per combination, dimension columns named in any of the three languages. */
describe('POST /imports/indicator-values with breakdowns', () => {
  let t: TestApp;
  let ratioId: string;
  let countId: string;

  const upload = async (content: string, correctionReason?: string) => {
    const query = correctionReason ? `?correctionReason=${encodeURIComponent(correctionReason)}` : '';
    const res = await request(t.app.getHttpServer())
      .post(`/imports/indicator-values${query}`)
      .set('authorization', bearer(t.adminToken))
      .attach('file', Buffer.from(content, 'utf8'), 'values.csv');
    return { status: res.status, body: res.body as Summary };
  };
  const versions = (indicatorId: string) =>
    t.sql<{ number: number; value: number; cells: string[] | null }>(
      `SELECT w.number, w.value,
              (SELECT array_agg(c.numerator || '/' || coalesce(c.denominator::text, '') || '=' || round(c.value::numeric, 3) ORDER BY c.numerator) FROM indicator_value_cell c WHERE c.version_id = w.id) AS cells
         FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id
        WHERE v.indicator_id = $1 ORDER BY w.number`,
      [indicatorId],
    );
  const counts = async () => (await t.sql<{ n: number }>('SELECT (SELECT count(*) FROM indicator_value_version) + (SELECT count(*) FROM indicator_value_cell) AS n'))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    const plan = await createActionPlan(t, { code: 'DIS', startYear: 2024, endYear: 2027 });
    ratioId = (await createIndicator(t, { actionPlanId: plan.id, code: 'WL-1', unit: '%', valueKind: 'RATIO' })).id;
    countId = (await createIndicator(t, { actionPlanId: plan.id, code: 'WL-4', unit: 'people' })).id;
    await t.gqlOk(SET_DIMENSIONS, { input: { indicatorId: ratioId, dimensionCodes: ['TERRITORY'], totalSource: 'DERIVED' } });
    await t.gqlOk(SET_DIMENSIONS, { input: { indicatorId: countId, dimensionCodes: ['SEX'], totalSource: 'RECORDED' } });
  });
  afterAll(() => t.close());

  it('reads a Russian header with a territory column: members by code or by name in any language, one version, Σ/Σ', async () => {
    const file = [
      'План действий,Код индикатора,Период,Значение,Источник,Примечание,Территория,Числитель,Знаменатель',
      'DIS,WL-1,2025,,Районные избиркомы,,Сокулук району,10,20',
      'DIS,WL-1,2025,,,,chui-kemin,90,100',
      'DIS,WL-1,2025,,,,Аламудунский район,3,30',
    ].join('\r\n');
    const { status, body } = await upload(file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, updated: 0, rejected: 0, errors: [] });
    const [v] = await versions(ratioId);
    expect(v.number).toBe(1);
    // (10 + 90 + 3) / (20 + 100 + 30) = 68.667 %, whereas the mean of the shares is (50 + 90 + 10) / 3 = 50 %.
    expect(v.value).toBeCloseTo((100 * 103) / 150, 6);
    expect(v.cells).toEqual(['3/30=10.000', '10/20=50.000', '90/100=90.000']);
    const [audit] = await t.sql<{ after: { breakdown: unknown[] } }>(`SELECT after FROM audit_entry WHERE entity_type = 'IndicatorValue' ORDER BY at DESC, id DESC LIMIT 1`);
    expect(audit.after.breakdown).toHaveLength(3);
  });

  it('corrects a breakdown with a new version when a reason is given, and only then', async () => {
    const file = ['action_plan,indicator_code,period,value,source,note,territory,numerator,denominator', 'DIS,WL-1,2025,,,,CHUI-SOKULUK,11,20'].join('\r\n');
    const refused = await upload(file);
    expect(refused.body.errors.map((e) => e.reason)).toEqual([expect.stringContaining('give the import a correction reason')]);
    const { body } = await upload(file, 'recount in Sokuluk');
    expect(body).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
    expect((await versions(ratioId)).map((v) => [v.number, v.cells])).toEqual([
      [1, ['3/30=10.000', '10/20=50.000', '90/100=90.000']],
      [2, ['11/20=55.000']],
    ]);
  });

  it('takes a recorded total from the row without members (an English header, a Kyrgyz dimension name)', async () => {
    const file = ['action_plan,indicator_code,period,value,source,note,Жынысы', 'DIS,WL-4,2025,100,,,', 'DIS,WL-4,2025,30,,,Аялдар', 'DIS,WL-4,2025,45,,,Men'].join('\r\n');
    const { body } = await upload(file);
    expect(body).toMatchObject({ imported: 1, rejected: 0 });
    const [v] = await versions(countId);
    expect(v.value).toBe(100);
    expect(await t.sql('SELECT c.value FROM indicator_value_cell c JOIN indicator_value_version w ON w.id = c.version_id JOIN indicator_value v ON v.id = w.indicator_value_id WHERE v.indicator_id = $1 ORDER BY value', [countId])).toEqual([
      { value: 30 },
      { value: 45 },
    ]);
  });

  it('refuses the whole file, naming each row, for unknown members, overlaps, a missing total, ratios without figures', async () => {
    const before = await counts();
    const header = 'action_plan,indicator_code,period,value,source,note,territory,sex,numerator,denominator';
    const file = [
      header,
      'DIS,WL-1,2026,,,,Nowhere district,,1,2',
      'DIS,WL-1,2026,,,,CHUI,,1,2',
      'DIS,WL-4,2026,,,,,F,,',
      'DIS,WL-4,2026,,,,,M,,',
    ].join('\r\n');
    const { status, body } = await upload(file);
    expect(status).toBe(200);
    expect(body.imported).toBe(0);
    expect(body.errors).toEqual([
      expect.objectContaining({ row: 2, reason: expect.stringContaining('TERRITORY has no member "Nowhere district"') }),
      expect.objectContaining({ row: 4, reason: expect.stringContaining('give the value') }),
    ]);
    const overlap = await upload([header, 'DIS,WL-1,2026,,,,CHUI-KEMIN,,1,2', 'DIS,WL-1,2026,,,,CHUI,,1,2'].join('\r\n'));
    expect(overlap.body.errors).toEqual([expect.objectContaining({ row: 2, reason: expect.stringContaining('lies within CHUI') })]);
    const noTotal = await upload([header, 'DIS,WL-4,2026,3,,,,F,,'].join('\r\n'));
    expect(noTotal.body.errors).toEqual([expect.objectContaining({ row: 2, reason: expect.stringContaining('records its total') })]);
    const noFigures = await upload([header, 'DIS,WL-1,2026,,,,CHUI-KEMIN,,1,'].join('\r\n'));
    expect(noFigures.body.errors).toEqual([expect.objectContaining({ row: 2, reason: expect.stringContaining('numerator and the denominator') })]);
    expect(await counts()).toBe(before);
    // A column that is no dimension is still refused as a whole.
    const unknown = await upload(['action_plan,indicator_code,period,value,source,note,colour', 'DIS,WL-4,2026,3,,,red'].join('\r\n'));
    expect(unknown.status).toBe(400);
  });
});
