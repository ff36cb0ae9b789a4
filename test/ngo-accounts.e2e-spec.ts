import { Role } from '../src/auth/role.enum';
import { createMeeting, createOrganization, createRecommendation } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

/**
 * NGO accounts: a civil-society organisation's people are invited like other users, act for
 * their own organisation (of kind NGO), read like a VIEWER and see no official staff pages.
 */
describe('NGO accounts', () => {
  let t: TestApp;
  let ngoId: string;
  let ministryId: string;
  let recommendationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ngoId = (await createOrganization(t, { kind: 'NGO' })).id;
    ministryId = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    const meeting = await createMeeting(t);
    recommendationId = (await createRecommendation(t, { meetingId: meeting.id, responsibleOrganizationIds: [ministryId] })).id;
  });
  afterAll(() => t.close());

  const admin = async () => {
    const user = await createUser(t, { email: `admin-${Math.random().toString(36).slice(2)}@example.kg`, role: Role.ADMIN });
    const web = new WebSession(t);
    await web.signIn(user.email, user.password);
    await web.get('/admin/users/new');
    return web;
  };
  const userCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM app_user'))[0].n;

  it('invites an NGO user from the admin page only for an organisation of kind NGO', async () => {
    const web = await admin();
    const form = { email: 'monitor@ngo.example.kg', displayName: 'Monitor', role: 'NGO', preferredLanguage: 'ru' };
    const before = await userCount();
    for (const organizationId of ['', ministryId]) {
      const res = await web.post('/admin/users', { ...form, organizationId });
      expect(res.status).toBe(400);
      expect(res.text).toContain('an NGO for NGO users');
    }
    expect(await userCount()).toBe(before);
    const ok = await web.post('/admin/users', { ...form, organizationId: ngoId });
    expect(ok.status).toBe(200);
    const [row] = await t.sql<{ role: string; organization_id: string }>("SELECT role::text, organization_id FROM app_user WHERE email = 'monitor@ngo.example.kg'");
    expect(row).toEqual({ role: 'NGO', organization_id: ngoId });
    const [audit] = await t.sql<{ action: string }>("SELECT action FROM audit_entry WHERE entity_type = 'User' ORDER BY at DESC LIMIT 1");
    expect(audit.action).toBe('user.invite');
  });

  it('keeps the database from holding an NGO user without an organisation', async () => {
    await expect(
      t.sql("INSERT INTO app_user (email, display_name, role) VALUES ('orphan@ngo.example.kg', 'Orphan', 'NGO')"),
    ).rejects.toThrow(/CHK_app_user_organization_role/);
  });

  it('lands an NGO user on their organisation\'s assessments and refuses the official staff pages', async () => {
    const user = await createUser(t, { email: 'reader@ngo.example.kg', role: Role.NGO, organizationId: ngoId });
    const web = new WebSession(t);
    const signedIn = await web.signIn(user.email, user.password);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/work/assessments');
    const account = await web.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).not.toContain('href="/work"');
    expect(account.text).toContain('href="/work/assessments"');
    for (const path of ['/work', '/work/downloads', '/work/completeness', `/work/recommendations/${recommendationId}`, '/work/review', '/work/moderation', '/work/import', '/admin/users']) {
      expect({ path, status: (await web.get(path)).status }).toEqual({ path, status: 403 });
    }
    // Public pages stay open to them, as to anyone.
    expect((await web.get('/')).status).toBe(200);
  });

  it('refuses every official write to an NGO user (their personal token acts as them)', async () => {
    const user = await createUser(t, { email: 'writer@ngo.example.kg', role: Role.NGO, organizationId: ngoId });
    const web = new WebSession(t);
    await web.signIn(user.email, user.password);
    await web.get('/account');
    const page = await web.post('/account/tokens', { name: 'scripts' });
    const token = /rtt_[A-Za-z0-9_-]{43}/.exec(page.text)?.[0];
    expect(token).toBeDefined();
    const as = { authorization: `Bearer ${token}` };
    const read = await t.gql('query ($id: ID!) { recommendation(id: $id) { id status } }', { id: recommendationId }, as);
    expect(read.errors).toBeUndefined();
    const write = await t.gql('mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }', { id: recommendationId }, as);
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ status }] = await t.sql<{ status: string }>('SELECT status::text FROM recommendation WHERE id = $1', [recommendationId]);
    expect(status).toBe('PROPOSED');
  });
});
