import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FirstRunAdminUser } from '../src/accounts/first-run-admin-user';
import { Role } from '../src/auth/role.enum';
import { ALLOWED_TRANSITIONS } from '../src/recommendations/recommendation-lifecycle';
import { createIndicator, createMeeting, createOrganization } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createUser, PASSWORD, WebSession } from './support/web-session';

const TRANSITION_VIEW = `query ($id: ID!) { recommendation(id: $id) { status version statusHistory { to changedBy note evidenceUrl } } }`;

/** The staff pages end to end: invitation to recorded value and moved recommendation, under the person's name. */
describe('staff pages', () => {
  let t: TestApp;
  let orgA: string;
  let indicatorId: string;
  let recommendationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    orgA = (await createOrganization(t, { name: 'Ministry of Labour' })).id;
    const indicator = await createIndicator(t, { responsibleOrganizationId: orgA, baselineYear: 2023, baselineValue: 10, targets: [{ year: 2025, value: 20 }] });
    indicatorId = indicator.id;
    const meeting = await createMeeting(t);
    const created = await t.gqlOk<{ createRecommendation: { id: string } }>(
      `mutation ($m: ID!, $o: [ID!], $i: [ID!]) { createRecommendation(input: { title: "Quota for women", kind: QUOTA, meetingId: $m,
        responsibleOrganizationIds: $o, indicatorIds: $i, dueDate: "2025-01-31" }) { id } }`,
      { m: meeting.id, o: [orgA], i: [indicatorId] },
    );
    recommendationId = created.createRecommendation.id;
  });

  afterAll(() => t.close());

  it('first run: creates the first ADMIN with a one-time set-password link in DATA_DIR, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-first-admin-'));
    try {
      // This test database has users of other tests only if they ran first: use a fresh app.
      const fresh = await createTestApp();
      try {
        const file = await fresh.app.get(FirstRunAdminUser).createIfNone(dir);
        expect(file).toBe(join(dir, 'first-admin-link.txt'));
        const url = readFileSync(file!, 'utf8').split('\n')[0];
        const page = await new WebSession(fresh).get(new URL(url).pathname);
        expect(page.status).toBe(200);
        expect(page.text).toContain('admin@localhost');
        expect(await fresh.app.get(FirstRunAdminUser).createIfNone(dir)).toBeNull();
      } finally {
        await fresh.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an invited ministry officer sets a password, records a quarterly value and moves a recommendation, all under her name', async () => {
    const admin = await createUser(t, { email: 'admin@example.kg', role: Role.ADMIN, displayName: 'Admin' });
    const adminWeb = new WebSession(t);
    await adminWeb.signIn(admin.email, admin.password);
    await adminWeb.get('/admin/users/new');
    const invited = await adminWeb.post('/admin/users', {
      email: 'Aida.Bekova@mlsp.gov.kg',
      displayName: 'Aida Bekova',
      role: 'MINISTRY',
      organizationId: orgA,
      preferredLanguage: 'ru',
    });
    expect(invited.status).toBe(200);
    const link = /(http:\/\/[^<\s]+\/account\/set-password\/[A-Za-z0-9_%-]+)/.exec(invited.text)?.[1];
    expect(link).toBeDefined();

    const officer = new WebSession(t);
    const setPage = await officer.get(`${new URL(link!).pathname}?lang=ru`);
    expect(setPage.text).toContain('<html lang="ru"');
    expect((await officer.post(new URL(link!).pathname, { password: PASSWORD, confirm: PASSWORD })).status).toBe(303);
    const signedIn = await officer.signIn('aida.bekova@mlsp.gov.kg', PASSWORD);
    expect(signedIn.headers.location).toBe('/work');
    // The browser had chosen Russian already (?lang=ru), so her preference does not override it.
    expect(WebSession.cookie(signedIn, 'lang')).toBeUndefined();

    const work = await officer.get('/work');
    expect(work.text).toContain('Quota for women');
    expect(work.text).toContain('Мои задачи');

    await officer.get(`/work/indicators/${indicatorId}`);
    const recorded = await officer.post(`/work/indicators/${indicatorId}/values`, { year: '2025', quarter: '3', value: '12,5', 'source-en': 'Quarterly report', 'source-ru': 'Квартальный отчёт', 'note-en': '' });
    expect(recorded.status).toBe(303);
    expect(recorded.headers.location).toBe(`/work/indicators/${indicatorId}?done=2025-Q3`);
    const shown = await officer.get(recorded.headers.location);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Aida Bekova');
    // The source in both languages given; no note (blank is not a translation).
    const [stored] = await t.sql<{ source: unknown; note: unknown }>(
      `SELECT w.source, w.note FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id WHERE v.indicator_id = $1 AND v.period = '2025-Q3'`,
      [indicatorId],
    );
    expect(stored).toEqual({ source: { ru: 'Квартальный отчёт', en: 'Quarterly report' }, note: null });
    // A period outside the plan: the service's reason code picks the message, shown at the year with the values kept.
    const outside = await officer.post(`/work/indicators/${indicatorId}/values`, { year: '1999', quarter: '', value: '7,25', 'source-en': 'Old report' });
    expect(outside.status).toBe(400);
    expect(outside.text).toContain('href="#year"');
    expect(outside.text).toMatch(/id="year-error"[^]*\d{4}[^]*\d{4}/);
    expect(outside.text).toContain('value="7,25"');
    expect(outside.text).toContain('Old report');
    const typo = await officer.post(`/work/indicators/${indicatorId}/values`, { year: '25', quarter: '5', value: '1.2.3' });
    expect(typo.status).toBe(400);
    for (const control of ['year', 'quarter', 'value']) expect(typo.text).toContain(`href="#${control}"`);

    await officer.get(`/work/recommendations/${recommendationId}`);
    const moved = await officer.post(`/work/recommendations/${recommendationId}/transition`, {
      to: 'UNDER_REVIEW',
      expectedVersion: '1',
      'note-en': 'Taken up by the working group',
      evidenceUrl: 'https://example.org/minutes',
    });
    expect(moved.status).toBe(303);

    const api = await t.gqlOk<{ recommendation: { status: string; statusHistory: { to: string; changedBy: string; evidenceUrl: string | null }[] } }>(TRANSITION_VIEW, {
      id: recommendationId,
    });
    expect(api.recommendation.status).toBe('UNDER_REVIEW');
    expect(api.recommendation.statusHistory.at(-1)).toMatchObject({ to: 'UNDER_REVIEW', changedBy: 'Aida Bekova', evidenceUrl: 'https://example.org/minutes' });
    // Submitted under the person's name, waiting for review.
    const values = await t.sql<{ value: number; recorded_by: string; submitted_by: string; review_status: string }>(
      `SELECT w.value, v.recorded_by, w.submitted_by, w.review_status FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id
        WHERE v.indicator_id = $1 AND v.period = '2025-Q3'`,
      [indicatorId],
    );
    expect(values).toEqual([{ value: 12.5, recorded_by: 'Aida Bekova', submitted_by: 'Aida Bekova', review_status: 'SUBMITTED' }]);
    const [user] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = 'aida.bekova@mlsp.gov.kg'`);
    const audit = await t.sql<{ action: string; actor_name: string; actor_user_id: string }>(
      `SELECT action, actor_name, actor_user_id FROM audit_entry WHERE actor_user_id = $1 ORDER BY at`,
      [user.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['user.setPassword', 'indicatorValue.record', 'recommendation.transition']);
    expect(new Set(audit.map((a) => a.actor_name))).toEqual(new Set(['Aida Bekova']));
  });

  it('offers only the transitions the lifecycle allows, and refuses a bad evidence link inline', async () => {
    const editor = await createUser(t, { email: 'editor-form@example.kg', role: Role.EDITOR });
    const web = new WebSession(t);
    await web.signIn(editor.email, editor.password);
    const page = await web.get(`/work/recommendations/${recommendationId}`);
    const offered = [...page.text.matchAll(/name="to" type="radio" value="([A-Z_]+)"/g)].map((m) => m[1]);
    const [{ status }] = await t.sql<{ status: string }>('SELECT status FROM recommendation WHERE id = $1', [recommendationId]);
    expect(offered).toEqual(ALLOWED_TRANSITIONS[status as keyof typeof ALLOWED_TRANSITIONS]);
    const version = /name="expectedVersion" value="(\d+)"/.exec(page.text)![1];
    const bad = await web.post(`/work/recommendations/${recommendationId}/transition`, { to: offered[0], expectedVersion: version, 'note-en': '', evidenceUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#evidenceUrl"');
    expect(bad.text).toContain('id="evidenceUrl-error"');
  });

  it('refuses a move the lifecycle does not allow at the status control, keeps the note typed, and changes nothing', async () => {
    const editor = await createUser(t, { email: 'editor-lifecycle@example.kg', role: Role.EDITOR });
    const web = new WebSession(t);
    await web.signIn(editor.email, editor.password);
    const page = await web.get(`/work/recommendations/${recommendationId}`);
    const version = /name="expectedVersion" value="(\d+)"/.exec(page.text)![1];
    const [before] = await t.sql<{ status: keyof typeof ALLOWED_TRANSITIONS; version: number }>('SELECT status, version FROM recommendation WHERE id = $1', [recommendationId]);
    const refusedMove = (Object.keys(ALLOWED_TRANSITIONS) as (keyof typeof ALLOWED_TRANSITIONS)[]).find((s) => s !== before.status && !ALLOWED_TRANSITIONS[before.status].includes(s))!;
    const refused = await web.post(`/work/recommendations/${recommendationId}/transition`, { to: refusedMove, expectedVersion: version, 'note-en': 'Typed note', evidenceUrl: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#to"');
    expect(refused.text).toContain('id="to-error"');
    expect(refused.text).toContain('Typed note');
    const [after] = await t.sql('SELECT status, version FROM recommendation WHERE id = $1', [recommendationId]);
    expect(after).toEqual(before);
  });

  it('after a conflicting change by another session, says who changed what and retries on the fresh version', async () => {
    const first = await createUser(t, { email: 'first-editor@example.kg', role: Role.EDITOR, displayName: 'Bakyt First' });
    const second = await createUser(t, { email: 'second-editor@example.kg', role: Role.EDITOR, displayName: 'Cholpon Second' });
    const a = new WebSession(t);
    const b = new WebSession(t);
    await a.signIn(first.email, first.password);
    await b.signIn(second.email, second.password);
    const pageA = await a.get(`/work/recommendations/${recommendationId}`);
    await b.get(`/work/recommendations/${recommendationId}`);
    const version = /name="expectedVersion" value="(\d+)"/.exec(pageA.text)![1];
    expect((await a.post(`/work/recommendations/${recommendationId}/transition`, { to: 'ACCEPTED', expectedVersion: version, 'note-en': 'Accepted', evidenceUrl: '' })).status).toBe(303);
    const conflict = await b.post(`/work/recommendations/${recommendationId}/transition`, { to: 'REJECTED', expectedVersion: version, 'note-en': 'Out of scope', evidenceUrl: '' });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('data-conflict="true"');
    expect(conflict.text).toContain('Bakyt First');
    expect(conflict.text).toContain('Out of scope'); // the note is kept for the retry
    const fresh = /name="expectedVersion" value="(\d+)"/.exec(conflict.text)![1];
    expect(Number(fresh)).toBe(Number(version) + 1);
    const retry = await b.post(`/work/recommendations/${recommendationId}/transition`, { to: 'IN_PROGRESS', expectedVersion: fresh, 'note-en': 'Started', evidenceUrl: '' });
    expect(retry.status).toBe(303);
    const api = await t.gqlOk<{ recommendation: { status: string; statusHistory: { changedBy: string }[] } }>(TRANSITION_VIEW, { id: recommendationId });
    expect(api.recommendation.status).toBe('IN_PROGRESS');
    expect(api.recommendation.statusHistory.slice(-2).map((h) => h.changedBy)).toEqual(['Bakyt First', 'Cholpon Second']);
  });

  it('a personal token acts as its owner, shown once; revoked or deactivated, it stops', async () => {
    const owner = await createUser(t, { email: 'scripter@example.kg', role: Role.MINISTRY, organizationId: orgA, displayName: 'Scripting Officer' });
    const web = new WebSession(t);
    await web.signIn(owner.email, owner.password);
    await web.get('/account');
    const created = await web.post('/account/tokens', { name: 'quarterly upload' });
    const token = /(rtt_[A-Za-z0-9_-]+)/.exec(created.text)![1];
    const recorded = await t.gql(
      'mutation ($i: ID!) { recordIndicatorValue(input: { indicatorId: $i, period: "2025-Q2", value: 11 }) { id } }',
      { i: indicatorId },
      { authorization: bearer(token) },
    );
    expect(recorded.errors).toBeUndefined();
    const [entry] = await t.sql<{ actor_name: string; actor_user_id: string }>(
      `SELECT actor_name, actor_user_id FROM audit_entry WHERE action = 'indicatorValue.record' ORDER BY at DESC LIMIT 1`,
    );
    expect(entry).toEqual({ actor_name: 'Scripting Officer', actor_user_id: owner.id });
    // The account page lists it without the secret.
    const account = await web.get('/account');
    expect(account.text).toContain('quarterly upload');
    expect(account.text).not.toContain(token);
    const [row] = await t.sql<{ id: string }>('SELECT id FROM api_token WHERE user_id = $1', [owner.id]);
    expect((await web.post(`/account/tokens/${row.id}/revoke`)).status).toBe(303);
    const revoked = await t.gql('{ organizations { id } }', {}, { authorization: bearer(token) });
    expect(revoked.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    await web.get('/account');
    const second = /(rtt_[A-Za-z0-9_-]+)/.exec((await web.post('/account/tokens', { name: 'second' })).text)![1];
    await t.sql(`UPDATE app_user SET deactivated_at = now() WHERE id = $1`, [owner.id]);
    const deactivated = await t.gql('{ organizations { id } }', {}, { authorization: bearer(second) });
    expect(deactivated.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('imports a file: a dry run table with the problems in Russian, then a good file confirmed', async () => {
    const [{ code: planCode }] = await t.sql<{ code: string }>('SELECT p.code FROM action_plan p JOIN indicator i ON i.action_plan_id = p.id WHERE i.id = $1', [indicatorId]);
    const [{ code: indicatorCode }] = await t.sql<{ code: string }>('SELECT code FROM indicator WHERE id = $1', [indicatorId]);
    const editor = await createUser(t, { email: 'importer@example.kg', role: Role.EDITOR, displayName: 'Importer' });
    const web = new WebSession(t);
    await web.signIn(editor.email, editor.password);
    await web.get('/work/import?lang=ru');
    const header = 'action_plan,indicator_code,period,value,source,note\n';
    const bad = await web.agent
      .post(`/work/import?_csrf=${encodeURIComponent(web.csrf!)}`)
      .attach('file', Buffer.from(`${header}${planCode},${indicatorCode},2025-Q1,abc,,\n`), 'values.csv');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('«abc» — не число');
    expect(await t.sql(`SELECT 1 FROM indicator_value WHERE indicator_id = $1 AND period = '2025-Q1'`, [indicatorId])).toHaveLength(0);
    const good = await web.agent
      .post(`/work/import?_csrf=${encodeURIComponent(web.csrf!)}`)
      .attach('file', Buffer.from(`${header}${planCode},${indicatorCode},2025-Q1,14,Report,\n`), 'values.csv');
    expect(good.status).toBe(200);
    const confirmPath = /action="(\/work\/import\/[0-9a-f-]+\/confirm)"/.exec(good.text)![1];
    // Nothing recorded by the dry run.
    expect(await t.sql(`SELECT 1 FROM indicator_value WHERE indicator_id = $1 AND period = '2025-Q1'`, [indicatorId])).toHaveLength(0);
    const confirmed = await web.post(confirmPath);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe('/work/import?done=1');
    expect(await t.sql(`SELECT recorded_by FROM indicator_value WHERE indicator_id = $1 AND period = '2025-Q1'`, [indicatorId])).toEqual([{ recorded_by: 'Importer' }]);
    // A multipart POST without the token is refused like any other form.
    const noToken = await web.agent.post('/work/import').attach('file', Buffer.from(header), 'values.csv');
    expect(noToken.status).toBe(403);
  });

  it('EDITOR creates a meeting, a barrier, a plan, an indicator and a recommendation through forms; MINISTRY may not', async () => {
    const editor = await createUser(t, { email: 'creator@example.kg', role: Role.EDITOR, displayName: 'Creator' });
    const web = new WebSession(t);
    await web.signIn(editor.email, editor.password);
    await web.get('/work/new/meeting');
    const invalid = await web.post('/work/new/meeting', { 'title-en': '', heldOn: '14.03.2025', format: 'ROUNDTABLE' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('href="#title-en"');
    expect(invalid.text).toContain('href="#heldOn"');
    expect((await web.post('/work/new/meeting', { 'title-en': 'Follow-up roundtable', heldOn: '2025-03-14', format: 'ROUNDTABLE', 'settlement-en': 'Sokuluk', 'settlement-ky': 'Сокулук' })).headers.location).toBe('/work/new?done=meeting');
    const [meeting] = await t.sql<{ id: string }>(`SELECT id FROM meeting WHERE title->>'en' = 'Follow-up roundtable'`);
    expect((await web.post('/work/new/barrier', { 'title-en': 'No childcare', category: 'SOCIAL_SUPPORT', meetingIds: meeting.id })).status).toBe(303);
    const [barrier] = await t.sql<{ id: string }>(`SELECT id FROM barrier WHERE title->>'en' = 'No childcare'`);
    expect((await web.post('/work/new/plan', { code: 'WL-FORM', 'title-en': 'Plan from a form', startYear: '2025', endYear: '2027' })).status).toBe(303);
    const taken = await web.post('/work/new/plan', { code: 'wl-form', 'title-en': 'Again', startYear: '2025', endYear: '2027' });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('href="#code"');
    const [plan] = await t.sql<{ id: string }>(`SELECT id FROM action_plan WHERE code = 'WL-FORM'`);
    const indicator = await web.post('/work/new/indicator', {
      actionPlanId: plan.id, code: 'F-1', 'name-en': 'From a form', unit: '%', direction: 'INCREASE', baselineYear: '2024', baselineValue: '3,5', responsibleOrganizationId: orgA,
    });
    expect(indicator.headers.location).toMatch(/^\/work\/indicators\/[0-9a-f-]{36}$/);
    const created = await web.post('/work/new/recommendation', {
      meetingId: meeting.id, 'title-en': 'Childcare at the district', 'title-ru': 'Детские сады в районе', 'title-ky': '', kind: 'INSTITUTIONAL', priority: 'HIGH', dueDate: '2026-06-30',
      barrierIds: barrier.id, responsibleOrganizationIds: [orgA], indicatorIds: [],
    });
    expect(created.headers.location).toMatch(/^\/work\/recommendations\/[0-9a-f-]{36}\?done=created$/);
    const [rec] = await t.sql<{ id: string; title: Record<string, string> }>(`SELECT id, title FROM recommendation WHERE title->>'en' = 'Childcare at the district'`);
    // Every language the form was given, a blank one left out.
    expect(rec.title).toEqual({ ru: 'Детские сады в районе', en: 'Childcare at the district' });
    expect((await t.sql<{ settlement: unknown }>('SELECT settlement FROM meeting WHERE id = $1', [meeting.id]))[0].settlement).toEqual({ ky: 'Сокулук', en: 'Sokuluk' });
    expect(await t.sql('SELECT organization_id FROM recommendation_organization WHERE recommendation_id = $1', [rec.id])).toEqual([{ organization_id: orgA }]);
    const [audit] = await t.sql<{ actor_name: string }>(`SELECT actor_name FROM audit_entry WHERE entity_id = $1`, [rec.id]);
    expect(audit.actor_name).toBe('Creator');

    const officer = await createUser(t, { email: 'not-an-editor@example.kg', role: Role.MINISTRY, organizationId: orgA });
    const ministry = new WebSession(t);
    await ministry.signIn(officer.email, officer.password);
    expect((await ministry.get('/work/new/meeting')).status).toBe(403);
    await ministry.get('/work');
    expect((await ministry.post('/work/new/meeting', { 'title-en': 'Sneaky', heldOn: '2025-03-14', format: 'ROUNDTABLE' })).status).toBe(403);
    expect(await t.sql(`SELECT 1 FROM meeting WHERE title->>'en' = 'Sneaky'`)).toHaveLength(0);
  });

  it('sends a signed-out visitor to the sign-in page and back after signing in', async () => {
    const user = await createUser(t, { email: 'returning@example.kg', role: Role.VIEWER });
    const web = new WebSession(t);
    const page = await web.agent.get(`/work/indicators/${indicatorId}`);
    // createUser's people prefer English: a browser with no language chosen gets it at sign-in (below).
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/work/indicators/${indicatorId}`)}`);
    await web.get(page.headers.location);
    const res = await web.post('/sign-in', { email: user.email, password: user.password, next: `/work/indicators/${indicatorId}` });
    expect(res.headers.location).toBe(`/work/indicators/${indicatorId}`);
    expect(WebSession.cookie(res, 'lang')).toMatch(/^lang=en;/);
    expect((await web.get(res.headers.location)).text).toContain('<html lang="en"');
    // Never to another site.
    await web.get('/sign-in');
    const evil = await web.post('/sign-in', { email: user.email, password: user.password, next: '//evil.example/' });
    expect(evil.headers.location).toBe('/work');
  });
});
