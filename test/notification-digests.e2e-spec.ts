import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { UsersService } from '../src/accounts/users.service';
import { Role } from '../src/auth/role.enum';
import { Clock } from '../src/common/clock';
import { JobQueue } from '../src/jobs/job-queue';
import { JobWorker } from '../src/jobs/job-worker';
import { DIGEST_RUN_TASK, DigestsService } from '../src/notifications/digests.service';
import { MailLinks } from '../src/notifications/mail-links';
import { NotificationKind } from '../src/notifications/notification-event';
import { NotificationsService } from '../src/notifications/notifications.service';
import { RemindersService } from '../src/reminders/reminders.service';
import { createOrganization, createRecommendation } from './support/factories';
import { startService, stopAllServices, type ServiceProcess } from './support/service-process';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

const BASE = 'http://tracker.example.kg';
const KINDS = Object.values(NotificationKind);

/**
 * An SMTP server in this process: every mail it accepts, parsed. `gate` (when set) decides, before
 * the server answers, whether a mail is accepted: a refused (or never answered) mail was not delivered.
 */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: ParsedMail[]; gate: ((mail: ParsedMail) => Promise<boolean>) | null }> {
  const state = { mails: [] as ParsedMail[], gate: null as ((mail: ParsedMail) => Promise<boolean>) | null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (state.gate && !(await state.gate(mail))) return callback(new Error('not accepted'));
          state.mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, { server, port: (server.server.address() as AddressInfo).port });
}

