import { Role } from '../src/auth/role.enum';
import { MeetingFormat } from '../src/meetings/meeting.enums';
import { MeetingsRepository } from '../src/meetings/meetings.repository';
import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization, recordValue } from './support/factories';
import { expectError } from './support/expect-error';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

const MEETING = `query ($id: ID!) { meeting(id: $id) { version heldOn format sourceUrl titleTranslations { locale text } summaryTranslations { locale text } } }`;
const UPDATE_MEETING = `mutation ($id: ID!, $input: UpdateMeetingInput!, $v: Int) {
  updateMeeting(id: $id, input: $input, expectedVersion: $v) { id version heldOn format titleTranslations { locale text } }
}`;
const UPDATE_BARRIER = `mutation ($id: ID!, $input: UpdateBarrierInput!, $v: Int) {
  updateBarrier(id: $id, input: $input, expectedVersion: $v) { id version category titleTranslations { locale text } meetings { id } }
}`;
const UPDATE_PLAN = `mutation ($id: ID!, $input: UpdateActionPlanInput!, $v: Int) {
  updateActionPlan(id: $id, input: $input, expectedVersion: $v) { id version code startYear endYear approvedBy }
}`;
const UPDATE_INDICATOR = `mutation ($id: ID!, $input: UpdateIndicatorInput!, $v: Int) {
  updateIndicator(id: $id, input: $input, expectedVersion: $v) { id version code unit unitCode baselineValue direction actionPlan { id } }
}`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Texts = { locale: string; text: string }[];
const byLocale = (texts: Texts) => Object.fromEntries(texts.map((t) => [t.locale, t.text]));

