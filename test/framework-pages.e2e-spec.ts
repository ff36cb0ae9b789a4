import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from './support/test-app';

/** The public framework pages: an SDG target or a CEDAW paragraph, and what addresses it with its status. */
describe('framework pages', () => {
  let t: TestApp;
  const get = (path: string, lang = 'en') => request(t.app.getHttpServer()).get(path).set('accept-language', lang);

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
  });
  afterAll(() => t?.close());

  it('shows SDG target 5.5 with its indicators, the recommendations addressing it with their status, and the indicators measuring it', async () => {
    const res = await get('/frameworks/sdg/5.5');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-framework-item="5.5"');
    expect(res.text).toContain("Women&#39;s full participation and equal leadership opportunities");
    // The indicators under the target link to their own pages.
    expect(res.text).toContain('href="/frameworks/sdg/5.5.1(b)"');
    expect(res.text).toContain('href="/frameworks/sdg/5"');
    // The sample's three proposals, each with its status tag.
    const rows = res.text.split('data-list="recommendations"')[1].split('</table>')[0];
    for (const code of ['SOK-2024-01', 'SOK-2024-02', 'SOK-2024-03']) expect(rows).toContain(`data-code="${code}"`);
    expect(rows).toContain('govuk-tag');
    expect(res.text).toContain('data-list="framework-indicators"');
    expect(res.text).toContain('data-code="WL-2"');
  });

  it('shows the indicator 5.5.1(b) with its series code and the sample indicator measuring it', async () => {
    const res = await get(`/frameworks/sdg/${encodeURIComponent('5.5.1(b)')}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('SG_GEN_LOCGELS');
    // Paragraph numbers are for UN documents' paragraphs, not SDG codes.
    expect(res.text).not.toContain('data-paragraph');
    expect(res.text).toContain('data-code="WL-1"');
    expect(res.text).toContain('No recommendation is mapped to it yet.');
  });

  it("shows CEDAW's temporary special measures with the quota proposal, and says the paragraph number is not yet checked", async () => {
    const res = await get('/frameworks/cedaw/CO5-TSM');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-paragraph="unknown"');
    expect(res.text).toContain('CEDAW/C/KGZ/CO/5');
    const rows = res.text.split('data-list="recommendations"')[1].split('</table>')[0];
    expect(rows).toContain('data-code="SOK-2024-01"');
    expect(rows).not.toContain('data-code="SOK-2024-02"');
  });

  it('speaks Kyrgyz and Russian: the labels from the catalogs, a title without an official Kyrgyz text marked as shown in another language', async () => {
    const ky = await get('/frameworks/sdg/5.5', 'ky');
    expect(ky.status).toBe(200);
    expect(ky.text).toContain('Ага тиешелүү сунуштар');
    expect(ky.text).toContain('app-fallback-note');
    const ru = await get('/frameworks/sdg/5.5', 'ru');
    expect(ru.text).toContain('Рекомендации, которые к нему относятся');
    expect(ru.text).toContain('Полное участие женщин и равные возможности для руководства');
    expect(ru.text).not.toContain('app-fallback-note');
  });

  it("links to the recommendations list filtered by the item, which keeps that filter while others change", async () => {
    const page = await get('/frameworks/cedaw/CO5-TSM');
    const href = /href="(\/recommendations\?framework=[^"]+)" data-filter-link="framework"/.exec(page.text)![1];
    const list = await get(href);
    expect(list.status).toBe(200);
    const rows = list.text.split('data-list="recommendations"')[1].split('</table>')[0];
    expect(rows).toContain('data-code="SOK-2024-01"');
    expect(rows).not.toContain('data-code="SOK-2024-02"');
    expect(list.text).toContain(`name="framework" value="${href.split('=')[1]}"`);
    expect((await get('/recommendations?framework=not-an-id')).status).toBe(400);
  });

  it('rolls a target up: 5.5 lists what is mapped to 5.5.1(a), 5.5.1(b) and 5.5.2 too, in the page and the filter; an indicator of the target does not list its siblings', async () => {
    const items = new Map(
      (await t.gqlOk<{ frameworkItems: { id: string; code: string }[] }>('{ frameworkItems(framework: SDG) { id code } }')).frameworkItems.map((i) => [i.code, i.id]),
    );
    const [meeting] = await t.sql<{ id: string }>(`SELECT id FROM meeting ORDER BY held_on LIMIT 1`);
    const created = await t.gqlOk<{ createRecommendation: { id: string; code: string } }>(
      'mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id code } }',
      { input: { meetingId: meeting.id, code: 'ROLL-UP-1', title: 'Publish the share of women deputies of the Jogorku Kenesh', kind: 'MONITORING' } },
    );
    await t.gqlOk('mutation ($input: FrameworkMappingInput!) { mapToFrameworkItem(input: $input) { id } }', {
      input: { frameworkItemId: items.get('5.5.1(a)'), recommendationId: created.createRecommendation.id },
    });
    const target = await get('/frameworks/sdg/5.5');
    expect(target.text).toContain('data-rolls-up="true"');
    const rows = target.text.split('data-list="recommendations"')[1].split('</table>')[0];
    expect(rows).toContain('data-code="ROLL-UP-1"');
    // WL-1 measures 5.5.1(b) and WL-4 5.5.1(a): both count under the target, beside WL-2 mapped to 5.5 itself.
    const indicators = target.text.split('data-list="framework-indicators"')[1].split('</table>')[0];
    for (const code of ['WL-1', 'WL-2', 'WL-4']) expect(indicators).toContain(`data-code="${code}"`);
    const sibling = await get('/frameworks/sdg/5.5.2');
    expect(sibling.text).not.toContain('data-code="ROLL-UP-1"');
    expect(sibling.text).not.toContain('data-rolls-up="true"');
    const filtered = async (code: string) =>
      (
        await t.gqlOk<{ recommendations: { edges: { node: { code: string } }[] } }>(
          'query ($f: ID!) { recommendations(first: 100, filter: { frameworkItem: $f }) { edges { node { code } } } }',
          { f: items.get(code) },
        )
      ).recommendations.edges.map((e) => e.node.code);
    expect(await filtered('5.5')).toContain('ROLL-UP-1');
    expect(await filtered('5')).toContain('ROLL-UP-1');
    expect(await filtered('5.5.1(a)')).toEqual(['ROLL-UP-1']);
    expect(await filtered('5.5.2')).not.toContain('ROLL-UP-1');
  });

  it('answers an unknown framework or code with a 404 page', async () => {
    expect((await get('/frameworks/sdg/99.9')).status).toBe(404);
    expect((await get('/frameworks/nope/5.5')).status).toBe(404);
  });
});