/** Issue 25, part 2: per-kind mail choices, delivery that honours them, daily and weekly digests that survive crashes. */
describe('notification preferences and digests', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let orgId: string;
  const env = () => ({ JOBS_POLL_INTERVAL_MS: '200', JOBS_WORKER_LEASE_SECONDS: '3', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Tracker <tracker@example.kg>', PUBLIC_BASE_URL: BASE });
  type Name = 'daily' | 'weekly' | 'off' | 'now' | 'leaver';
  const users: Record<Name, { id: string; email: string; password: string }> = {} as never;
  const web: Partial<Record<Name, WebSession>> = {};

  const pendingJobs = async () =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier NOT IN ('reminders.sweep', 'notifications.digests')`))[0].n;
  const settled = async (timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    while ((await pendingJobs()) > 0) {
      if (Date.now() > end) throw new Error('jobs did not run');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  };
  const addressedTo = (email: string) => smtp.mails.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)));
  const notificationMails = (email: string) => addressedTo(email).filter((m) => m.messageId?.startsWith('<notification-'));
  const digestMails = (email: string) => addressedTo(email).filter((m) => m.messageId?.startsWith('<digest-'));
  const choices = (userId: string) =>
    t.sql<{ kind: string; delivery: string }>(`SELECT kind, delivery FROM notification_preference WHERE user_id = $1 AND delivery <> 'IMMEDIATE' ORDER BY kind`, [userId]);
  /** Every kind as the page posts it, with some changed. */
  const mailForm = (changes: Record<string, string> = {}) => Object.fromEntries(KINDS.map((kind) => [`mail-${kind}`, changes[kind] ?? 'IMMEDIATE']));
  /** "Now" for the Clock of an app (the job queue and the database keep their own time). */
  const setNow = (app: TestApp, iso: string) => jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(iso));
  /** Moves a recommendation of the organisation on (the bootstrap admin token: no person acted, so every officer is told). */
  const transition = async (organizationId = orgId) => {
    const { id } = await createRecommendation(t, { responsibleOrganizationIds: [organizationId] });
    await t.gqlOk('mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }', { id });
    return id;
  };
  /** The notifications not in a digest yet arrived at `iso` (the digest takes what came before DIGEST_HOUR). */
  const arrivedAt = (iso: string) => t.sql(`UPDATE notification SET created_at = $1 WHERE digest_id IS NULL AND mailed_at IS NULL`, [iso]);

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(env());
    orgId = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Labour' })).id;
    const language: Record<Name, 'ru' | 'ky' | 'en'> = { daily: 'ru', weekly: 'ky', off: 'en', now: 'en', leaver: 'ru' };
    for (const name of Object.keys(language) as Name[]) {
      users[name] = await createUser(t, { email: `${name}@mlsp.kg`, role: Role.MINISTRY, organizationId: orgId, language: language[name] });
    }
    for (const name of ['daily', 'weekly', 'off'] as const) {
      web[name] = new WebSession(t);
      expect((await web[name].signIn(users[name].email, users[name].password)).status).toBe(303);
    }
    await t.app.get(JobWorker).start();
  });
  afterAll(async () => {
    await stopAllServices();
    await t?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  describe('choosing, on /account', () => {
    it('lists every kind with the four choices, in the person\'s language; escalations without "off"', async () => {
      const page = await web.daily!.get('/account');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Письма об уведомлениях');
      for (const kind of KINDS) expect(page.text).toContain(`id="mail-${kind}"`);
      const select = (kind: string) => page.text.slice(page.text.indexOf(`id="mail-${kind}"`)).split('</select>')[0];
      expect(select('VALUE_APPROVED')).toContain('value="OFF"');
      expect(select('VALUE_APPROVED')).toContain('В еженедельной сводке');
      expect(select('ESCALATION')).not.toContain('value="OFF"');
      expect(select('ESCALATION')).toContain('value="DAILY"');
      expect(page.text).toContain('Об эскалациях всегда сообщается по почте');
    });

    it('saves a choice and a change of it, audited, and shows them', async () => {
      const audits = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'notificationPreference.set'`))[0].n;
      const before = await audits();
      await web.daily!.get('/account');
      const saved = await web.daily!.post('/account/mail', mailForm({ RECOMMENDATION_TRANSITIONED: 'WEEKLY', VALUE_APPROVED: 'OFF' }));
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/account?done=mailSaved#mail');
      expect(await choices(users.daily.id)).toEqual([
        { kind: 'RECOMMENDATION_TRANSITIONED', delivery: 'WEEKLY' },
        { kind: 'VALUE_APPROVED', delivery: 'OFF' },
      ]);
      const changed = await web.daily!.post('/account/mail', mailForm({ RECOMMENDATION_TRANSITIONED: 'DAILY', ESCALATION: 'WEEKLY' }));
      expect(changed.status).toBe(303);
      expect(await choices(users.daily.id)).toEqual([
        { kind: 'ESCALATION', delivery: 'WEEKLY' },
        { kind: 'RECOMMENDATION_TRANSITIONED', delivery: 'DAILY' },
      ]);
      expect(await audits()).toBe(before + 2);
      const page = await web.daily!.get('/account?done=mailSaved');
      expect(page.text).toContain('Ваш выбор писем сохранён.');
      expect(page.text.slice(page.text.indexOf('id="mail-RECOMMENDATION_TRANSITIONED"')).split('</select>')[0]).toMatch(/value="DAILY" selected/);
      // Back to the one choice the delivery tests rely on.
      expect((await web.daily!.post('/account/mail', mailForm({ RECOMMENDATION_TRANSITIONED: 'DAILY' }))).status).toBe(303);
      await web.off!.get('/account');
      expect((await web.off!.post('/account/mail', mailForm({ RECOMMENDATION_TRANSITIONED: 'OFF' }))).status).toBe(303);
    });

    it('refuses "off" for escalations, an unknown choice and a missing one: the form again (400), nothing changed', async () => {
      const before = await t.sql(`SELECT * FROM notification_preference ORDER BY user_id, kind`);
      const escalationOff = await web.daily!.post('/account/mail', mailForm({ ESCALATION: 'OFF', VALUE_APPROVED: 'WEEKLY' }));
      expect(escalationOff.status).toBe(400);
      expect(escalationOff.text).toContain('govuk-error-summary');
      expect(escalationOff.text).toContain('Выберите один из вариантов для вида «давно пропущенные сроки (эскалация)»');
      expect(escalationOff.text).toContain('href="#mail-ESCALATION"');
      const unknown = await web.daily!.post('/account/mail', mailForm({ VALUE_SUBMITTED: 'SOMETIMES' }));
      expect(unknown.status).toBe(400);
      expect(unknown.text).toContain('href="#mail-VALUE_SUBMITTED"');
      const { ['mail-REMINDER_DUE']: _missing, ...partial } = mailForm({ VALUE_APPROVED: 'WEEKLY' });
      const missing = await web.daily!.post('/account/mail', partial);
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('href="#mail-REMINDER_DUE"');
      expect(await t.sql(`SELECT * FROM notification_preference ORDER BY user_id, kind`)).toEqual(before);
    });
  });

  describe('choosing, through GraphQL', () => {
    let token: string;
    const gql = (query: string, variables?: Record<string, unknown>) => t.gql(query, variables, { authorization: bearer(token) });
    const SET = 'mutation ($kind: NotificationKind!, $delivery: NotificationDelivery!) { setNotificationPreference(input: { kind: $kind, delivery: $delivery }) { kind delivery canTurnOff } }';

    beforeAll(async () => {
      // The person's own API token (made on /account), as an NGO's or a ministry's script would use.
      await web.weekly!.get('/account');
      const made = await web.weekly!.post('/account/tokens', { name: 'my script' });
      token = /rtt_[A-Za-z0-9_-]{43}/.exec(made.text)![0];
    });

    it('lists every kind (IMMEDIATE where nothing was chosen) and sets one', async () => {
      const listed = await gql('{ notificationPreferences { kind delivery canTurnOff } }');
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.notificationPreferences).toEqual(KINDS.map((kind) => ({ kind, delivery: 'IMMEDIATE', canTurnOff: kind !== NotificationKind.ESCALATION })));
      const set = await gql(SET, { kind: 'RECOMMENDATION_TRANSITIONED', delivery: 'WEEKLY' });
      expect(set.errors).toBeUndefined();
      expect(set.data!.setNotificationPreference).toEqual({ kind: 'RECOMMENDATION_TRANSITIONED', delivery: 'WEEKLY', canTurnOff: true });
      expect(await choices(users.weekly.id)).toEqual([{ kind: 'RECOMMENDATION_TRANSITIONED', delivery: 'WEEKLY' }]);
    });

    it('refuses OFF for escalations and unknown values with coded errors, changing nothing', async () => {
      const before = await t.sql(`SELECT * FROM notification_preference ORDER BY user_id, kind`);
      const off = await gql(SET, { kind: 'ESCALATION', delivery: 'OFF' });
      expect(off.errors?.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([['BAD_USER_INPUT', 'cannotTurnOff']]);
      const unknown = await gql(SET, { kind: 'RECOMMENDATION_TRANSITIONED', delivery: 'SOMETIMES' });
      expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const unknownKind = await gql(SET, { kind: 'GOSSIP', delivery: 'DAILY' });
      expect(unknownKind.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      // A token that is nobody's (the bootstrap admin token) has no preferences to read or set.
      expect((await t.gql(SET, { kind: 'VALUE_SUBMITTED', delivery: 'DAILY' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // Nor can any other path: the database refuses it too.
      await expect(
        t.sql(`INSERT INTO notification_preference (user_id, kind, delivery) VALUES ($1, 'ESCALATION', 'OFF')`, [users.weekly.id]),
      ).rejects.toThrow(/CHK_notification_preference_escalation/);
      expect(await t.sql(`SELECT * FROM notification_preference ORDER BY user_id, kind`)).toEqual(before);
    });
  });

  describe('delivery and digests', () => {
    const recommendations: string[] = [];

    it('IMMEDIATE mails at once; DAILY, WEEKLY and OFF only in the application for now', async () => {
      await t.sql(`INSERT INTO notification_preference (user_id, kind, delivery) VALUES ($1, 'RECOMMENDATION_TRANSITIONED', 'DAILY')`, [users.leaver.id]);
      recommendations.push(await transition(), await transition());
      await settled();
      expect(notificationMails('now@mlsp.kg')).toHaveLength(2);
      for (const name of ['daily', 'weekly', 'off', 'leaver'] as const) expect(addressedTo(`${name}@mlsp.kg`).filter((m) => !m.messageId?.startsWith('<account-link')).length).toBe(0);
      const listed = await t.sql<{ email: string; n: number }>(
        `SELECT u.email, count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.recipient_id
          WHERE n.kind = 'RECOMMENDATION_TRANSITIONED' AND n.subject_id = ANY ($1) GROUP BY u.email ORDER BY u.email`,
        [recommendations],
      );
      expect(listed).toEqual(['daily', 'leaver', 'now', 'off', 'weekly'].map((name) => ({ email: `${name}@mlsp.kg`, n: 2 })));
      // Only the IMMEDIATE ones got mail jobs.
      const [{ n: mailed }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE subject_id = ANY ($1) AND mailed_at IS NOT NULL`, [recommendations]);
      expect(mailed).toBe(2);
    });

    it('before DIGEST_HOUR the hourly run makes nothing; from it, one digest each, in their language, with working links; a deactivated person gets none', async () => {
      await t.app.get(UsersService).deactivate(users.leaver.id, { tokenId: null, name: 'test', role: Role.ADMIN, organizationId: null, requestId: null });
      // They arrived on Sunday 28 February 2027 (10:00 in Bishkek).
      await arrivedAt('2027-02-28T04:00:00Z');
      // Monday 1 March 2027, 06:30 in Bishkek: before DIGEST_HOUR (7).
      setNow(t, '2027-03-01T00:30:00Z');
      await t.app.get(JobQueue).enqueue(DIGEST_RUN_TASK, {});
      await settled();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await t.sql(`SELECT * FROM notification_digest`)).length).toBe(0);

      // 08:00 in Bishkek, a Monday: the daily and the weekly digests.
      setNow(t, '2027-03-01T02:00:00Z');
      await t.app.get(JobQueue).enqueue(DIGEST_RUN_TASK, {});
      const end = Date.now() + 20_000;
      while ((await t.sql(`SELECT * FROM notification_digest WHERE mailed_at IS NOT NULL`)).length < 2 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 100));
      await settled();

      const [daily] = digestMails('daily@mlsp.kg');
      expect(digestMails('daily@mlsp.kg')).toHaveLength(1);
      expect(daily.subject).toBe('Ежедневная сводка: 2 уведомления');
      expect(daily.html).toContain('lang="ru"');
      for (const id of recommendations) expect(daily.text).toContain(`${BASE}/work/recommendations/${id}?lang=ru`);
      expect(daily.text).toContain(`${BASE}/account#mail`);
      expect(daily.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);
      const link = new RegExp(`${BASE}(/work/recommendations/[0-9a-f-]+\\?lang=ru)`).exec(daily.text ?? '')![1];
      const opened = await web.daily!.get(link);
      expect(opened.status).toBe(200);
      expect(opened.text).toContain('lang="ru"');

      expect(digestMails('weekly@mlsp.kg').map((m) => m.subject)).toEqual(['Апталык жыйнак: 2 билдирме']);
      for (const name of ['off', 'now', 'leaver'] as const) expect(digestMails(`${name}@mlsp.kg`)).toEqual([]);
      expect(notificationMails('now@mlsp.kg')).toHaveLength(2);
      const [{ n: undigested }] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.recipient_id WHERE u.email = 'leaver@mlsp.kg' AND n.digest_id IS NULL`,
      );
      expect(undigested).toBe(2);

      // Later runs of the day (any instance, after a restart) make nothing again.
      expect(await t.app.get(DigestsService).run()).toEqual({ DAILY: { digests: 0, listed: 0 }, WEEKLY: { digests: 0, listed: 0 } });
    });

    it('two instances running the next day\'s digest make and mail it once (weekly people wait for Monday)', async () => {
      const second = await createTestApp(env(), { databaseUrl: t.databaseUrl });
      try {
        recommendations.push(await transition());
        await settled();
        // Monday 12:00 in Bishkek: after that day's digest, so in Tuesday's.
        await arrivedAt('2027-03-01T06:00:00Z');
        setNow(t, '2027-03-02T02:00:00Z');
        setNow(second, '2027-03-02T02:00:00Z');
        await second.app.get(JobWorker).start();
        const runs = await Promise.all([t.app.get(DigestsService).run(), second.app.get(DigestsService).run()]);
        expect(runs.map((r) => r.DAILY!.digests).sort()).toEqual([0, 1]);
        expect(runs.every((r) => r.WEEKLY === undefined)).toBe(true);
        await settled();
        const daily = digestMails('daily@mlsp.kg');
        expect(daily.map((m) => m.subject)).toEqual(['Ежедневная сводка: 2 уведомления', 'Ежедневная сводка: 1 уведомление']);
        expect(new Set(daily.map((m) => m.messageId)).size).toBe(2);
        expect(daily[1].text).toContain(`/work/recommendations/${recommendations[2]}?lang=ru`);
        expect(digestMails('weekly@mlsp.kg')).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('escalations carry no unsubscribe link, and a signed link for them changes nothing', async () => {
      const [recommendation] = recommendations;
      await t.app.get(NotificationsService).deliver({
        kind: NotificationKind.ESCALATION,
        subjectType: 'Recommendation',
        subjectId: recommendation,
        occurrence: 'digests-test-escalation',
        audience: { kind: 'USERS', userIds: [users.now.id] },
        actorUserId: null,
        payload: { dueOn: '2027-02-01', days: 14 },
      });
      await settled();
      const [mail] = notificationMails('now@mlsp.kg').filter((m) => m.subject?.startsWith('Escalated'));
      expect(mail).toBeDefined();
      expect(mail.headerLines.some((h) => h.key === 'list-unsubscribe' || h.key === 'list-unsubscribe-post')).toBe(false);
      expect(mail.text).toContain(`${BASE}/account#mail`);
      const token = await t.app.get(MailLinks).unsubscribeToken({ userId: users.now.id, kind: 'ESCALATION' });
      expect((await request(t.app.getHttpServer()).get(`/notifications/unsubscribe/${token}`)).status).toBe(404);
      expect((await request(t.app.getHttpServer()).post(`/notifications/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click')).status).toBe(404);
      expect(await choices(users.now.id)).toEqual([]);
    });

    it('kill -9 of the instance mailing the digests loses none and sends none twice', async () => {
      const PEOPLE = 30;
      const KILL_AT = 8;
      const crowd = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Crowds' })).id;
      await t.sql(
        `WITH people AS (
           INSERT INTO app_user (email, display_name, role, organization_id, preferred_language)
           SELECT 'crowd' || i || '@mlsp.kg', 'Crowd ' || i, 'MINISTRY', $1, (ARRAY['ky', 'ru', 'en'])[1 + i % 3] FROM generate_series(1, $2::int) AS i
           RETURNING id)
         INSERT INTO notification_preference (user_id, kind, delivery) SELECT id, 'RECOMMENDATION_TRANSITIONED', 'DAILY' FROM people`,
        [crowd, PEOPLE],
      );
      await transition(crowd);
      await settled();
      await t.app.get(JobWorker).stop();
      await arrivedAt('2027-03-02T06:00:00Z');
      setNow(t, '2027-03-03T02:00:00Z');
      expect((await t.app.get(DigestsService).run()).DAILY).toEqual({ digests: PEOPLE, listed: PEOPLE });

      const crowdMails = () => smtp.mails.filter((m) => m.messageId?.startsWith('<digest-') && /crowd\d+@/.test(m.to ? JSON.stringify(m.to) : ''));
      let child: ServiceProcess | null = null;
      let killed!: () => void;
      const dead = new Promise<void>((resolve) => (killed = resolve));
      // The instance dies while the SMTP server holds the KILL_AT-th digest, before answering it.
      smtp.gate = async (mail) => {
        if (!mail.messageId?.startsWith('<digest-') || crowdMails().length < KILL_AT - 1) return true;
        smtp.gate = null;
        expect((await child!.stop('SIGKILL')).signal).toBe('SIGKILL');
        killed();
        return false;
      };
      child = await startService({
        DATABASE_URL: t.databaseUrl,
        SEED_DEMO: 'false',
        JOBS_WORKER: 'true',
        JOBS_CONCURRENCY: '1',
        JOBS_POLL_INTERVAL_MS: '200',
        JOBS_WORKER_LEASE_SECONDS: '3',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        PUBLIC_BASE_URL: BASE,
      });
      await dead;
      expect(crowdMails()).toHaveLength(KILL_AT - 1);
      const [{ n: unsent }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_digest WHERE mailed_at IS NULL`);
      expect(unsent).toBe(PEOPLE - (KILL_AT - 1));

      // The dead instance's job is still locked by its worker …
      const locked = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL`))[0].n;
      expect(await locked()).toBeGreaterThan(0);
      // … until its lease lapses (3 s here, not graphile-worker's 4-hour lock timeout): this instance frees it and runs the rest.
      await t.app.get(JobWorker).start();
      const end = Date.now() + 20_000;
      while ((await locked()) > 0) {
        if (Date.now() > end) throw new Error("the dead instance's job was not freed");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await settled(60_000);
      const mails = crowdMails();
      expect(mails).toHaveLength(PEOPLE);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(PEOPLE);
      const recipients = mails.map((m) => (Array.isArray(m.to) ? m.to : [m.to])[0]!.value[0].address).sort();
      expect(recipients).toEqual(Array.from({ length: PEOPLE }, (_, i) => `crowd${i + 1}@mlsp.kg`).sort());
      const [{ n: mailed }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_digest WHERE mailed_at IS NOT NULL AND cadence = 'DAILY' AND period_start = '2027-03-03'`);
      expect(mailed).toBe(PEOPLE);
    }, 180_000);

    it('the reminder sweep (set-based) mails only those who want its kind at once; DAILY waits for the digest', async () => {
      await t.sql(
        `INSERT INTO notification_preference (user_id, kind, delivery) VALUES ($1, 'REMINDER_DUE', 'DAILY'), ($2, 'REMINDER_DUE', 'OFF')
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery`,
        [users.daily.id, users.off.id],
      );
      // Thursday 4 March 2027, noon in Bishkek: a recommendation of the organisation is due today.
      setNow(t, '2027-03-04T06:00:00Z');
      const { id } = await createRecommendation(t, { responsibleOrganizationIds: [orgId], dueDate: '2027-03-04' });
      await t.app.get(RemindersService).sweep();
      await settled();
      const told = async () =>
        t.sql<{ email: string; mailed: boolean; digested: boolean }>(
          `SELECT u.email, n.mailed_at IS NOT NULL AS mailed, n.digest_id IS NOT NULL AS digested
             FROM notification n JOIN app_user u ON u.id = n.recipient_id WHERE n.kind = 'REMINDER_DUE' AND n.subject_id = $1 ORDER BY u.email`,
          [id],
        );
      expect(await told()).toEqual([
        { email: 'daily@mlsp.kg', mailed: false, digested: false },
        { email: 'now@mlsp.kg', mailed: true, digested: false },
        { email: 'off@mlsp.kg', mailed: false, digested: false },
        { email: 'weekly@mlsp.kg', mailed: true, digested: false },
      ]);
      // Friday's digest lists it, in Russian.
      await arrivedAt('2027-03-04T06:00:00Z');
      setNow(t, '2027-03-05T02:00:00Z');
      expect((await t.app.get(DigestsService).run()).DAILY).toEqual({ digests: 1, listed: 1 });
      await settled();
      const digest = digestMails('daily@mlsp.kg').at(-1)!;
      expect(digest.subject).toBe('Ежедневная сводка: 1 уведомление');
      expect(digest.text).toContain('сегодня');
      expect(digest.text).toContain(`${BASE}/work/recommendations/${id}?lang=ru`);
      expect((await told()).map((r) => r.digested)).toEqual([true, false, false, false]);
    });
  });
});
