import request from 'supertest';
import { DataSource } from 'typeorm';
import { addDays } from '../src/action-plan/progress-cut';
import { Role } from '../src/auth/role.enum';
import { Clock } from '../src/common/clock';
import { AppConfig } from '../src/config/app-config.service';
import { JobWorker } from '../src/jobs/job-worker';
import { CalendarService } from '../src/reminders/calendar.service';
import { RemindersService } from '../src/reminders/reminders.service';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { startSmtp } from './support/smtp-server';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

const BASE = 'http://tracker.example.kg';
const HOST = 'tracker.example.kg';

/**
 * Issue 25, "done means": started as a newcomer would (the Sokuluk sample, SMTP_URL pointing at
 * a local SMTP server) with the clock moved past a quarter's reporting deadline of WL-1: the
 * officer responsible receives one reminder in Russian with a link to the value form; after
 * ESCALATION_AFTER_DAYS an escalation reaches her focal point; she records the value; the
 * reviewer is told; the approval reaches her; her calendar feed lists the next deadline. Every
 * mail arrives exactly once, however often the sweep and the jobs run.
 */
describe('follow-up scenario: the officer responsible for WL-1', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let wl1: string;
  let due: string;
  const users = {} as Record<'aigul' | 'nurlan' | 'editor', { id: string; email: string; password: string }>;
  const web = {} as Record<'aigul' | 'editor', WebSession>;

  const setToday = (day: string, hourUtc = 6) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`));
  /** The sweep run as often as several instances and restarts would on one day. */
  const sweepDay = async (day: string) => {
    for (const hour of [6, 6, 9, 15]) {
      setToday(day, hour);
      await t.app.get(RemindersService).sweep();
    }
  };
  const pendingJobs = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier <> 'reminders.sweep'`))[0].n;
  const settled = async () => {
    const end = Date.now() + 30_000;
    while ((await pendingJobs()) > 0) {
      if (Date.now() > end) throw new Error('jobs did not run');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  };
  /** The notification (one row) of a kind for a person about WL-1's period, with the mails that carry it. */
  const told = async (userId: string, kind: string, period: string) => {
    const rows = await t.sql<{ id: string }>(
      `SELECT n.id FROM notification n WHERE n.recipient_id = $1 AND n.kind = $2 AND n.payload->>'period' = $3 AND n.payload->>'indicatorId' = $4::text`,
      [userId, kind, period, wl1],
    );
    const mails = smtp.mails.filter((m) => rows.some((r) => m.messageId === `<notification-${r.id}@${HOST}>`));
    return { rows, mails };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Tracker <tracker@example.kg>', PUBLIC_BASE_URL: BASE });
    await seedSokulukRoundtable(t.app.get(DataSource));
    const [indicator] = await t.sql<{ id: string; organization_id: string; lag: number }>(
      `SELECT i.id, i.responsible_organization_id AS organization_id, p.reporting_lag_days AS lag FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id WHERE i.code = 'WL-1'`,
    );
    wl1 = indicator.id;
    due = addDays('2026-03-31', indicator.lag);
    users.aigul = await createUser(t, { email: 'aigul@sokuluk.kg', displayName: 'Айгуль', role: Role.MINISTRY, organizationId: indicator.organization_id, language: 'ru' });
    users.nurlan = await createUser(t, { email: 'nurlan@sokuluk.kg', displayName: 'Нурлан', role: Role.MINISTRY, organizationId: indicator.organization_id, language: 'ru' });
    users.editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR, language: 'en' });
    // ADMIN: Nurlan is the district's focal point; Aigul answers for WL-1, now reported each quarter.
    await t.gqlOk(`mutation ($o: ID!, $u: [ID!]!) { setFocalPoints(input: { organizationId: $o, userIds: $u }) { id } }`, { o: indicator.organization_id, u: [users.nurlan.id] });
    const updated = await t.gqlOk(`mutation ($id: ID!, $u: ID!) { updateIndicator(id: $id, input: { reportingFrequency: QUARTERLY, responsibleUserId: $u }) { responsibleOfficer { displayName } } }`, {
      id: wl1,
      u: users.aigul.id,
    });
    expect(updated.updateIndicator.responsibleOfficer).toEqual({ displayName: 'Айгуль' });
    for (const name of ['aigul', 'editor'] as const) {
      web[name] = new WebSession(t);
      expect((await web[name].signIn(users[name].email, users[name].password)).status).toBe(303);
    }
    await t.app.get(JobWorker).start();
    await settled();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('reminds Aigul once, in Russian, a week past the 2026-Q1 deadline, with a link to the value form', async () => {
    await sweepDay(addDays(due, 7));
    await settled();
    const { rows, mails } = await told(users.aigul.id, 'REMINDER_LATE', '2026-Q1');
    expect(rows).toHaveLength(1);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/^WL-1, .*: значение не представлено, срок \(\d{4}-\d{2}-\d{2}\) пропущен на 7 дней$/);
    // Her focal point is not told while she is the active officer, and the escalation is not yet due.
    expect((await told(users.nurlan.id, 'REMINDER_LATE', '2026-Q1')).rows).toEqual([]);
    expect((await told(users.nurlan.id, 'ESCALATION', '2026-Q1')).rows).toEqual([]);
    const link = new RegExp(`${BASE}(/work/indicators/${wl1}\\?lang=ru)`).exec(mails[0].text ?? '');
    expect(link).not.toBeNull();
    const page = await web.aigul.get(link![1]);
    expect(page.status).toBe(200);
    expect(page.text).toContain('lang="ru"');
    // The value form (WL-1 is broken down by district: the form that records the value and its breakdown).
    expect(page.text).toMatch(new RegExp(`<form method="post" action="/work/indicators/${wl1}/(values|breakdown)"`));
  });

  it(`escalates to her focal point once, ESCALATION_AFTER_DAYS past the deadline`, async () => {
    const after = t.app.get(AppConfig).get('ESCALATION_AFTER_DAYS');
    await sweepDay(addDays(due, after));
    await settled();
    const escalation = await told(users.nurlan.id, 'ESCALATION', '2026-Q1');
    expect(escalation.rows).toHaveLength(1);
    expect(escalation.mails).toHaveLength(1);
    expect(escalation.mails[0].subject).toMatch(/^Эскалация: WL-1, /);
    expect((await told(users.editor.id, 'ESCALATION', '2026-Q1')).mails).toHaveLength(1);
    // Aigul is told weekly while it is late, not escalated to.
    expect((await told(users.aigul.id, 'ESCALATION', '2026-Q1')).rows).toEqual([]);
    expect((await told(users.aigul.id, 'REMINDER_LATE', '2026-Q1')).mails).toHaveLength(after % 7 === 0 ? 2 : 1);
  });

  it('she records the value; the reviewer is told once; the approval reaches her once, in Russian', async () => {
    await web.aigul.get(`/work/indicators/${wl1}`);
    const recorded = await web.aigul.post(`/work/indicators/${wl1}/values`, { year: '2026', quarter: '1', value: '24', 'source-ru': 'Отчёт района', 'source-en': '', 'note-en': '' });
    expect(recorded.status).toBe(303);
    await settled();
    const submitted = await told(users.editor.id, 'VALUE_SUBMITTED', '2026-Q1');
    expect(submitted.mails).toHaveLength(1);
    expect(submitted.mails[0].subject).toBe('WL-1, 2026-Q1: version 1 was submitted and waits for review');
    expect((await told(users.aigul.id, 'VALUE_SUBMITTED', '2026-Q1')).rows).toEqual([]);

    const [version] = await t.sql<{ id: string; number: number }>(
      `SELECT w.id, w.number FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id WHERE v.indicator_id = $1 AND v.period = '2026-Q1'`,
      [wl1],
    );
    await web.editor.get('/work/review');
    expect((await web.editor.post(`/work/review/${version.id}/approve`, { expectedVersion: String(version.number) })).status).toBe(303);
    await settled();
    const approved = await told(users.aigul.id, 'VALUE_APPROVED', '2026-Q1');
    expect(approved.mails).toHaveLength(1);
    expect(approved.mails[0].subject).toMatch(/^WL-1, .*: ваше значение утверждено$/);

    // Reported: later sweeps remind nobody of 2026-Q1. (The database stamps versions with its own
    // clock, not the test's: date this one on the test's day, when she recorded it.)
    await t.sql(`UPDATE indicator_value_version SET submitted_at = $2, reviewed_at = $2 WHERE id = $1`, [version.id, `${addDays(due, 14)}T08:00:00Z`]);
    await sweepDay(addDays(due, 21));
    await settled();
    expect((await t.sql(`SELECT 1 FROM notification WHERE kind = 'REMINDER_LATE' AND payload->>'period' = '2026-Q1' AND payload->>'days' = '21'`))).toEqual([]);
  });

  it('her calendar feed lists the next deadline, 2026-Q2, and no longer 2026-Q1', async () => {
    const url = await t.app.get(CalendarService).create({ tokenId: null, userId: users.aigul.id, name: 'Айгуль', role: Role.MINISTRY, organizationId: null, requestId: null });
    const feed = await request(t.app.getHttpServer()).get(new URL(url).pathname);
    expect(feed.status).toBe(200);
    const next = addDays('2026-06-30', (await t.sql<{ lag: number }>(`SELECT p.reporting_lag_days AS lag FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id WHERE i.id = $1`, [wl1]))[0].lag);
    const events = feed.text.split('BEGIN:VEVENT').slice(1);
    const q2 = events.filter((e) => e.includes(`indicator-${wl1}-2026-Q2@`));
    expect(q2).toHaveLength(1);
    expect(q2[0]).toContain(`DTSTART;VALUE=DATE:${next.replace(/-/g, '')}`);
    expect(q2[0]).toMatch(/SUMMARY:.*WL-1/);
    expect(events.some((e) => e.includes(`indicator-${wl1}-2026-Q1@`))).toBe(false);
  });
});
