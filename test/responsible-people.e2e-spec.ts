import { UsersService } from '../src/accounts/users.service';
import { Role } from '../src/auth/role.enum';
import { Clock } from '../src/common/clock';
import { AppConfig } from '../src/config/app-config.service';
import { RemindersService } from '../src/reminders/reminders.service';
import { expectError } from './support/expect-error';
import { createActionPlan, createIndicator, createOrganization, createRecommendation } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createUser, PASSWORD, WebSession } from './support/web-session';

const ADMIN = { tokenId: null, name: 'test', role: Role.ADMIN, organizationId: null, requestId: null };

const SET_FOCAL = `mutation ($o: ID!, $u: [ID!]!) { setFocalPoints(input: { organizationId: $o, userIds: $u }) { id focalPoints { id displayName } } }`;
const UPDATE_REC = `mutation ($id: ID!, $input: UpdateRecommendationInput!) { updateRecommendation(id: $id, input: $input) { id version responsibleOfficer { id displayName } } }`;
const UPDATE_IND = `mutation ($id: ID!, $input: UpdateIndicatorInput!) { updateIndicator(id: $id, input: $input) { id version responsibleOfficer { id displayName } } }`;

/** Issue 25: focal points, responsible officers, and who reminders and escalations reach. */
describe('people responsible', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let planId: string;
  const u = {} as Record<'aliya' | 'bakyt' | 'focalA' | 'otherB' | 'focalB' | 'c1' | 'c2' | 'editor' | 'ngo' | 'goneA', { id: string; email: string }>;
  const tokens = {} as Record<'VIEWER' | 'NGO' | 'MINISTRY_A' | 'MINISTRY_B', string>;

  const setToday = (day: string) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${day}T06:00:00Z`));
  const toldOf = async (subjectId: string, kind: string) =>
    (
      await t.sql<{ email: string }>(
        `SELECT u.email FROM notification n JOIN app_user u ON u.id = n.recipient_id WHERE n.subject_id = $1 AND n.kind = $2 ORDER BY u.email`,
        [subjectId, kind],
      )
    ).map((r) => r.email);
  const focalOf = async (organizationId: string) =>
    (await t.sql<{ user_id: string }>('SELECT user_id FROM organization_focal_point WHERE organization_id = $1 ORDER BY user_id', [organizationId])).map((r) => r.user_id);
  const auditCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry'))[0].n;
  const token = async (role: string, organizationId: string | null) =>
    (await t.gqlOk<{ createApiToken: { token: string } }>('mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
      i: { name: `${role}-${Math.random()}`, role, organizationId },
    })).createApiToken.token;

  beforeAll(async () => {
    t = await createTestApp();
    orgA = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry A' })).id;
    orgB = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry B' })).id;
    orgC = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry C' })).id;
    const ngoOrg = (await createOrganization(t, { kind: 'NGO', name: 'Women NGO' })).id;
    planId = (await createActionPlan(t, { startYear: 2024, endYear: 2027 })).id;
    u.aliya = await createUser(t, { email: 'aliya@a.kg', displayName: 'Aliya', role: Role.MINISTRY, organizationId: orgA });
    u.bakyt = await createUser(t, { email: 'bakyt@a.kg', displayName: 'Bakyt', role: Role.MINISTRY, organizationId: orgA });
    u.focalA = await createUser(t, { email: 'focal@a.kg', displayName: 'Focal A', role: Role.MINISTRY, organizationId: orgA });
    u.goneA = await createUser(t, { email: 'gone@a.kg', displayName: 'Gone', role: Role.MINISTRY, organizationId: orgA });
    u.otherB = await createUser(t, { email: 'officer@b.kg', displayName: 'Officer B', role: Role.MINISTRY, organizationId: orgB });
    u.focalB = await createUser(t, { email: 'focal@b.kg', displayName: 'Focal B', role: Role.MINISTRY, organizationId: orgB });
    u.c1 = await createUser(t, { email: 'one@c.kg', role: Role.MINISTRY, organizationId: orgC });
    u.c2 = await createUser(t, { email: 'two@c.kg', role: Role.MINISTRY, organizationId: orgC });
    u.editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR });
    u.ngo = await createUser(t, { email: 'ngo@ngo.kg', role: Role.NGO, organizationId: ngoOrg });
    await t.app.get(UsersService).deactivate(u.goneA.id, ADMIN);
    tokens.VIEWER = await token('VIEWER', null);
    tokens.NGO = await token('NGO', ngoOrg);
    tokens.MINISTRY_A = await token('MINISTRY', orgA);
    tokens.MINISTRY_B = await token('MINISTRY', orgB);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  describe('focal points', () => {
    it('ADMIN sets them (audited) and replaces them; they are shown by name', async () => {
      const before = await auditCount();
      const res = await t.gqlOk(SET_FOCAL, { o: orgA, u: [u.focalA.id, u.bakyt.id] });
      expect(res.setFocalPoints.focalPoints.map((m: { displayName: string }) => m.displayName)).toEqual(['Bakyt', 'Focal A']);
      expect(await auditCount()).toBe(before + 1);
      const [entry] = await t.sql<{ action: string; after: { focalPointUserIds: string[] } }>(
        `SELECT action, after FROM audit_entry WHERE entity_id = $1 ORDER BY at DESC LIMIT 1`,
        [orgA],
      );
      expect(entry.action).toBe('organization.setFocalPoints');
      expect(entry.after.focalPointUserIds).toEqual([u.focalA.id, u.bakyt.id].sort());
      await t.gqlOk(SET_FOCAL, { o: orgA, u: [u.focalA.id] });
      expect(await focalOf(orgA)).toEqual([u.focalA.id]);
      await t.gqlOk(SET_FOCAL, { o: orgB, u: [u.focalB.id] });
    });

    it.each([
      ['a user of another organisation', () => [u.focalA.id, u.otherB.id], 'notOfOrganization'],
      ['an EDITOR', () => [u.editor.id], 'notOfOrganization'],
      ['a deactivated user', () => [u.goneA.id], 'deactivated'],
      ['an unknown user', () => ['7d1b1c9e-0000-4000-8000-000000000000'], 'unknownUser'],
    ])('refuses %s with a coded error and changes nothing', async (_what, ids, reason) => {
      const before = await auditCount();
      const err = expectError(await t.gql(SET_FOCAL, { o: orgA, u: ids() }), 'BAD_USER_INPUT');
      expect(err.extensions).toMatchObject({ field: 'userIds', reason });
      expect(await focalOf(orgA)).toEqual([u.focalA.id]);
      expect(await auditCount()).toBe(before);
    });

    it('refuses an unknown organisation, and anyone but ADMIN', async () => {
      expectError(await t.gql(SET_FOCAL, { o: '7d1b1c9e-0000-4000-8000-000000000000', u: [] }), 'NOT_FOUND');
      expectError(await t.gql(SET_FOCAL, { o: orgA, u: [] }, { authorization: bearer(tokens.MINISTRY_A) }), 'FORBIDDEN');
      expect(await focalOf(orgA)).toEqual([u.focalA.id]);
    });

    it('shows them to the secretariat and the organisation itself, not to other readers', async () => {
      const q = `query { organizations { id focalPoints { displayName } } }`;
      const seen = async (authorization?: string) => {
        const res = await t.gql(q, {}, authorization ? { authorization } : {});
        expect(res.errors).toBeUndefined();
        return (res.data!.organizations as { id: string; focalPoints: { displayName: string }[] | null }[]).find((o) => o.id === orgA)!.focalPoints;
      };
      expect(await seen()).toEqual([{ displayName: 'Focal A' }]);
      expect(await seen(bearer(tokens.MINISTRY_A))).toEqual([{ displayName: 'Focal A' }]);
      expect(await seen(bearer(tokens.MINISTRY_B))).toBeNull();
      expect(await seen(bearer(tokens.VIEWER))).toBeNull();
      expect(await seen(bearer(tokens.NGO))).toBeNull();
    });
  });

  describe('the admin page of focal points', () => {
    it('lists them, saves a choice, and shows a bad one back in the form, changing nothing', async () => {
      const admin = await createUser(t, { email: 'admin@secretariat.kg', role: Role.ADMIN });
      const web = new WebSession(t);
      expect((await web.signIn(admin.email, admin.password)).status).toBe(303);
      const list = await web.get('/admin/organizations?lang=ru');
      expect(list.status).toBe(200);
      expect(list.text).toMatch(new RegExp(`data-organization="${orgA}"[\\s\\S]*?Focal A`));
      const form = await web.get(`/admin/organizations/${orgA}`);
      expect(form.text).toContain(`value="${u.bakyt.id}"`);
      expect(form.text).not.toContain(`value="${u.goneA.id}"`);
      expect(form.text).not.toContain(`value="${u.otherB.id}"`);

      const bad = await web.post(`/admin/organizations/${orgA}`, { userIds: [u.focalA.id, u.otherB.id] });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('govuk-error-summary');
      expect(bad.text).toContain('Выберите только активных пользователей министерства из этой организации');
      expect(await focalOf(orgA)).toEqual([u.focalA.id]);

      const saved = await web.post(`/admin/organizations/${orgA}`, { userIds: [u.focalA.id, u.bakyt.id] });
      expect(saved.status).toBe(303);
      expect(await focalOf(orgA)).toEqual([u.focalA.id, u.bakyt.id].sort());
      expect((await web.post(`/admin/organizations/${orgA}`, { userIds: u.focalA.id })).status).toBe(303);
      expect(await focalOf(orgA)).toEqual([u.focalA.id]);

      // Not for anyone but ADMIN.
      const editor = new WebSession(t);
      expect((await editor.signIn(u.editor.email, PASSWORD)).status).toBe(303);
      expect((await editor.get('/admin/organizations')).status).toBe(403);
    });
  });

  describe('responsible officer', () => {
    it('is set on a recommendation through its update input, audited, and shown by name only', async () => {
      const r = await createRecommendation(t, { responsibleOrganizationIds: [orgA, orgB] });
      const res = await t.gqlOk(UPDATE_REC, { id: r.id, input: { expectedVersion: 1, responsibleUserId: u.aliya.id } });
      expect(res.updateRecommendation).toMatchObject({ version: 2, responsibleOfficer: { id: u.aliya.id, displayName: 'Aliya' } });
      const [entry] = await t.sql<{ after: { responsibleUserId: string } }>(
        `SELECT after FROM audit_entry WHERE entity_id = $1 AND action = 'recommendation.update' ORDER BY at DESC LIMIT 1`,
        [r.id],
      );
      expect(entry.after.responsibleUserId).toBe(u.aliya.id);
      // The type has no e-mail address to ask for.
      expectError(await t.gql(`query ($id: ID!) { recommendation(id: $id) { responsibleOfficer { email } } }`, { id: r.id }), 'BAD_USER_INPUT');
      const officer = async (authorization: string) =>
        (await t.gql(`query ($id: ID!) { recommendation(id: $id) { responsibleOfficer { displayName } } }`, { id: r.id }, { authorization })).data!.recommendation.responsibleOfficer;
      expect(await officer(bearer(tokens.MINISTRY_A))).toEqual({ displayName: 'Aliya' });
      expect(await officer(bearer(tokens.MINISTRY_B))).toBeNull();
      expect(await officer(bearer(tokens.VIEWER))).toBeNull();
      expect(await officer(bearer(tokens.NGO))).toBeNull();
      // Cleared with null.
      const cleared = await t.gqlOk(UPDATE_REC, { id: r.id, input: { responsibleUserId: null } });
      expect(cleared.updateRecommendation.responsibleOfficer).toBeNull();
    });

    it.each([
      ['a user of an organisation not responsible', () => u.c1.id, 'notOfOrganization'],
      ['an EDITOR', () => u.editor.id, 'notOfOrganization'],
      ['an NGO user', () => u.ngo.id, 'notOfOrganization'],
      ['a deactivated user', () => u.goneA.id, 'deactivated'],
      ['an unknown user', () => '7d1b1c9e-0000-4000-8000-000000000000', 'unknownUser'],
    ])('refuses %s for a recommendation, changing nothing', async (_what, id, reason) => {
      const r = await createRecommendation(t, { responsibleOrganizationIds: [orgA] });
      const before = await auditCount();
      const err = expectError(await t.gql(UPDATE_REC, { id: r.id, input: { title: 'Renamed', responsibleUserId: id() } }), 'BAD_USER_INPUT');
      expect(err.extensions).toMatchObject({ field: 'responsibleUserId', reason });
      const [row] = await t.sql<{ version: number; responsible_user_id: string | null; title: Record<string, string> }>(
        'SELECT version, responsible_user_id, title FROM recommendation WHERE id = $1',
        [r.id],
      );
      expect(row).toMatchObject({ version: 1, responsible_user_id: null });
      expect(Object.values(row.title)).not.toContain('Renamed');
      expect(await auditCount()).toBe(before);
    });

    it("refuses to take away the officer's organisation without naming another officer", async () => {
      const r = await createRecommendation(t, { responsibleOrganizationIds: [orgA] });
      await t.gqlOk(UPDATE_REC, { id: r.id, input: { responsibleUserId: u.aliya.id } });
      const err = expectError(await t.gql(UPDATE_REC, { id: r.id, input: { responsibleOrganizationIds: [orgB] } }), 'BAD_USER_INPUT');
      expect(err.extensions).toMatchObject({ field: 'responsibleUserId', reason: 'notOfOrganization' });
      const links = await t.sql('SELECT organization_id FROM recommendation_organization WHERE recommendation_id = $1', [r.id]);
      expect(links).toEqual([{ organization_id: orgA }]);
      const moved = await t.gqlOk(UPDATE_REC, { id: r.id, input: { responsibleOrganizationIds: [orgB], responsibleUserId: u.otherB.id } });
      expect(moved.updateRecommendation.responsibleOfficer).toEqual({ id: u.otherB.id, displayName: 'Officer B' });
    });

    it("is set on an indicator: a user of the indicator's organisation only", async () => {
      const indicator = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: orgA });
      const before = await auditCount();
      const err = expectError(await t.gql(UPDATE_IND, { id: indicator.id, input: { responsibleUserId: u.otherB.id } }), 'BAD_USER_INPUT');
      expect(err.extensions).toMatchObject({ field: 'responsibleUserId', reason: 'notOfOrganization' });
      expect(await auditCount()).toBe(before);
      const res = await t.gqlOk(UPDATE_IND, { id: indicator.id, input: { expectedVersion: 1, responsibleUserId: u.aliya.id } });
      expect(res.updateIndicator).toMatchObject({ version: 2, responsibleOfficer: { displayName: 'Aliya' } });
      // Without an organisation there is nobody to be responsible.
      const orphan = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: null });
      expectError(await t.gql(UPDATE_IND, { id: orphan.id, input: { responsibleUserId: u.aliya.id } }), 'BAD_USER_INPUT');
    });
  });

  describe('the indicator edit page', () => {
    it('names the officer among active ministry users, and shows a refused one back in the form, changing nothing', async () => {
      const admin = await createUser(t, { email: 'admin2@secretariat.kg', role: Role.ADMIN, language: 'en' });
      const web = new WebSession(t);
      expect((await web.signIn(admin.email, admin.password)).status).toBe(303);
      const indicator = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: orgA });
      const form = await web.get(`/work/indicators/${indicator.id}/edit?lang=en`);
      expect(form.text).toContain('name="responsibleUserId"');
      expect(form.text).toContain(`<option value="${u.aliya.id}">Aliya — Ministry A</option>`);
      expect(form.text).not.toContain(`value="${u.goneA.id}"`);
      const values = postedFields(form.text);

      const bad = await web.post(`/work/indicators/${indicator.id}/edit`, { ...values, responsibleUserId: u.otherB.id });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Choose an active ministry user of the responsible organisation, or no one');
      expect((await t.sql('SELECT version, responsible_user_id FROM indicator WHERE id = $1', [indicator.id]))[0]).toEqual({ version: 1, responsible_user_id: null });

      expect((await web.post(`/work/indicators/${indicator.id}/edit`, { ...values, responsibleUserId: u.aliya.id })).status).toBe(303);
      expect((await t.sql('SELECT responsible_user_id FROM indicator WHERE id = $1', [indicator.id]))[0]).toEqual({ responsible_user_id: u.aliya.id });
      const page = await web.get(`/work/indicators/${indicator.id}`);
      expect(page.text).toMatch(new RegExp(`data-officer="${u.aliya.id}"[\\s\\S]*?Aliya`));
    });
  });

  describe('the recommendation officer page', () => {
    it('names the officer from the organisations\' active ministry users; a refused or stale choice changes nothing', async () => {
      const web = new WebSession(t);
      expect((await web.signIn(u.editor.email, PASSWORD)).status).toBe(303);
      const r = await createRecommendation(t, { responsibleOrganizationIds: [orgA] });
      expect((await web.get(`/work/recommendations/${r.id}`)).text).toContain(`href="/work/recommendations/${r.id}/officer"`);
      const form = await web.get(`/work/recommendations/${r.id}/officer?lang=en`);
      expect(form.status).toBe(200);
      expect(form.text).toContain(`<option value="${u.aliya.id}">Aliya</option>`);
      expect(form.text).not.toContain(`value="${u.otherB.id}"`);

      const bad = await web.post(`/work/recommendations/${r.id}/officer`, { responsibleUserId: u.otherB.id, expectedVersion: '1' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Choose an active ministry user of the responsible organisation, or no one');
      const stale = await web.post(`/work/recommendations/${r.id}/officer`, { responsibleUserId: u.aliya.id, expectedVersion: '7' });
      expect(stale.status).toBe(409);
      expect((await t.sql('SELECT version, responsible_user_id FROM recommendation WHERE id = $1', [r.id]))[0]).toEqual({ version: 1, responsible_user_id: null });

      const saved = await web.post(`/work/recommendations/${r.id}/officer`, { responsibleUserId: u.aliya.id, expectedVersion: '1' });
      expect(saved.status).toBe(303);
      expect((await t.sql('SELECT responsible_user_id FROM recommendation WHERE id = $1', [r.id]))[0]).toEqual({ responsible_user_id: u.aliya.id });
      expect((await web.get(`/work/recommendations/${r.id}`)).text).toContain('Aliya');
      // A ministry officer sees who it is, but cannot change it.
      const ministry = new WebSession(t);
      expect((await ministry.signIn(u.aliya.email, PASSWORD)).status).toBe(303);
      expect((await ministry.get(`/work/recommendations/${r.id}/officer`)).status).toBe(403);
    });
  });

  describe('who reminders reach', () => {
    const sweep = () => t.app.get(RemindersService).sweep();

    it('the officer alone when one is named and active', async () => {
      const r = await createRecommendation(t, { dueDate: '2026-03-13', responsibleOrganizationIds: [orgA, orgB] });
      await t.gqlOk(UPDATE_REC, { id: r.id, input: { responsibleUserId: u.aliya.id } });
      setToday('2026-03-10');
      await sweep();
      expect(await toldOf(r.id, 'REMINDER_DUE')).toEqual(['aliya@a.kg']);
    });

    it("the organisations' focal points when the officer is deactivated, and when none is named", async () => {
      const r = await createRecommendation(t, { dueDate: '2026-04-13', responsibleOrganizationIds: [orgA, orgB] });
      const officer = await createUser(t, { email: 'leaving@a.kg', role: Role.MINISTRY, organizationId: orgA });
      await t.gqlOk(UPDATE_REC, { id: r.id, input: { responsibleUserId: officer.id } });
      await t.app.get(UsersService).deactivate(officer.id, ADMIN);
      const unnamed = await createRecommendation(t, { dueDate: '2026-04-13', responsibleOrganizationIds: [orgA] });
      setToday('2026-04-10');
      await sweep();
      expect(await toldOf(r.id, 'REMINDER_DUE')).toEqual(['focal@a.kg', 'focal@b.kg']);
      expect(await toldOf(unnamed.id, 'REMINDER_DUE')).toEqual(['focal@a.kg']);
    });

    it('every active MINISTRY user of an organisation without focal points', async () => {
      const r = await createRecommendation(t, { dueDate: '2026-05-13', responsibleOrganizationIds: [orgC] });
      setToday('2026-05-10');
      await sweep();
      expect(await toldOf(r.id, 'REMINDER_DUE')).toEqual(['one@c.kg', 'two@c.kg']);
    });

    it("an indicator period's officer, else the focal points", async () => {
      const lag = (await t.sql<{ lag: number }>('SELECT reporting_lag_days AS lag FROM action_plan WHERE id = $1', [planId]))[0].lag;
      const named = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: orgA });
      await t.gqlOk(UPDATE_IND, { id: named.id, input: { responsibleUserId: u.bakyt.id } });
      const unnamed = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: orgA });
      const due = new Date(Date.parse('2025-12-31T00:00:00Z') + lag * 86_400_000).toISOString().slice(0, 10);
      const late = new Date(Date.parse(`${due}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      setToday(late);
      await sweep();
      expect(await toldOf(named.id, 'REMINDER_LATE')).toEqual(['bakyt@a.kg']);
      expect(await toldOf(unnamed.id, 'REMINDER_LATE')).toEqual(['focal@a.kg']);
    });

    it('escalates to the focal points and the secretariat, never to another organisation', async () => {
      const r = await createRecommendation(t, { dueDate: '2026-06-01', responsibleOrganizationIds: [orgA] });
      await t.gqlOk(UPDATE_REC, { id: r.id, input: { responsibleUserId: u.aliya.id } });
      const days = t.app.get(AppConfig).get('ESCALATION_AFTER_DAYS');
      setToday(new Date(Date.parse('2026-06-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10));
      await sweep();
      expect(await toldOf(r.id, 'REMINDER_LATE')).toEqual(['aliya@a.kg']);
      const secretariat = (await t.sql<{ email: string }>(`SELECT email FROM app_user WHERE role IN ('ADMIN', 'EDITOR') AND deactivated_at IS NULL`)).map((r) => r.email);
      expect(secretariat).toContain('editor@secretariat.kg');
      expect(await toldOf(r.id, 'ESCALATION')).toEqual([...secretariat, 'focal@a.kg'].sort());
    });

    it('never tells a MINISTRY user of an item of another organisation, whatever the route', async () => {
      // Focal point of B moved to A after being named: the focal-point row remains but its organisation no longer matches.
      const moved = await createUser(t, { email: 'moved@b.kg', role: Role.MINISTRY, organizationId: orgB });
      await t.gqlOk(SET_FOCAL, { o: orgB, u: [u.focalB.id, moved.id] });
      await t.sql('UPDATE app_user SET organization_id = $1 WHERE id = $2', [orgC, moved.id]);
      const r = await createRecommendation(t, { dueDate: '2026-07-13', responsibleOrganizationIds: [orgB] });
      // An officer named while of B who is now of C no longer counts either.
      await t.gqlOk(UPDATE_REC, { id: r.id, input: { responsibleUserId: u.otherB.id } });
      await t.sql('UPDATE app_user SET organization_id = $1 WHERE id = $2', [orgC, u.otherB.id]);
      setToday('2026-07-10');
      await sweep();
      expect(await toldOf(r.id, 'REMINDER_DUE')).toEqual(['focal@b.kg']);
      const leaked = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.recipient_id
          WHERE u.role = 'MINISTRY' AND n.subject_type = 'Recommendation'
            AND NOT EXISTS (SELECT 1 FROM recommendation_organization ro WHERE ro.recommendation_id = n.subject_id AND ro.organization_id = u.organization_id)`,
      );
      expect(leaked[0].n).toBe(0);
      await t.sql('UPDATE app_user SET organization_id = $1 WHERE id = $2', [orgB, u.otherB.id]);
    });
  });
});

/** What the page's first staff form posts as shown (inputs, checked choices, selected options, textareas). */
function postedFields(html: string): Record<string, string | string[]> {
  const form = html.slice(html.indexOf('<form method="post" action="/work/'));
  const values: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = values[name];
    values[name] = existing === undefined ? value : [existing, value].flat();
  };
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (!name || name === '_csrf') continue;
    if (/type="(radio|checkbox)"/.test(input) && !/\schecked/.test(input)) continue;
    add(name, decode(/value="([^"]*)"/.exec(input)?.[1] ?? ''));
  }
  for (const [, name, body] of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(name, decode(body));
  for (const [, name, options] of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    add(name, decode(/<option[^>]*value="([^"]*)"[^>]*\sselected/.exec(options)?.[1] ?? ''));
  }
  return values;
}
