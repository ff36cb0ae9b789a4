import { PasswordHasher } from '../src/accounts/password-hasher';
import { UsersService } from '../src/accounts/users.service';
import { Role } from '../src/auth/role.enum';
import { createMeeting, createOrganization } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, csrfOf, PASSWORD, WebSession } from './support/web-session';

/**
 * The security of the staff pages: CSRF, sessions (fixation, flags, timeouts,
 * sign-out, deactivation), MINISTRY scope on forms, sign-in throttling and the
 * same answer for unknown and known addresses.
 */
describe('staff pages: sessions and security', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let recommendationB: string;

  beforeAll(async () => {
    t = await createTestApp({ SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3', SIGN_IN_MAX_FAILURES_PER_IP: '1000' });
    orgA = (await createOrganization(t)).id;
    orgB = (await createOrganization(t)).id;
    const meeting = await createMeeting(t);
    const created = await t.gqlOk<{ createRecommendation: { id: string } }>(
      'mutation ($m: ID!, $o: [ID!]) { createRecommendation(input: { title: "For B", kind: QUOTA, meetingId: $m, responsibleOrganizationIds: $o }) { id } }',
      { m: meeting.id, o: [orgB] },
    );
    recommendationB = created.createRecommendation.id;
  });

  afterAll(() => t.close());

  it('signs in with a new session cookie: httpOnly, SameSite=Lax, not Secure over http', async () => {
    const user = await createUser(t, { email: 'cookie@example.kg', role: Role.VIEWER });
    const web = new WebSession(t);
    const res = await web.signIn(user.email, user.password);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/work');
    const cookie = WebSession.cookie(res, 'tracker_session');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await web.get('/work')).status).toBe(200);
  });

  it('marks the cookie Secure behind a TRUST_PROXY that says https', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: '1' });
    try {
      const user = await createUser(proxied, { email: 'secure@example.kg', role: Role.VIEWER });
      const web = new WebSession(proxied);
      const page = await web.agent.get('/sign-in').set('x-forwarded-proto', 'https');
      const res = await web.agent
        .post('/sign-in')
        .set('x-forwarded-proto', 'https')
        .set('cookie', cookieHeader(page))
        .type('form')
        .send({ _csrf: csrfOf(page.text), email: user.email, password: user.password });
      expect(res.status).toBe(303);
      expect(WebSession.cookie(res, 'tracker_session')).toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a form POST with no CSRF token, or a wrong one, and changes nothing', async () => {
    const user = await createUser(t, { email: 'csrf@example.kg', role: Role.VIEWER });
    const web = new WebSession(t);
    expect((await web.signIn(user.email, user.password)).status).toBe(303);
    await web.get('/account');
    const missing = await web.agent.post('/account/tokens').type('form').send({ name: 'script' });
    expect(missing.status).toBe(403);
    const wrong = await web.post('/account/tokens', { _csrf: 'x'.repeat(43), name: 'script' });
    expect(wrong.status).toBe(403);
    expect(await t.sql('SELECT id FROM api_token WHERE user_id = $1', [user.id])).toHaveLength(0);
    // The sign-in form too (before any session): without the pre-session token, no sign-in.
    const fresh = new WebSession(t);
    const noToken = await fresh.agent.post('/sign-in').type('form').send({ email: user.email, password: user.password });
    expect(noToken.status).toBe(403);
    expect(WebSession.cookie(noToken, 'tracker_session')).toBeUndefined();
    // With the right token it works.
    const ok = await web.post('/account/tokens', { name: 'script' });
    expect(ok.status).toBe(200);
    expect(await t.sql('SELECT id FROM api_token WHERE user_id = $1', [user.id])).toHaveLength(1);
  });

  it('gives a new session id at sign-in: a session id planted before is not adopted (fixation)', async () => {
    const user = await createUser(t, { email: 'fixation@example.kg', role: Role.VIEWER });
    const victim = new WebSession(t);
    // The attacker's own valid session, planted in the victim's browser.
    const attacker = new WebSession(t);
    const attackerSignIn = await attacker.signIn(user.email, user.password);
    const planted = WebSession.cookie(attackerSignIn, 'tracker_session')!.split(';')[0];
    victim.agent.jar.setCookie(planted);
    const res = await victim.signIn(user.email, user.password);
    const issued = WebSession.cookie(res, 'tracker_session')!.split(';')[0];
    expect(issued).not.toEqual(planted);
    // The planted id is ended by the sign-in that replaced it.
    const reuse = await attacker.agent.get('/work');
    expect(reuse.status).toBe(303);
    expect(reuse.headers.location).toMatch(/^\/sign-in/);
    // A made-up id is never accepted either.
    const forged = new WebSession(t);
    forged.agent.jar.setCookie('tracker_session=forged-session-id-0123456789');
    expect((await forged.agent.get('/work')).status).toBe(303);
  });

  it('keeps a MINISTRY user of one organisation out of another organisation\'s forms', async () => {
    const user = await createUser(t, { email: 'ministry-a@example.kg', role: Role.MINISTRY, organizationId: orgA });
    const web = new WebSession(t);
    await web.signIn(user.email, user.password);
    expect((await web.get(`/work/recommendations/${recommendationB}`)).status).toBe(403);
    await web.get('/work');
    const post = await web.post(`/work/recommendations/${recommendationB}/transition`, { to: 'UNDER_REVIEW', expectedVersion: '1', 'note-en': '', evidenceUrl: '' });
    expect(post.status).toBe(403);
    const [row] = await t.sql<{ status: string; version: number }>('SELECT status, version FROM recommendation WHERE id = $1', [recommendationB]);
    expect(row).toEqual({ status: 'PROPOSED', version: 1 });
  });

  it('ends the sessions of a deactivated user at once', async () => {
    const user = await createUser(t, { email: 'leaver@example.kg', role: Role.EDITOR });
    const admin = await createUser(t, { email: 'admin-deactivates@example.kg', role: Role.ADMIN });
    const leaver = new WebSession(t);
    await leaver.signIn(user.email, user.password);
    expect((await leaver.get('/work')).status).toBe(200);
    const web = new WebSession(t);
    await web.signIn(admin.email, admin.password);
    await web.get('/admin/users');
    const res = await web.post(`/admin/users/${user.id}/deactivate`);
    expect(res.status).toBe(303);
    const after = await leaver.agent.get('/work');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
    expect(await t.sql('SELECT 1 FROM user_session WHERE user_id = $1', [user.id])).toHaveLength(0);
    // And cannot sign in again: the same answer as a wrong password.
    const again = await new WebSession(t).signIn(user.email, user.password);
    expect(again.status).toBe(401);
  });

  it('signs out (this session) and signs out everywhere (all of them)', async () => {
    const user = await createUser(t, { email: 'two-browsers@example.kg', role: Role.VIEWER });
    const one = new WebSession(t);
    const two = new WebSession(t);
    const three = new WebSession(t);
    await one.signIn(user.email, user.password);
    await two.signIn(user.email, user.password);
    await three.signIn(user.email, user.password);
    await one.get('/work');
    expect((await one.post('/sign-out')).headers.location).toBe('/sign-in?done=signedOut');
    expect((await one.agent.get('/work')).status).toBe(303);
    expect((await two.get('/work')).status).toBe(200);
    await two.get('/account');
    expect((await two.post('/account/sign-out-everywhere')).status).toBe(303);
    expect((await two.agent.get('/work')).status).toBe(303);
    expect((await three.agent.get('/work')).status).toBe(303);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const user = await createUser(t, { email: 'idle@example.kg', role: Role.VIEWER });
    const web = new WebSession(t);
    await web.signIn(user.email, user.password);
    expect((await web.get('/work')).status).toBe(200);
    await t.sql(`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]);
    expect((await web.agent.get('/work')).status).toBe(303);
    const other = new WebSession(t);
    await other.signIn(user.email, user.password);
    await t.sql(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    expect((await other.agent.get('/work')).status).toBe(303);
  });

  it('throttles sign-in per account with a clear message, even for the right password', async () => {
    const user = await createUser(t, { email: 'throttled@example.kg', role: Role.VIEWER });
    const web = new WebSession(t);
    for (let i = 0; i < 3; i++) expect((await web.signIn(user.email, 'not the password at all')).status).toBe(401);
    const blocked = await web.signIn(user.email, user.password);
    expect(blocked.status).toBe(429);
    // DEFAULT_LOCALE is Russian.
    expect(blocked.text).toContain('Слишком много неудачных попыток. Повторите через 15 минут');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(WebSession.cookie(blocked, 'tracker_session')).toBeUndefined();
  });

  it('checks exactly the limit of parallel wrong passwords: the attempt is reserved before the hash', async () => {
    const user = await createUser(t, { email: 'parallel-throttle@example.kg', role: Role.VIEWER });
    const hasher = t.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const sessions = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const web = new WebSession(t);
        await web.get('/sign-in');
        return web;
      }),
    );
    try {
      const answers = await Promise.all(sessions.map((web) => web.post('/sign-in', { email: user.email, password: 'a wrong password, sent 60 times at once' })));
      const statuses = answers.map((res) => res.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(57);
      expect(verify).toHaveBeenCalledTimes(3);
      const [{ count }] = await t.sql<{ count: number }>('SELECT count(*)::int AS count FROM sign_in_failure WHERE email = $1', [user.email]);
      expect(count).toBe(3);
    } finally {
      verify.mockRestore();
    }
  });

  it('answers alike for an unknown address and a wrong password, spending a hash on both', async () => {
    await createUser(t, { email: 'known@example.kg', role: Role.VIEWER });
    const hasher = t.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const dummy = jest.spyOn(hasher, 'verifyDummy');
    const wrong = await new WebSession(t).signIn('known@example.kg', 'wrong password but long');
    const unknown = await new WebSession(t).signIn('nobody@example.kg', 'wrong password but long');
    expect(verify).toHaveBeenCalledTimes(2); // the real hash, and the dummy's own verification
    expect(dummy).toHaveBeenCalledTimes(1);
    expect(unknown.status).toBe(wrong.status);
    const normalise = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/value="[^"]*@example\.kg"/g, '').replace(/127\.0\.0\.1:\d+/g, 'host');
    expect(normalise(unknown.text)).toEqual(normalise(wrong.text));
    verify.mockRestore();
    dummy.mockRestore();
  });

  it('never accepts the session cookie on GraphQL (bearer only)', async () => {
    const user = await createUser(t, { email: 'graphql-cookie@example.kg', role: Role.ADMIN });
    const web = new WebSession(t);
    await web.signIn(user.email, user.password);
    const res = await web.agent.post('/graphql').send({ query: '{ apiTokens { id } }' });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('uses the password rules of NIST SP 800-63B on the set-password page', async () => {
    const users = t.app.get(UsersService);
    const { link } = await users.invite(
      { email: 'new-person@example.kg', displayName: 'New Person', role: Role.VIEWER, organizationId: null, preferredLanguage: 'ru' },
      { tokenId: null, name: 'test', role: Role.ADMIN, organizationId: null, requestId: null },
    );
    const path = new URL(link.url).pathname;
    const web = new WebSession(t);
    expect((await web.get(path)).status).toBe(200);
    const common = await web.post(path, { password: 'qwerty123456', confirm: 'qwerty123456' });
    expect(common.status).toBe(400);
    const short = await web.post(path, { password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    const ok = await web.post(path, { password: PASSWORD, confirm: PASSWORD });
    expect(ok.status).toBe(303);
    // Used once: the link is dead now.
    expect((await web.get(path)).status).toBe(404);
    expect((await new WebSession(t).signIn('NEW-PERSON@example.kg', PASSWORD)).status).toBe(303);
  });
});

function cookieHeader(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.map((c) => c.split(';')[0]).join('; ');
}
