import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { createIndicator, createMeeting, createRecommendation } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const ITEMS = `query ($framework: Framework) { frameworkItems(framework: $framework) {
  id framework code kind parentCode title titleLocale kyUntranslated seriesCode paragraph source
} }`;
const MAP = 'mutation ($input: FrameworkMappingInput!) { mapToFrameworkItem(input: $input) { id code } }';
const UNMAP = 'mutation ($input: FrameworkMappingInput!) { unmapFromFrameworkItem(input: $input) { id code } }';
const UPDATE = 'mutation ($input: UpdateFrameworkItemInput!) { updateFrameworkItem(input: $input) { id title paragraph } }';

interface Item {
  id: string;
  framework: string;
  code: string;
  kind: string;
  parentCode: string | null;
  title: string;
  titleLocale: string;
  kyUntranslated: boolean;
  seriesCode: string | null;
  paragraph: number | null;
  source: string;
}

/**
 * International frameworks (issue 26 step 5): reference lists from the committed data files,
 * EDITORS map recommendations and indicators to any item (audited, coded errors), ADMIN
 * corrects an item, and the recommendations list filters by item.
 */
describe('frameworks', () => {
  let t: TestApp;
  let items: Item[];
  const item = (framework: string, code: string) => {
    const found = items.find((i) => i.framework === framework && i.code === code);
    if (!found) throw new Error(`${framework} ${code} missing`);
    return found;
  };
  const tokens: Record<'editor' | 'viewer' | 'ngo', string> = {} as never;
  const as = (token: string) => ({ authorization: bearer(token) });
  const auditCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry'))[0].n;
  const mappingCount = async () =>
    (await t.sql<{ n: number }>('SELECT (SELECT count(*) FROM recommendation_framework_item) + (SELECT count(*) FROM indicator_framework_item) AS n'))[0].n;
  /** A call that must succeed, with the given headers (the admin token otherwise). */
  const ok = async <T>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> => {
    const res = await t.gql(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };
  const token = async (name: string, role: string) =>
    (
      await t.gqlOk<{ createApiToken: { token: string } }>('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', {
        input: { name, role },
      })
    ).createApiToken.token;

  beforeAll(async () => {
    t = await createTestApp();
    tokens.editor = await token('secretariat', 'EDITOR');
    tokens.viewer = await token('reader', 'VIEWER');
    items = (await t.gqlOk<{ frameworkItems: Item[] }>(ITEMS, {})).frameworkItems;
  });
  afterAll(() => t?.close());

  it('lists the SDG gender targets and indicators with official codes, sure series codes and their source', async () => {
    const sdg = (await t.gqlOk<{ frameworkItems: Item[] }>(ITEMS, { framework: 'SDG' })).frameworkItems;
    expect(sdg.every((i) => i.framework === 'SDG')).toBe(true);
    const codes = sdg.map((i) => i.code);
    for (const code of ['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.a', '5.b', '5.c', '5.5.1(a)', '5.5.1(b)', '5.5.2', '10.2.1', '16.7.1', '16.7.2', '16.b.1']) {
      expect(codes).toContain(code);
    }
    expect(item('SDG', '5.5.1(a)')).toMatchObject({ kind: 'INDICATOR', parentCode: '5.5', seriesCode: 'SG_GEN_PARL' });
    expect(item('SDG', '5.5.1(b)').seriesCode).toBe('SG_GEN_LOCGELS');
    expect(item('SDG', '5.5.2').seriesCode).toBe('IC_GEN_MGTL');
    expect(item('SDG', '16.7.1').seriesCode).toBeNull();
    expect(item('SDG', '5.5').source).toMatch(/unstats\.un\.org/);
    // No official Kyrgyz title is known: flagged, and a Kyrgyz reader gets another language, saying which.
    const ky = await ok<{ frameworkItems: Item[] }>(ITEMS, { framework: 'SDG' }, { 'accept-language': 'ky' });
    const target = ky.frameworkItems.find((i) => i.code === '5.5')!;
    expect(target.kyUntranslated).toBe(true);
    expect(target.titleLocale).not.toBe('KY');
  });

  it('lists the CEDAW observations to Kyrgyzstan (paragraph numbers left unknown) and the UPR report by document symbol', async () => {
    const tsm = item('CEDAW', 'CO5-TSM');
    expect(tsm).toMatchObject({ kind: 'PARAGRAPH', paragraph: null });
    expect(tsm.source).toContain('CEDAW/C/KGZ/CO/5');
    expect(item('UPR', 'A/HRC/44/9').kind).toBe('DOCUMENT');
  });

  it('maps a recommendation and an indicator to items for an EDITOR, audited, read back on both sides and filterable', async () => {
    const meetingId = (await createMeeting(t)).id;
    const mapped = (await createRecommendation(t, { meetingId })).id;
    const other = (await createRecommendation(t, { meetingId })).id;
    const indicatorId = (await createIndicator(t)).id;
    const target = item('SDG', '5.5');
    const before = await auditCount();

    const res = await t.gql(MAP, { input: { frameworkItemId: target.id, recommendationId: mapped } }, as(tokens.editor));
    expect(res.errors).toBeUndefined();
    expect(res.data!.mapToFrameworkItem).toEqual({ id: target.id, code: '5.5' });
    await t.gqlOk(MAP, { input: { frameworkItemId: item('CEDAW', 'CO5-TSM').id, recommendationId: mapped } });
    await ok(MAP, { input: { frameworkItemId: item('SDG', '5.5.1(b)').id, indicatorId } }, as(tokens.editor));
    expect(await auditCount()).toBe(before + 3);
    const [entry] = await t.sql('SELECT action, entity_type, after FROM audit_entry WHERE entity_id = $1', [item('SDG', '5.5.1(b)').id]);
    expect(entry).toMatchObject({ action: 'frameworkItem.map', entity_type: 'FrameworkItem', after: { frameworkItemId: item('SDG', '5.5.1(b)').id, indicatorId } });

    // Mapping again changes nothing and writes no audit entry.
    await t.gqlOk(MAP, { input: { frameworkItemId: target.id, recommendationId: mapped } });
    expect(await auditCount()).toBe(before + 3);

    const read = await ok<{ recommendation: { frameworkItems: { code: string }[] }; indicator: { frameworkItems: { code: string }[] } }>(
      'query ($r: ID!, $i: ID!) { recommendation(id: $r) { frameworkItems { code } } indicator(id: $i) { frameworkItems { code } } }',
      { r: mapped, i: indicatorId },
      as(tokens.viewer),
    );
    expect(read.recommendation.frameworkItems.map((i) => i.code).sort()).toEqual(['5.5', 'CO5-TSM'].sort());
    expect(read.indicator.frameworkItems).toEqual([{ code: '5.5.1(b)' }]);

    const filtered = await t.gqlOk<{ recommendations: { totalCount: number; edges: { node: { id: string } }[] } }>(
      'query ($f: ID!) { recommendations(filter: { frameworkItem: $f }) { totalCount edges { node { id } } } }',
      { f: target.id },
    );
    expect(filtered.recommendations.edges.map((e) => e.node.id)).toEqual([mapped]);
    expect(filtered.recommendations.edges.map((e) => e.node.id)).not.toContain(other);

    // Unmapping removes it, audited; unmapping again changes nothing.
    await ok(UNMAP, { input: { frameworkItemId: target.id, recommendationId: mapped } }, as(tokens.editor));
    expect(await auditCount()).toBe(before + 4);
    await t.gqlOk(UNMAP, { input: { frameworkItemId: target.id, recommendationId: mapped } });
    expect(await auditCount()).toBe(before + 4);
    const after = await t.gqlOk<{ recommendations: { totalCount: number } }>('query ($f: ID!) { recommendations(filter: { frameworkItem: $f }) { totalCount } }', {
      f: target.id,
    });
    expect(after.recommendations.totalCount).toBe(0);
  });

  it('refuses bad mappings with a coded error and changes nothing', async () => {
    const recommendationId = (await createRecommendation(t, { meetingId: (await createMeeting(t)).id })).id;
    const indicatorId = (await createIndicator(t)).id;
    const target = item('SDG', '5.5').id;
    const missing = '00000000-0000-4000-8000-000000000000';
    const mappings = await mappingCount();
    const audits = await auditCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ frameworkItemId: target }, 'BAD_USER_INPUT', 'recommendationId'],
      [{ frameworkItemId: target, recommendationId, indicatorId }, 'BAD_USER_INPUT', 'indicatorId'],
      [{ frameworkItemId: missing, recommendationId }, 'NOT_FOUND', 'frameworkItemId'],
      [{ frameworkItemId: target, recommendationId: missing }, 'NOT_FOUND', 'recommendationId'],
      [{ frameworkItemId: target, indicatorId: missing }, 'NOT_FOUND', 'indicatorId'],
      [{ frameworkItemId: 'not-an-id', recommendationId }, 'BAD_USER_INPUT', 'frameworkItemId'],
    ];
    for (const [input, code, field] of cases) {
      const res = await t.gql(MAP, { input });
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(JSON.stringify(res.errors?.[0])).toContain(field);
    }
    const viewer = await t.gql(MAP, { input: { frameworkItemId: target, recommendationId } }, as(tokens.viewer));
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await mappingCount()).toBe(mappings);
    expect(await auditCount()).toBe(audits);
  });

  it('lets ADMIN correct a title and a paragraph number, audited; a paragraph number only on a paragraph', async () => {
    const tsm = item('CEDAW', 'CO5-TSM');
    const audits = await auditCount();
    const res = await ok<{ updateFrameworkItem: { title: string; paragraph: number } }>(
      UPDATE,
      { input: { id: tsm.id, paragraph: 12, titleTranslations: [{ locale: 'EN', text: 'Temporary special measures' }] } },
      { 'accept-language': 'en' },
    );
    expect(res.updateFrameworkItem).toEqual({ id: tsm.id, title: 'Temporary special measures', paragraph: 12 });
    expect(await auditCount()).toBe(audits + 1);

    const wrongKind = await t.gql(UPDATE, { input: { id: item('SDG', '5.5').id, paragraph: 3 } });
    expect(wrongKind.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await t.gql(UPDATE, { input: { id: tsm.id, titleTranslations: [{ locale: 'EN', text: null }, { locale: 'RU', text: null }, { locale: 'KY', text: null }] } });
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const editor = await t.gql(UPDATE, { input: { id: tsm.id, paragraph: 13 } }, as(tokens.editor));
    expect(editor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await auditCount()).toBe(audits + 1);
    const [row] = await t.sql('SELECT paragraph FROM framework_item WHERE id = $1', [tsm.id]);
    expect(row.paragraph).toBe(12);
  });

  // Last: the sample's recommendations join the lists the tests above count.
  it('maps the sample: the SOK proposals to SDG 5.5 (the quota one also to temporary special measures), WL-1 to 5.5.1(b), once however often it loads', async () => {
    await seedSokulukRoundtable(t.app.get(DataSource));
    await seedSokulukRoundtable(t.app.get(DataSource));
    const res = await t.gqlOk<{ recommendations: { edges: { node: { code: string; frameworkItems: { framework: string; code: string }[]; indicators: { code: string; frameworkItems: { code: string }[] }[] } }[] } }>(
      `query ($f: ID!) { recommendations(filter: { frameworkItem: $f }, orderBy: { field: CODE, direction: ASC }) { edges { node {
        code frameworkItems { framework code } indicators { code frameworkItems { code } }
      } } } }`,
      { f: item('SDG', '5.5').id },
    );
    const nodes = res.recommendations.edges.map((e) => e.node);
    expect(nodes.map((n) => n.code)).toEqual(['SOK-2024-01', 'SOK-2024-02', 'SOK-2024-03']);
    expect(nodes[0].frameworkItems).toEqual([
      { framework: 'CEDAW', code: 'CO5-TSM' },
      { framework: 'SDG', code: '5.5' },
    ]);
    expect(nodes[0].indicators).toEqual([{ code: 'WL-1', frameworkItems: [{ code: '5.5.1(b)' }] }]);
    const tsm = await t.gqlOk<{ recommendations: { edges: { node: { code: string } }[] } }>(
      'query ($f: ID!) { recommendations(filter: { frameworkItem: $f }) { edges { node { code } } } }',
      { f: item('CEDAW', 'CO5-TSM').id },
    );
    expect(tsm.recommendations.edges.map((e) => e.node.code).filter((code) => code.startsWith('SOK-'))).toEqual(['SOK-2024-01']);
  });

  // After the sample: what a shadow-report author downloads.
  it('exports the mapped items beside each recommendation and indicator, and filters the recommendations export by an item and the items under it, with their status', async () => {
    const csv = async (path: string) => {
      const res = await request(t.app.getHttpServer()).get(path).set('authorization', bearer(tokens.viewer));
      expect(res.status).toBe(200);
      return parse<Record<string, string>>(res.text, { columns: true, bom: true });
    };
    const target = await csv(`/exports/recommendations.csv?frameworkItem=${item('SDG', '5.5').id}`);
    const sample = target.filter((row) => row.code.startsWith('SOK-'));
    expect(sample.map((row) => [row.code, row.status, row.framework_items])).toEqual([
      ['SOK-2024-01', 'PROPOSED', 'CEDAW CO5-TSM; SDG 5.5'],
      ['SOK-2024-02', 'PROPOSED', 'SDG 5.5'],
      ['SOK-2024-03', 'PROPOSED', 'SDG 5.5'],
    ]);
    const tsm = await csv(`/exports/recommendations.csv?frameworkItem=${item('CEDAW', 'CO5-TSM').id}`);
    expect(tsm.map((row) => row.code).filter((code) => code.startsWith('SOK-'))).toEqual(['SOK-2024-01']);
    const indicators = await csv('/exports/indicators.csv');
    expect(indicators.find((row) => row.code === 'WL-1')?.framework_items).toBe('SDG 5.5.1(b)');
    expect((await request(t.app.getHttpServer()).get('/exports/recommendations.csv?frameworkItem=nope').set('authorization', bearer(tokens.viewer))).status).toBe(400);
  });
});
