import request from 'supertest';
import { Role } from '../src/auth/role.enum';
import { JobWorker } from '../src/jobs/job-worker';
import { NotificationsService } from '../src/notifications/notifications.service';
import { UsersService } from '../src/accounts/users.service';
import { createActionPlan, createIndicator, createOrganization, createRecommendation } from './support/factories';
import { startSmtp } from './support/smtp-server';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

const BASE = 'http://tracker.example.kg';

/** Issue 25, step 3: notifications by mail, once, in the recipient's language, with working links and one-click unsubscribe. */
describe('notifications by mail', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let indicatorId: string;
  let indicatorCode: string;
  const users: Record<'officer' | 'editor' | 'editor2' | 'gone', { id: string; email: string; password: string }> = {} as never;
  const web: Record<'officer' | 'editor', WebSession> = {} as never;

  const pendingJobs = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs`))[0].n;
  const settled = async () => {
    const end = Date.now() + 20_000;
    while ((await pendingJobs()) > 0) {
      if (Date.now() > end) throw new Error('jobs did not run');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The SMTP server has parsed what it accepted.
    await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const addressedTo = (email: string) => smtp.mails.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)));
  /** The notification mails a person received (createUser's invitations are mailed too: see the invitation test). */
  const to = (email: string) => addressedTo(email).filter((m) => m.messageId?.startsWith('<notification-'));
  const submit = async (session: WebSession, fields: Record<string, string>) => {
    await session.get(`/work/indicators/${indicatorId}`);
    return session.post(`/work/indicators/${indicatorId}/values`, { quarter: '', 'source-en': '', 'note-en': '', ...fields });
  };
  const approveLatest = async (period: string) => {
    const [version] = await t.sql<{ id: string; number: number }>(
      `SELECT w.id, w.number FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id
        WHERE v.indicator_id = $1 AND v.period = $2 ORDER BY w.number DESC LIMIT 1`,
      [indicatorId, period],
    );
    await web.editor.get('/work/review');
    expect((await web.editor.post(`/work/review/${version.id}/approve`, { expectedVersion: String(version.number) })).status).toBe(303);
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Tracker <tracker@example.kg>', PUBLIC_BASE_URL: BASE });
    const org = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Labour' })).id;
    const plan = await createActionPlan(t, { startYear: 2024, endYear: 2027 });
    indicatorId = (await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: org, unit: 'people', name: 'Women trained' })).id;
    indicatorCode = (await t.sql<{ code: string }>('SELECT code FROM indicator WHERE id = $1', [indicatorId]))[0].code;
    users.officer = await createUser(t, { email: 'officer@mlsp.kg', role: Role.MINISTRY, organizationId: org, language: 'ru' });
    users.editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR, language: 'en' });
    users.editor2 = await createUser(t, { email: 'editor2@secretariat.kg', role: Role.EDITOR, language: 'ky' });
    users.gone = await createUser(t, { email: 'gone@secretariat.kg', role: Role.EDITOR });
    await t.app.get(UsersService).deactivate(users.gone.id, { tokenId: null, name: 'test', role: Role.ADMIN, organizationId: null, requestId: null });
    for (const name of ['officer', 'editor'] as const) {
      web[name] = new WebSession(t);
      expect((await web[name].signIn(users[name].email, users[name].password)).status).toBe(303);
    }
    await t.app.get(JobWorker).start();
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('mails each active reviewer once, in their own language', async () => {
    expect((await submit(web.officer, { year: '2025', value: '25' })).status).toBe(303);
    await settled();
    expect(to('editor@secretariat.kg').map((m) => m.subject)).toEqual([`${indicatorCode}, 2025: version 1 was submitted and waits for review`]);
    expect(to('editor2@secretariat.kg').map((m) => m.subject)).toEqual([`${indicatorCode}, 2025: 1-версия жөнөтүлдү жана текшерүүнү күтүүдө`]);
    expect(to('officer@mlsp.kg')).toEqual([]);
    expect(to('gone@secretariat.kg')).toEqual([]);
    const [mail] = to('editor@secretariat.kg');
    expect(mail.from?.value).toEqual([{ name: 'Tracker', address: 'tracker@example.kg' }]);
    expect(mail.text).toContain(`${BASE}/work/review?lang=en`);
    expect(mail.html).toContain(`href="${BASE}/work/review?lang=en"`);
  });

  it("mails the author the approval in Russian with a working link back to the indicator", async () => {
    await approveLatest('2025');
    await settled();
    const mails = to('officer@mlsp.kg');
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe(`${indicatorCode}, 2025: ваше значение утверждено`);
    expect(mail.text).toContain('Открыть в системе мониторинга');
    const link = new RegExp(`${BASE}(/work/indicators/${indicatorId}\\?lang=ru)`).exec(mail.text ?? '');
    expect(link).not.toBeNull();
    const page = await web.officer.get(link![1]);
    expect(page.status).toBe(200);
    expect(page.text).toContain('lang="ru"');
  });

  it('carries RFC 8058 one-click unsubscribe; its POST, without cookies, turns that kind of mail off', async () => {
    const [mail] = to('officer@mlsp.kg');
    const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const url = /^List-Unsubscribe: <([^>]+)>$/.exec(line('list-unsubscribe'))![1];
    expect(url.startsWith(`${BASE}/notifications/unsubscribe/`)).toBe(true);
    const path = url.slice(BASE.length);

    const tampered = path.slice(0, -2) + (path.endsWith('AA') ? 'BB' : 'AA');
    const refused = await request(t.app.getHttpServer()).post(tampered).type('form').send('List-Unsubscribe=One-Click');
    expect(refused.status).toBe(404);
    expect(await t.sql(`SELECT * FROM notification_preference`)).toEqual([]);

    const shown = await request(t.app.getHttpServer()).get(path).set('accept-language', 'ru');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('ваши значения');
    const done = await request(t.app.getHttpServer()).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect(await t.sql(`SELECT kind, delivery FROM notification_preference WHERE user_id = $1`, [users.officer.id])).toEqual([
      { kind: 'VALUE_APPROVED', delivery: 'OFF' },
    ]);

    // The next approval is in the application, not in the mailbox.
    expect((await submit(web.officer, { year: '2024', value: '11' })).status).toBe(303);
    await settled();
    await approveLatest('2024');
    await settled();
    expect(to('officer@mlsp.kg')).toHaveLength(1);
    const told = await t.sql<{ period: string; mailed_at: Date | null }>(
      `SELECT payload->>'period' AS period, mailed_at FROM notification WHERE recipient_id = $1 AND kind = 'VALUE_APPROVED' ORDER BY created_at`,
      [users.officer.id],
    );
    expect(told.map((r) => [r.period, r.mailed_at !== null])).toEqual([
      ['2025', true],
      ['2024', false],
    ]);
  });

  it('mails an invitation link in the invited person\'s language; the link sets the password', async () => {
    const admin = await createUser(t, { email: 'admin@example.kg', role: Role.ADMIN });
    const adminWeb = new WebSession(t);
    await adminWeb.signIn(admin.email, admin.password);
    await adminWeb.get('/admin/users/new');
    const invited = await adminWeb.post('/admin/users', { email: 'new.officer@mlsp.kg', displayName: 'Nurgul', role: 'EDITOR', preferredLanguage: 'ky' });
    expect(invited.status).toBe(200);
    // Still shown to the admin as before.
    const shown = /(http:\/\/[^<\s]+\/account\/set-password\/[A-Za-z0-9_%-]+)/.exec(invited.text)?.[1];
    await settled();
    const mails = addressedTo('new.officer@mlsp.kg');
    expect(mails.map((m) => m.subject)).toEqual(['Тегерек стол сунуштарынын мониторинг системасына чакыруу']);
    expect(mails[0].text).toContain('Nurgul, сиз үчүн');
    expect(mails[0].text).toContain(shown);
    const path = new URL(shown!).pathname;
    const person = new WebSession(t);
    await person.get(path);
    expect((await person.post(path, { password: 'a long and memorable passphrase', confirm: 'a long and memorable passphrase' })).status).toBe(303);
  });

  it('mails a notification at most once, however often its job runs', async () => {
    const [first] = await t.sql<{ id: string }>(`SELECT id FROM notification WHERE mailed_at IS NOT NULL ORDER BY created_at LIMIT 1`);
    const before = smtp.mails.length;
    expect(await t.app.get(NotificationsService).mail(first.id)).toBe('skipped');
    expect(smtp.mails.length).toBe(before);
  });

  it('two instances working one queue mail each notification once', async () => {
    const second = await createTestApp(
      { JOBS_POLL_INTERVAL_MS: '200', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Tracker <tracker@example.kg>', PUBLIC_BASE_URL: BASE },
      { databaseUrl: t.databaseUrl },
    );
    try {
      await second.app.get(JobWorker).start();
      const before = smtp.mails.length;
      // Twenty recommendations of the officer's organisation move: one notification (and mail) each.
      const [{ organization_id: org }] = await t.sql<{ organization_id: string }>(`SELECT organization_id FROM app_user WHERE id = $1`, [users.officer.id]);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await createRecommendation(t, { responsibleOrganizationIds: [org] })).id);
      for (const id of ids) {
        const via = ids.indexOf(id) % 2 ? t : second;
        await via.gqlOk('mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }', { id });
      }
      await settled();
      const moved = smtp.mails.slice(before).filter((m) => m.messageId?.startsWith('<notification-'));
      expect(moved).toHaveLength(20);
      expect(new Set(moved.map((m) => m.messageId)).size).toBe(20);
      const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE kind = 'RECOMMENDATION_TRANSITIONED' AND mailed_at IS NOT NULL`);
      expect(n).toBe(20);
    } finally {
      await second.close();
    }
  });
});
