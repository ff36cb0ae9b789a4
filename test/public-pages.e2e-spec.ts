import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/clock';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from './support/test-app';
import { recordValue } from './support/factories';

/** The text of the page without tags, whitespace collapsed (what a reader sees). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/\s+/g, ' ');
}

/** The cells of the table row marked data-<attr>="<value>", as text. */
function rowOf(html: string, attr: string, value: string): string[] {
  const row = new RegExp(`<tr class="govuk-table__row" data-${attr}="${value}"[^>]*>(.*?)</tr>`).exec(html);
  if (!row) throw new Error(`no row data-${attr}="${value}"`);
  return [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]).trim());
}

const TRANSITION = `mutation ($input: TransitionRecommendationInput!) { transitionRecommendation(input: $input) { id status } }`;
const CREATE = `mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id code } }`;

describe('public progress pages on the Sokuluk sample', () => {
  let t: TestApp;
  let ids: { meeting: string; ministry: string; parliament: string; rec1: string; rec2: string };
  const get = (path: string, lang = 'en') => request(t.app.getHttpServer()).get(path).set('accept-language', lang);

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://tracker.example.kg', TRUST_PROXY: '1' });
    await seedSokulukRoundtable(t.app.get(DataSource));
    const one = async (sql: string) => (await t.sql<{ id: string }>(sql))[0].id;
    ids = {
      meeting: await one(`SELECT id FROM meeting WHERE settlement->>'en' = 'Sokuluk'`),
      ministry: await one(`SELECT id FROM organization WHERE kind = 'MINISTRY'`),
      parliament: await one(`SELECT id FROM organization WHERE kind = 'PARLIAMENT'`),
      rec1: await one(`SELECT id FROM recommendation WHERE code = 'SOK-2024-01'`),
      rec2: await one(`SELECT id FROM recommendation WHERE code = 'SOK-2024-02'`),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/ shows the headline figures, the status counts (chart and table), the scorecard and the latest changes', async () => {
    const { text } = await get('/?year=2024').expect(200);
    expect(text).toMatch(/data-figure="total"><span class="app-figure__value">3</);
    expect(text).toMatch(/data-figure="overdue"><span class="app-figure__value">0</);
    expect(rowOf(text, 'status', 'PROPOSED')).toEqual(['Proposed', '3']);
    expect(rowOf(text, 'status', 'IMPLEMENTED')).toEqual(['Implemented', '0']);
    // The chart says what it shows, and carries the same numbers.
    expect(text).toContain('<title id="chart-by-status-title">Recommendations by status, 2024</title>');
    expect(text).toMatch(/<text [^>]*>Proposed<\/text><rect class="app-chart__bar" [^>]*width="380"[^>]*><\/rect><text [^>]*>3<\/text>/);
    // 2024: WL-1 target 22, actual 21.5 from baseline 20 (75 %): at risk; WL-2 310 of 300: achieved; WL-3 9 of 8 from 10 (50 %): at risk.
    expect(rowOf(text, 'indicator', 'WL-1')).toEqual([expect.stringContaining('WL-1'), '20', '22', '21.5', 'At risk']);
    expect(rowOf(text, 'indicator', 'WL-2')).toEqual([expect.stringContaining('WL-2'), '0', '300', '310', 'Achieved']);
    expect(rowOf(text, 'indicator', 'WL-3')).toEqual([expect.stringContaining('WL-3'), '10', '8', '9', 'At risk']);
    expect(textOf(text)).toContain('WL-2: 520 people for Q3 2025');
    // The year picker offers the plan's years; another year is another summary.
    expect(text).toContain('<option value="2027">2027</option>');
    expect(rowOf((await get('/?year=2026').expect(200)).text, 'indicator', 'WL-1')).toEqual([expect.stringContaining('WL-1'), '20', '28', '—', 'No data']);
  });

  it('costs each page a fixed number of statements, reading what changes only with a write once per data version', async () => {
    const statements = async (path: string) => {
      const res = await get(path).expect(200);
      return Number(res.headers['x-sql-statements']);
    };
    const wl1 = (await t.sql<{ code: string; plan: string }>(`SELECT i.code, p.code AS plan FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id WHERE i.code = 'WL-1'`))[0];
    const pages = ['/', '/recommendations', '/recommendations/SOK-2024-01', `/indicators/${wl1.code}?plan=${wl1.plan}`, `/organisations/${ids.ministry}`];
    // Warm: the plans and their facts, the latest year with values, the filters' choices, which recommendations
    // have published assessments and which indicators have breakdowns are read once per data version.
    const cold = await statements('/');
    expect(cold).toBeGreaterThan(0);
    for (const page of pages) await statements(page);
    const counts = Object.fromEntries(await Promise.all(pages.map(async (page) => [page, await statements(page)] as const)));
    expect(counts).toEqual({
      // Its figures (the plans, the year's counts, every indicator's progress for the tally, the latest
      // changes: 4 statements) are read once per data version and day.
      '/': 0,
      // The page with its count; the filters' organisations, meetings and barriers once per data version.
      '/recommendations': 1,
      '/recommendations/SOK-2024-01': 7,
      // The indicator, its plan, targets, values, organisation, recommendations, every year's figures
      // at once, and its breakdown (WL-1 has one: its version, dimensions, cells and members).
      [`/indicators/${wl1.code}?plan=${wl1.plan}`]: 11,
      [`/organisations/${ids.ministry}`]: 6,
    });
  });

  it('speaks Russian and Kyrgyz with their number formats', async () => {
    const ru = (await get('/?year=2024', 'ru').expect(200)).text;
    expect(rowOf(ru, 'indicator', 'WL-1').slice(1)).toEqual(['20', '22', '21,5', 'Под угрозой']);
    expect(ru).toContain('Ход выполнения рекомендаций');
    // The long Russian date ends with its abbreviation point, which also ends the sentence: one point, not two.
    expect(textOf(ru)).toMatch(/утверждённые к концу дня \d{1,2} [а-я]+ \d{4} г\.(?!\.)/);
    expect(textOf(ru)).not.toContain('г..');
    const ky = (await get('/?year=2024', 'ky').expect(200)).text;
    expect(rowOf(ky, 'status', 'PROPOSED')).toEqual(['Сунушталды', '3']);
    // Units and periods in the reader's language, with the plural forms the number takes.
    expect(textOf(ru)).toContain('WL-2: 520 человек за 3-й квартал 2025 г.');
    expect(textOf(ru)).toContain('WL-3: 9 программ за 2024 год');
    expect(textOf(ru)).toContain('WL-1: 21,5 % за 2024 год');
    expect(textOf(ky)).toContain('WL-2: 2025-жылдын 3-чейреги үчүн 520 адам');
    expect(textOf(ky)).toContain('WL-3: 2024-жыл үчүн 9 программа');
    const indicator = (await get('/indicators/WL-2', 'ru').expect(200)).text;
    expect(textOf(indicator)).toContain('Единица измерения человек');
    expect(rowOf(indicator, 'period', '2025-Q3')[0]).toBe('3-й квартал 2025 г.');
  });

  it('refuses a year outside the plan and bad filters with a coded error page', async () => {
    expect((await get('/?year=1950').expect(400)).text).toContain('data-error-code="BAD_USER_INPUT"');
    expect((await get('/?year=abc').expect(400)).text).toContain('data-error-code="BAD_USER_INPUT"');
    expect((await get('/recommendations?status=DONE').expect(400)).text).toContain('data-error-code="BAD_USER_INPUT"');
    expect((await get('/recommendations?organisation=not-a-uuid').expect(400)).text).toContain('data-error-code="BAD_USER_INPUT"');
    expect((await get('/recommendations?after=garbage').expect(400)).text).toContain('data-error-code="BAD_USER_INPUT"');
    expect((await get('/recommendations/NO-SUCH-CODE').expect(404)).text).toContain('data-error-code="NOT_FOUND"');
    expect((await get('/meetings/not-a-uuid').expect(404)).text).toContain('data-error-code="NOT_FOUND"');
    expect((await get('/organisations/0b7e7a3c-3d5f-4c59-9a52-2f1f0c0e0d11').expect(404)).text).toContain('data-error-code="NOT_FOUND"');
    expect((await get('/indicators/WL-9').expect(404)).text).toContain('data-error-code="NOT_FOUND"');
  });

  it('answers an address no route matches with the "page not found" page for a browser, and JSON for an API client', async () => {
    const browser = (path: string, lang: string) => get(path, lang).set('accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    const page = await browser('/indicators', 'ky').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('data-error-code="NOT_FOUND"');
    expect(page.text).toContain('<html lang="ky"');
    expect((await browser('/no/such/page?lang=ru', 'en').expect(404)).text).toContain('<html lang="ru"');
    for (const accept of ['application/json', '*/*']) {
      const api = await get('/indicators').set('accept', accept).expect(404);
      expect(api.body.error.code).toBe('NOT_FOUND');
    }
    const posted = await request(t.app.getHttpServer()).post('/indicators').set('accept', 'text/html').send({}).expect(404);
    expect(posted.body.error.code).toBe('NOT_FOUND');
  });

  it('/recommendations filters by status, organisation, meeting, barrier, overdue and text, all in the URL', async () => {
    const total = async (query: string) => Number(/data-total="(\d+)"/.exec((await get(`/recommendations${query}`).expect(200)).text)![1]);
    expect(await total('')).toBe(3);
    expect(await total('?status=PROPOSED')).toBe(3);
    expect(await total('?status=ACCEPTED&status=IMPLEMENTED')).toBe(0);
    expect(await total(`?organisation=${ids.ministry}`)).toBe(2);
    expect(await total(`?organisation=${ids.parliament}&meeting=${ids.meeting}`)).toBe(1);
    expect(await total('?q=mentorship')).toBe(1);
    expect(await total('?overdue=true')).toBe(0);
    expect(await total('?organisation=&meeting=&barrier=&q=')).toBe(3);
    const filtered = (await get(`/recommendations?status=PROPOSED&organisation=${ids.ministry}`).expect(200)).text;
    expect(filtered).toMatch(/<input class="govuk-checkboxes__input" id="status-PROPOSED" name="status" type="checkbox" value="PROPOSED" checked>/);
    expect(filtered).toContain(`<option value="${ids.ministry}" selected>`);
    expect(filtered).toMatch(/data-code="SOK-2024-02"/);
    expect(filtered).not.toMatch(/data-code="SOK-2024-01"/);
  });

  it('/recommendations/{code} shows the text, origin, responsibility and the history with notes and evidence', async () => {
    await t.gqlOk(TRANSITION, { input: { id: ids.rec1, to: 'UNDER_REVIEW', note: 'Sent to the committee', evidenceUrl: 'https://example.org/minutes-12' } });
    const { text } = await get('/recommendations/SOK-2024-01').expect(200);
    const page = textOf(text);
    expect(page).toContain('Revise norms and quotas for women’s representation');
    expect(page).toContain("Regional roundtable on women's political participation, Sokuluk, Chui, 13 August 2024");
    expect(page).toContain('Jogorku Kenesh of the Kyrgyz Republic');
    expect(page).toContain('Little support and recognition from society and colleagues');
    expect(page).toContain('Recorded as Proposed');
    expect(page).toContain('Proposed → Under review');
    expect(page).toContain('Sent to the committee');
    expect(text).toContain('<a class="govuk-link" href="https://example.org/minutes-12" rel="nofollow noopener">');
    expect(text).toContain('href="/indicators/WL-1?plan=WL-2024-2027"');
    expect(text).toContain('data-status="UNDER_REVIEW"');
    // Who changed it is a token's or a person's name: not public.
    expect(text).not.toContain('bootstrap-admin');
  });

  it('/meetings and /meetings/{id}: the roundtable, its people, barriers and recommendations with their status', async () => {
    const list = (await get('/meetings').expect(200)).text;
    expect(rowOf(list, 'meeting', ids.meeting)).toEqual(['13 August 2024', "Regional roundtable on women's political participation", 'Sokuluk, Chui', '3']);
    const { text } = await get(`/meetings/${ids.meeting}`).expect(200);
    const page = textOf(text);
    expect(page).toContain('Roundtable');
    expect(page).toContain('Lack of financial resources for election campaigns');
    expect((text.match(/<li><strong>/g) ?? []).length).toBe(3);
    expect(rowOf(text, 'code', 'SOK-2024-03')).toEqual(['SOK-2024-03', 'Stronger monitoring and control of gender programmes', 'Proposed', 'No due date']);
  });

  it('/indicators/{code}: baseline, targets, values and progress by year, chart with the same numbers', async () => {
    const { text } = await get('/indicators/WL-1').expect(200);
    // Each year as the report for that year measures it: the period its actual is from, and the day by which values were known.
    expect(rowOf(text, 'year', '2024')).toEqual(['2024', '22', '21.5', '75%', 'At risk', '2024', '14 February 2025']);
    // 2025's actual is Q2's, measured against Q2's share of the way from 2024's target (22) to 2025's (25): 23.5.
    expect(rowOf(text, 'year', '2025')).toEqual(['2025', '25', '23.1', '89%', 'At risk', '2025-Q2', '14 February 2026']);
    expect(rowOf(text, 'year', '2027').slice(0, 6)).toEqual(['2027', '30', '—', '—', 'No data', '—']);
    expect(rowOf(text, 'period', '2025-Q2').slice(0, 2)).toEqual(['Q2 2025', '23.1']);
    expect(textOf(text)).toContain('20 (2023)');
    expect(textOf(text)).toContain('The indicator should rise');
    expect(text).toContain('<title id="chart-indicator-title">WL-1 Share of women among deputies of local keneshes (illustrative sample): baseline, values and targets</title>');
    expect((text.match(/class="app-chart__point"/g) ?? []).length).toBe(2 + 1); // two values and the legend's
    expect((text.match(/class="app-chart__target-point"/g) ?? []).length).toBe(4 + 1);
    expect((await get('/indicators/WL-3?plan=WL-2024-2027').expect(200)).text).toContain('The indicator should fall');
    await get('/indicators/WL-1?plan=OTHER-PLAN').expect(404);
  });

  it("/indicators/WL-1: the sample's 2024 breakdown by district of Chui oblast, the oblast's total Σ women / Σ deputies", async () => {
    const { text } = await get('/indicators/WL-1').expect(200);
    expect(textOf(text)).toContain('Breakdown, 2024');
    expect(rowOf(text, 'members', 'CHUI-SOKULUK')).toEqual(['Sokuluk district', '9', '34', '26.471']);
    expect(text.match(/<tr class="govuk-table__row" data-members="CHUI-[A-Z-]+"/g)).toHaveLength(8);
    // 43 of 200 deputies: 21.5 %, the value itself; the mean of the districts' shares would be 21.0 %.
    expect(rowOf(text, 'members', 'TOTAL')).toEqual(['Total', '43', '200', '21.5']);
    expect(rowOf(text, 'member', 'CHUI')).toEqual(['Chui oblast', '43', '200', '21.5']);
    expect(textOf(text)).toContain('Illustrative sample data, not official statistics');
  });

  it('/organisations/{id}: its recommendations by status, overdue ones, its indicators', async () => {
    const { text } = await get(`/organisations/${ids.ministry}`).expect(200);
    expect(text).toMatch(/data-total="2"/);
    expect(rowOf(text, 'status', 'PROPOSED')).toEqual(['Proposed', '2']);
    expect(textOf(text)).toContain('No overdue recommendations.');
    await t.sql(`UPDATE recommendation SET due_date = '2020-01-01' WHERE id = $1`, [ids.rec2]);
    const after = (await get(`/organisations/${ids.ministry}`).expect(200)).text;
    expect(after).toMatch(/data-code="SOK-2024-02"[^]*data-overdue="true"/);
    await t.sql(`UPDATE recommendation SET due_date = NULL WHERE id = $1`, [ids.rec2]);
  });

  it('feeds are valid Atom: the changes, per organisation and per recommendation', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });
    const feed = async (path: string) => {
      const res = await get(path).expect(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(XMLValidator.validate(res.text)).toBe(true);
      const doc = parser.parse(res.text);
      expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      for (const required of ['id', 'title', 'updated']) expect(doc.feed[required]).toBeTruthy();
      for (const entry of doc.feed.entry ?? []) {
        expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
        expect(entry.link[0]['@href']).toMatch(/^https:\/\/tracker\.example\.kg\//);
      }
      return doc.feed as { title: string; entry?: { title: string; summary?: string }[] };
    };
    const all = await feed('/changes.atom');
    // 3 creations, 1 transition, 8 recorded values (7 illustrative, and WL-4's real figure of 2021 citing its source).
    expect(all.entry).toHaveLength(12);
    expect(all.entry!.find((e) => e.title.startsWith('WL-4: 21.1 % for 2021'))?.summary).toContain('IPU Parline database');
    expect(all.entry![0].title).toMatch(/^SOK-2024-01: Proposed → Under review/);
    const rec = await feed('/recommendations/SOK-2024-01/changes.atom');
    expect(rec.entry!.map((e) => e.title.split(' — ')[0])).toEqual(['SOK-2024-01: Proposed → Under review', 'Recommendation SOK-2024-01 recorded: Proposed']);
    const org = await feed(`/organisations/${ids.ministry}/changes.atom`);
    expect(org.title).toBe('Changes: Ministry of Labor, Social Security and Migration of the Kyrgyz Republic');
    expect(org.entry!.every((e) => /SOK-2024-0[23]|WL-[23]/.test(e.title))).toBe(true);
    expect(org.entry).toHaveLength(2 + 5);
    await get('/organisations/not-a-uuid/changes.atom').expect(404);
  });

  it('builds absolute links from PUBLIC_BASE_URL, never from Host or X-Forwarded-Proto', async () => {
    const hostile = [
      { host: 'evil.example', 'x-forwarded-proto': 'http' },
      { host: 'evil.example', 'x-forwarded-proto': 'javascript' },
      { host: 'evil.example:1"><script>x</script>', 'x-forwarded-host': 'evil.example' },
    ];
    for (const headers of hostile) {
      for (const path of ['/changes.atom', '/', `/organisations/${ids.ministry}`]) {
        const res = await get(path).set(headers);
        expect({ path, headers, status: res.status }).toEqual({ path, headers, status: 200 });
        const links = [...res.text.matchAll(/(?:href|@href)="([^"]*)"|<id>([^<]*)<\/id>/g)].map((m) => m[1] ?? m[2]).filter((l) => /^https?:/i.test(l));
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) {
          if (link === 'http://www.w3.org/2005/Atom') continue;
          expect({ path, link }).toEqual({ path, link: expect.stringMatching(/^https:\/\/tracker\.example\.kg\//) });
        }
        expect(res.text).not.toMatch(/evil\.example|javascript:/);
      }
    }
  });

  it('a text not yet translated: served in its fallback with lang, a note under the title, xml:lang in the feed', async () => {
    const UPDATE = `mutation ($id: ID!, $text: String) { updateRecommendation(id: $id, input: { titleTranslations: [{ locale: KY, text: $text }] }) { id } }`;
    const kyTitle = 'Аялдардын өкүлчүлүгү боюнча ченемдерди жана квоталарды кайра карап чыгуу';
    const ruTitle = 'Пересмотр норм и квот представительства женщин';
    // Translated in every language: no note, no lang of its own.
    const before = (await get('/recommendations/SOK-2024-01', 'ky').expect(200)).text;
    expect(before).toContain(`<h1 class="govuk-heading-l">${kyTitle}</h1>`);
    expect(before).not.toContain('app-fallback-note');
    await t.gqlOk(UPDATE, { id: ids.rec1, text: null });
    try {
      // Kyrgyz falls back to Russian (ky → ru → en): marked as Russian, and said so, discreetly, in Kyrgyz.
      const ky = (await get('/recommendations/SOK-2024-01', 'ky').expect(200)).text;
      expect(ky).toContain(`<h1 class="govuk-heading-l"><span lang="ru">${ruTitle}</span></h1>`);
      expect(ky).toContain('<p class="govuk-body-s app-fallback-note">Азырынча которулган эмес: орусча көрсөтүлдү.</p>');
      // The description still has its Kyrgyz text: not marked.
      expect(ky).toContain('Шайлануучу органдар');
      const ru = (await get('/recommendations/SOK-2024-01', 'ru').expect(200)).text;
      expect(ru).toContain(`<h1 class="govuk-heading-l">${ruTitle}</h1>`);
      expect(ru).not.toContain('app-fallback-note');

      const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' });
      const feed = (await get('/recommendations/SOK-2024-01/changes.atom', 'ky').expect(200)).text;
      expect(XMLValidator.validate(feed)).toBe(true);
      const doc = parser.parse(feed) as { feed: { '@xml:lang': string; entry: { '@xml:lang'?: string; title: string }[] } };
      expect(doc.feed['@xml:lang']).toBe('ky');
      expect(doc.feed.entry.length).toBeGreaterThan(0);
      for (const entry of doc.feed.entry) {
        expect(entry['@xml:lang']).toBe('ru');
        expect(entry.title).toContain(ruTitle);
      }
      // Entries about other, translated, recommendations keep the feed's language.
      const all = parser.parse((await get('/changes.atom', 'ky').expect(200)).text) as typeof doc;
      const others = all.feed.entry.filter((e) => !e.title.startsWith('SOK-2024-01') && !e.title.includes('SOK-2024-01 '));
      expect(others.length).toBeGreaterThan(0);
      for (const entry of others) expect(entry['@xml:lang']).toBeUndefined();
    } finally {
      await t.gqlOk(UPDATE, { id: ids.rec1, text: kyTitle });
    }
  });

  it("the organisation page links each indicator within its plan (?plan=), as codes repeat across plans", async () => {
    const { text } = await get(`/organisations/${ids.ministry}`).expect(200);
    const links = [...text.matchAll(/href="(\/indicators\/[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^\/indicators\/WL-\d\?plan=WL-2024-2027$/);
  });

  it('each page answers 304 when unchanged and 200 with the new content after a write', async () => {
    const pages = ['/', '/recommendations', '/recommendations/SOK-2024-02', `/meetings/${ids.meeting}`, '/indicators/WL-2', `/organisations/${ids.ministry}`, '/changes.atom'];
    const etags = new Map<string, string>();
    for (const path of pages) {
      const res = await get(path).expect(200);
      etags.set(path, res.headers.etag);
      await get(path).set('if-none-match', res.headers.etag).expect(304);
    }
    const created = await t.gqlOk(CREATE, { input: { title: 'Publish the scorecard yearly', kind: 'MONITORING', meetingId: ids.meeting, code: 'SOK-2024-04', responsibleOrganizationIds: [ids.ministry] } });
    for (const path of pages) {
      const res = await get(path).set('if-none-match', etags.get(path)!).expect(200);
      expect(res.headers.etag).not.toBe(etags.get(path));
    }
    expect((await get('/recommendations').expect(200)).text).toMatch(/data-total="4"/);
    // The filters' choices are kept per data version: a new barrier is offered after its write.
    await t.gqlOk(`mutation ($m: ID!) { createBarrier(input: { title: "No ramp at the council hall", category: LEGAL, meetingIds: [$m] }) { id } }`, { m: ids.meeting });
    expect((await get('/recommendations').expect(200)).text).toContain('No ramp at the council hall');
    expect(textOf((await get(`/meetings/${ids.meeting}`).expect(200)).text)).toContain('Publish the scorecard yearly');
    expect(created.createRecommendation.code).toBe('SOK-2024-04');
  });

  it('pages through many recommendations with next and first links, keeping the filters', async () => {
    for (let i = 10; i < 35; i++) {
      await t.gqlOk(CREATE, { input: { title: `Extra ${i}`, kind: 'OTHER', meetingId: ids.meeting, code: `X-${i}` } });
    }
    const first = (await get('/recommendations?status=PROPOSED').expect(200)).text;
    expect((first.match(/<tr class="govuk-table__row" data-code=/g) ?? []).length).toBe(20);
    const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first)![1].replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/recommendations\?status=PROPOSED&after=/);
    const second = (await get(next).expect(200)).text;
    const total = Number(/data-total="(\d+)"/.exec(second)![1]);
    expect((second.match(/<tr class="govuk-table__row" data-code=/g) ?? []).length).toBe(total - 20);
    expect(second).toContain('href="/recommendations?status=PROPOSED"');
    expect(second).not.toContain('rel="next"');
  });
  it('/ opens on the latest year with recorded values, says so, and on the current year once it has values', async () => {
    const current = Number(t.app.get(Clock).today().slice(0, 4));
    const [{ year: latest }] = await t.sql<{ year: number }>(`SELECT max(year) AS year FROM indicator_value WHERE year <= ${current}`);
    // The sample's latest values are for 2025, before the current year: the first visit opens there, not on "No data".
    expect(latest).toBeLessThan(current);
    const opened = (await get('/').expect(200)).text;
    expect(opened).toContain(`<option value="${latest}" selected>${latest}</option>`);
    expect(textOf(opened)).toContain(`${current} has no recorded values yet: this page shows ${latest}, the latest year with values.`);
    expect(textOf((await get('/', 'ru').expect(200)).text)).toContain(`За ${current} год значений ещё нет: показан ${latest} год`);
    // Asked for explicitly, the current year is shown without the notice.
    const asked = (await get(`/?year=${current}`).expect(200)).text;
    expect(asked).toContain(`<option value="${current}" selected>${current}</option>`);
    expect(asked).not.toContain('data-notice="year-with-data"');
    // Once the current year has a published (approved) value, the first visit opens on it; a value waiting for review does not count.
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM indicator WHERE code = 'WL-2' LIMIT 1`);
    await recordValue(t, { indicatorId: id, period: String(current), value: 400 }, { approve: false });
    expect((await get('/').expect(200)).text).toContain(`<option value="${latest}" selected>${latest}</option>`);
    await recordValue(t, { indicatorId: id, period: String(current), value: 400 });
    const now = (await get('/').expect(200)).text;
    expect(now).toContain(`<option value="${current}" selected>${current}</option>`);
    expect(now).not.toContain('data-notice="year-with-data"');
  });
});