describe('editing meetings, barriers, action plans and indicators', () => {
  let t: TestApp;
  const audits = (entityId: string) =>
    t.sql<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
      'SELECT action, before, after FROM audit_entry WHERE entity_id = $1 ORDER BY id',
      [entityId],
    );
  const dataVersion = async () => Number((await t.sql<{ version: string }>('SELECT version FROM data_version'))[0].version);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('the API', () => {
    it('updateMeeting changes only the fields given, merges a text per language, bumps the version and the data version, and audits before and after', async () => {
      const meeting = await createMeeting(t, { title: undefined, titleTranslations: [{ locale: 'EN', text: 'Hearing' }, { locale: 'RU', text: 'Слушание' }] });
      const before = await dataVersion();
      const res = await t.gqlOk(UPDATE_MEETING, {
        id: meeting.id,
        input: { titleTranslations: [{ locale: 'KY', text: 'Угуу' }, { locale: 'RU', text: null }], format: 'WORKSHOP' },
        v: 1,
      });
      expect(res.updateMeeting.version).toBe(2);
      expect(res.updateMeeting.format).toBe('WORKSHOP');
      expect(res.updateMeeting.heldOn).toBe('2024-08-13');
      expect(byLocale(res.updateMeeting.titleTranslations)).toEqual({ KY: 'Угуу', EN: 'Hearing' });
      expect(await dataVersion()).toBeGreaterThan(before);
      const [entry] = (await audits(meeting.id)).filter((a) => a.action === 'meeting.update');
      expect(entry.before).toMatchObject({ version: 1, format: 'ROUNDTABLE', title: { en: 'Hearing', ru: 'Слушание' } });
      expect(entry.after).toMatchObject({ version: 2, format: 'WORKSHOP', title: { ky: 'Угуу', en: 'Hearing' } });
    });

    it('refuses a stale expectedVersion with CONFLICT, an unknown id with NOT_FOUND, and bad input with BAD_USER_INPUT, changing nothing', async () => {
      const meeting = await createMeeting(t);
      await t.gqlOk(UPDATE_MEETING, { id: meeting.id, input: { format: 'HEARING' } });
      const stored = await t.gqlOk(MEETING, { id: meeting.id });
      const auditsBefore = (await audits(meeting.id)).length;

      const stale = expectError(await t.gql(UPDATE_MEETING, { id: meeting.id, input: { format: 'OTHER' }, v: 1 }), 'CONFLICT');
      expect(stale.extensions).toMatchObject({ currentVersion: 2 });
      expectError(await t.gql(UPDATE_MEETING, { id: UNKNOWN_ID, input: { format: 'OTHER' } }), 'NOT_FOUND');
      expectError(await t.gql(UPDATE_MEETING, { id: meeting.id, input: { heldOn: '2024-02-30' } }), 'BAD_USER_INPUT');
      expectError(await t.gql(UPDATE_MEETING, { id: meeting.id, input: { format: null } }), 'BAD_USER_INPUT');
      // The only title's only language removed: a title is required.
      const [only] = (stored.meeting.titleTranslations as Texts);
      expectError(await t.gql(UPDATE_MEETING, { id: meeting.id, input: { titleTranslations: [{ locale: only.locale, text: '  ' }] } }), 'BAD_USER_INPUT', /title/);
      expectError(await t.gql(UPDATE_MEETING, { id: meeting.id, input: { sourceUrl: 'javascript:alert(1)' } }), 'BAD_USER_INPUT');

      expect(await t.gqlOk(MEETING, { id: meeting.id })).toEqual(stored);
      expect(await audits(meeting.id)).toHaveLength(auditsBefore);
    });

    it('checks the version in the UPDATE itself: a write from a version read before someone else\'s changes nothing', async () => {
      const meeting = await createMeeting(t);
      const repository = t.app.get(MeetingsRepository);
      const read = (await repository.findById(meeting.id))!;
      await t.gqlOk(UPDATE_MEETING, { id: meeting.id, input: { format: 'HEARING' } });
      const written = await repository.transaction((tx) => repository.updateIfVersion(tx, read, { format: MeetingFormat.OTHER }));
      expect(written).toBeNull();
      expect(await t.sql('SELECT version, format FROM meeting WHERE id = $1', [meeting.id])).toEqual([{ version: 2, format: 'HEARING' }]);
    });

    it('updateBarrier replaces the meetings where it was raised and keeps them in the audit entry', async () => {
      const [first, second] = [await createMeeting(t), await createMeeting(t)];
      const barrier = await createBarrier(t, { meetingIds: [first.id] });
      const res = await t.gqlOk(UPDATE_BARRIER, { id: barrier.id, input: { category: 'FINANCIAL', meetingIds: [second.id, first.id] }, v: 1 });
      expect(res.updateBarrier).toMatchObject({ version: 2, category: 'FINANCIAL' });
      expect(res.updateBarrier.meetings.map((m: { id: string }) => m.id).sort()).toEqual([first.id, second.id].sort());
      const [entry] = (await audits(barrier.id)).filter((a) => a.action === 'barrier.update');
      expect(entry.before.meetingIds).toEqual([first.id]);
      expect((entry.after.meetingIds as string[]).sort()).toEqual([first.id, second.id].sort());

      expectError(await t.gql(UPDATE_BARRIER, { id: barrier.id, input: { meetingIds: [] } }), 'BAD_USER_INPUT');
      expectError(await t.gql(UPDATE_BARRIER, { id: barrier.id, input: { meetingIds: [UNKNOWN_ID] } }), 'NOT_FOUND', /meetingIds/);
      expectError(await t.gql(UPDATE_BARRIER, { id: barrier.id, input: { category: 'LEGAL' }, v: 1 }), 'CONFLICT');
      const after = await t.sql<{ version: number; category: string }>('SELECT version, category FROM barrier WHERE id = $1', [barrier.id]);
      expect(after).toEqual([{ version: 2, category: 'FINANCIAL' }]);
      expect(await t.sql('SELECT 1 FROM barrier_meeting WHERE barrier_id = $1', [barrier.id])).toHaveLength(2);
    });

    it('updateActionPlan keeps every target and value of its indicators inside its years, and refuses a code another plan has', async () => {
      const plan = await createActionPlan(t, { startYear: 2024, endYear: 2027 });
      await createIndicator(t, { actionPlanId: plan.id, targets: [{ year: 2026, value: 10 }] });
      const res = await t.gqlOk(UPDATE_PLAN, { id: plan.id, input: { startYear: 2025, endYear: 2026, approvedBy: 'Decree No. 1' } });
      expect(res.updateActionPlan).toMatchObject({ version: 2, startYear: 2025, endYear: 2026, approvedBy: 'Decree No. 1' });
      const outside = expectError(await t.gql(UPDATE_PLAN, { id: plan.id, input: { endYear: 2025 } }), 'BAD_USER_INPUT', /endYear/);
      expect(outside.extensions).toMatchObject({ reason: 'yearsInUse' });
      expectError(await t.gql(UPDATE_PLAN, { id: plan.id, input: { startYear: 2027 } }), 'BAD_USER_INPUT', /endYear/);
      const other = await createActionPlan(t);
      expectError(await t.gql(UPDATE_PLAN, { id: plan.id, input: { code: other.code } }), 'CONFLICT', /code/);
      expect(await t.sql('SELECT version, start_year, end_year FROM action_plan WHERE id = $1', [plan.id])).toEqual([{ version: 2, start_year: 2025, end_year: 2026 }]);
    });

    it('updateIndicator edits the baseline, unit and direction, and keeps the code and plan once the indicator has values', async () => {
      const indicator = await createIndicator(t);
      const res = await t.gqlOk(UPDATE_INDICATOR, { id: indicator.id, input: { unit: 'people', baselineValue: 12.5, direction: 'DECREASE', code: 'new-1' }, v: 1 });
      expect(res.updateIndicator).toMatchObject({ version: 2, unit: 'people', unitCode: 'PERSON', baselineValue: 12.5, direction: 'DECREASE', code: 'NEW-1' });

      await recordValue(t, { indicatorId: indicator.id, period: '2025', value: 3 }, { approve: false });
      const recoded = expectError(await t.gql(UPDATE_INDICATOR, { id: indicator.id, input: { code: 'NEW-2' } }), 'BAD_USER_INPUT', /code/);
      expect(recoded.extensions).toMatchObject({ reason: 'hasValues' });
      const plan = await createActionPlan(t);
      expectError(await t.gql(UPDATE_INDICATOR, { id: indicator.id, input: { actionPlanId: plan.id } }), 'BAD_USER_INPUT', /actionPlanId/);
      // The same code and plan again are no change, and allowed.
      const same = await t.gqlOk(UPDATE_INDICATOR, { id: indicator.id, input: { code: 'NEW-1', baselineValue: null }, v: 2 });
      expect(same.updateIndicator).toMatchObject({ version: 3, code: 'NEW-1', baselineValue: null });
      expectError(await t.gql(UPDATE_INDICATOR, { id: indicator.id, input: { responsibleOrganizationId: UNKNOWN_ID } }), 'NOT_FOUND');
      expectError(await t.gql(UPDATE_INDICATOR, { id: UNKNOWN_ID, input: { unit: '%' } }), 'NOT_FOUND');
      expectError(await t.gql(UPDATE_INDICATOR, { id: indicator.id, input: { unit: '%' }, v: 2 }), 'CONFLICT');
    });

    it('lets ADMIN and EDITOR update; MINISTRY (even of the indicator\'s own organisation), ANALYST, VIEWER and anonymous callers are refused', async () => {
      const ministry = await createOrganization(t, { kind: 'MINISTRY' });
      const indicator = await createIndicator(t, { responsibleOrganizationId: ministry.id });
      const token = async (role: string) =>
        (
          await t.gqlOk('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', {
            input: { name: `${role}-${Math.random()}`, role, organizationId: role === 'MINISTRY' ? ministry.id : null },
          })
        ).createApiToken.token as string;
      for (const role of ['MINISTRY', 'ANALYST', 'VIEWER']) {
        const res = await t.gql(UPDATE_INDICATOR, { id: indicator.id, input: { baselineValue: 1 } }, { authorization: bearer(await token(role)) });
        expectError(res, 'FORBIDDEN');
      }
      expectError(await t.gql(UPDATE_INDICATOR, { id: indicator.id, input: { baselineValue: 1 } }, { authorization: '' }), 'UNAUTHENTICATED');
      const editor = await t.gql(UPDATE_INDICATOR, { id: indicator.id, input: { baselineValue: 1 } }, { authorization: bearer(await token('EDITOR')) });
      expect(editor.errors).toBeUndefined();
      expect(editor.data!.updateIndicator.version).toBe(2);
    });
  });

  describe('the staff pages', () => {
    let editor: WebSession;

    beforeAll(async () => {
      const user = await createUser(t, { email: 'editor@example.kg', role: Role.EDITOR, displayName: 'Elmira Editor' });
      editor = new WebSession(t);
      await editor.signIn(user.email, user.password);
    });

    it('shows a meeting prefilled in every language, saves an edit and says so on the list of records', async () => {
      const meeting = await createMeeting(t, {
        title: undefined,
        titleTranslations: [{ locale: 'RU', text: 'Круглый стол' }, { locale: 'KY', text: 'Тегерек стол' }],
        summaryTranslations: [{ locale: 'EN', text: 'A summary' }],
      });
      const list = await editor.get('/work/edit');
      expect(list.status).toBe(200);
      expect(list.text).toContain(`href="/work/meetings/${meeting.id}/edit"`);

      const form = await editor.get(`/work/meetings/${meeting.id}/edit`);
      expect(form.status).toBe(200);
      expect(form.text).toMatch(/name="title-ru"[^>]*value="Круглый стол"/);
      expect(form.text).toMatch(/name="title-ky"[^>]*value="Тегерек стол"/);
      expect(form.text).toContain('A summary');
      expect(form.text).toContain('name="expectedVersion" value="1"');

      const saved = await editor.post(`/work/meetings/${meeting.id}/edit`, {
        expectedVersion: '1',
        'title-ky': 'Тегерек стол',
        'title-ru': 'Круглый стол (изменено)',
        'title-en': 'Roundtable',
        heldOn: '2024-09-01',
        format: 'CONFERENCE',
        'settlement-ky': '',
        'settlement-ru': 'Сокулук',
        'settlement-en': '',
        'region-ky': '',
        'region-ru': '',
        'region-en': '',
        'summary-ky': '',
        'summary-ru': '',
        'summary-en': '',
        sourceUrl: '',
      });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/work/edit?done=meeting');
      const stored = await t.gqlOk(MEETING, { id: meeting.id });
      expect(stored.meeting).toMatchObject({ version: 2, heldOn: '2024-09-01', format: 'CONFERENCE', sourceUrl: null, summaryTranslations: [] });
      expect(byLocale(stored.meeting.titleTranslations)).toEqual({ KY: 'Тегерек стол', RU: 'Круглый стол (изменено)', EN: 'Roundtable' });
      const [entry] = (await audits(meeting.id)).filter((a) => a.action === 'meeting.update');
      expect(entry.after).toMatchObject({ version: 2 });
      expect((await editor.get('/work/edit?done=meeting')).text).toContain('govuk-notification-banner--success');
    });

    it('shows bad input at its controls with an error summary and saves nothing', async () => {
      const plan = await createActionPlan(t);
      expect((await editor.get(`/work/plans/${plan.id}/edit`)).status).toBe(200);
      const page = await editor.post(`/work/plans/${plan.id}/edit`, {
        expectedVersion: '1',
        code: plan.code,
        'title-ky': '',
        'title-ru': '',
        'title-en': '',
        approvedBy: '',
        approvedOn: 'yesterday',
        startYear: '2024',
        endYear: '2027',
      });
      expect(page.status).toBe(400);
      expect(page.text).toContain('govuk-error-summary');
      expect(page.text).toMatch(/href="#approvedOn"/);
      expect(page.text).toMatch(/href="#title-(en|ru|ky)"/);
      // The draft is shown again as typed.
      expect(page.text).toMatch(/name="approvedOn"[^>]*value="yesterday"/);
      expect(await t.sql('SELECT version, title FROM action_plan WHERE id = $1', [plan.id])).toEqual([{ version: 1, title: { en: plan.title } }]);
    });

    it('shows a domain rule at its control: an indicator with values keeps its code', async () => {
      const indicator = await createIndicator(t);
      await recordValue(t, { indicatorId: indicator.id, period: '2025', value: 3 }, { approve: false });
      const form = await editor.get(`/work/indicators/${indicator.id}/edit`);
      expect(form.text).toContain(`value="${indicator.code}"`);
      const values = fieldsOf(form.text);
      const page = await editor.post(`/work/indicators/${indicator.id}/edit`, { ...values, code: 'OTHER-1' });
      expect(page.status).toBe(400);
      expect(page.text).toContain('href="#code"');
      expect(page.text).toContain('The indicator has values');
      expect(await t.sql('SELECT code, version FROM indicator WHERE id = $1', [indicator.id])).toEqual([{ code: indicator.code, version: 1 }]);
      // The staff indicator page links to the form.
      expect((await editor.get(`/work/indicators/${indicator.id}`)).text).toContain(`href="/work/indicators/${indicator.id}/edit"`);
    });

    it('a save after someone else\'s keeps the draft, says so, and a second save replaces it knowingly', async () => {
      const barrier = await createBarrier(t);
      const form = await editor.get(`/work/barriers/${barrier.id}/edit`);
      const values = fieldsOf(form.text);
      expect(values.expectedVersion).toBe('1');
      await t.gqlOk(UPDATE_BARRIER, { id: barrier.id, input: { category: 'SOCIAL_SUPPORT' } });

      const stale = await editor.post(`/work/barriers/${barrier.id}/edit`, { ...values, 'title-en': 'My better title' });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('href="#edit-conflict"');
      expect(stale.text).toContain('Someone else saved this record');
      expect(stale.text).toMatch(/name="title-en"[^>]*value="My better title"/);
      expect(stale.text).toContain('name="expectedVersion" value="2"');
      expect(await t.sql('SELECT version, category FROM barrier WHERE id = $1', [barrier.id])).toEqual([{ version: 2, category: 'SOCIAL_SUPPORT' }]);

      const again = await editor.post(`/work/barriers/${barrier.id}/edit`, fieldsOf(stale.text));
      expect(again.status).toBe(303);
      expect(await t.sql('SELECT version, title FROM barrier WHERE id = $1', [barrier.id])).toEqual([{ version: 3, title: { en: 'My better title' } }]);
    });

    it('offers a barrier\'s own meetings even when they are older than the meetings listed, so a save keeps them', async () => {
      const old = await createMeeting(t, { heldOn: '1999-01-01' });
      const barrier = await createBarrier(t, { meetingIds: [old.id] });
      // More newer meetings than the form lists (100): the old one is offered because the barrier was raised there.
      await t.sql(`INSERT INTO meeting (title, held_on, format) SELECT jsonb_build_object('en', 'Meeting ' || n), date '2030-01-01' + n, 'OTHER' FROM generate_series(1, 101) n`);
      const form = await editor.get(`/work/barriers/${barrier.id}/edit`);
      expect(form.text).toMatch(new RegExp(`value="${old.id}"[^>]*checked`));
      expect((await editor.post(`/work/barriers/${barrier.id}/edit`, fieldsOf(form.text))).status).toBe(303);
      expect(await t.sql('SELECT meeting_id FROM barrier_meeting WHERE barrier_id = $1', [barrier.id])).toEqual([{ meeting_id: old.id }]);
    });

    it('links the staff recommendation page to the edit forms of its meeting and barriers', async () => {
      const meeting = await createMeeting(t);
      const barrier = await createBarrier(t, { meetingIds: [meeting.id] });
      const created = await t.gqlOk(
        'mutation ($m: ID!, $b: [ID!]) { createRecommendation(input: { title: "R", kind: QUOTA, meetingId: $m, barrierIds: $b }) { id } }',
        { m: meeting.id, b: [barrier.id] },
      );
      const page = await editor.get(`/work/recommendations/${created.createRecommendation.id}`);
      expect(page.text).toContain(`href="/work/meetings/${meeting.id}/edit"`);
      expect(page.text).toContain(`href="/work/barriers/${barrier.id}/edit"`);
    });

    it('requires the CSRF token and an unknown record is not found', async () => {
      const meeting = await createMeeting(t);
      const page = await editor.get(`/work/meetings/${meeting.id}/edit`);
      const refused = await editor.post(`/work/meetings/${meeting.id}/edit`, { ...fieldsOf(page.text), format: 'OTHER', _csrf: '' });
      expect(refused.status).toBe(403);
      expect(await t.sql('SELECT version, format FROM meeting WHERE id = $1', [meeting.id])).toEqual([{ version: 1, format: 'ROUNDTABLE' }]);
      expect((await editor.get(`/work/meetings/${UNKNOWN_ID}/edit`)).status).toBe(404);
      expect((await editor.get('/work/plans/not-a-uuid/edit')).status).toBe(404);
    });

    it('is for editors: a VIEWER and a MINISTRY officer are refused the forms and the list', async () => {
      const indicator = await createIndicator(t);
      for (const role of [Role.VIEWER, Role.MINISTRY]) {
        const organizationId = role === Role.MINISTRY ? (await createOrganization(t, { kind: 'MINISTRY' })).id : null;
        const user = await createUser(t, { email: `${role.toLowerCase()}-edit@example.kg`, role, organizationId });
        const web = new WebSession(t);
        await web.signIn(user.email, user.password);
        expect((await web.get(`/work/indicators/${indicator.id}/edit`)).status).toBe(403);
        expect((await web.get('/work/edit')).status).toBe(403);
        const post = await web.post(`/work/indicators/${indicator.id}/edit`, { unit: 'people' });
        expect(post.status).toBe(403);
      }
      expect(await t.sql('SELECT unit, version FROM indicator WHERE id = $1', [indicator.id])).toEqual([{ unit: '%', version: 1 }]);
    });
  });
});

/** The values a page's form would post as shown (text inputs, checked radios and checkboxes, selected options, textareas). */
function fieldsOf(html: string): Record<string, string | string[]> {
  const form = html.slice(html.indexOf('<form method="post" action="/work/'));
  const values: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = values[name];
    if (existing === undefined) values[name] = value;
    else values[name] = [existing, value].flat();
  };
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (!name || name === '_csrf') continue;
    const value = decode(/value="([^"]*)"/.exec(input)?.[1] ?? '');
    if (/type="(radio|checkbox)"/.test(input) && !/\schecked/.test(input)) continue;
    add(name, value);
  }
  for (const [, name, body] of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(name, decode(body));
  for (const [, name, options] of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    add(name, decode(/<option[^>]*value="([^"]*)"[^>]*\sselected/.exec(options)?.[1] ?? ''));
  }
  return values;
}
