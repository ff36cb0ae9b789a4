import { UsersService } from '../src/accounts/users.service';
import { addDays } from '../src/action-plan/progress-cut';
import { Role } from '../src/auth/role.enum';
import { Clock } from '../src/common/clock';
import { JobWorker } from '../src/jobs/job-worker';
import { RemindersRepository } from '../src/reminders/reminders.repository';
import { RemindersService } from '../src/reminders/reminders.service';
import { createActionPlan, createIndicator, createOrganization, createRecommendation, recordValue } from './support/factories';
import { startSmtp } from './support/smtp-server';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

const BASE = 'http://tracker.example.kg';

interface Row {
  recipient: string;
  kind: string;
  subject_id: string;
  payload: Record<string, unknown>;
}

/** Issue 25, step 4: the daily reminder sweep (due soon, late, escalated), once per rule, item, person and day. */
describe('reminders', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let orgA: string;
  let orgB: string;
  let indicatorId: string;
  let lag: number;
  const users: Record<'officerA' | 'officerB' | 'editor' | 'gone', { id: string; email: string; password: string }> = {} as never;

  /** Sets "today" (noon in Bishkek) for the app's Clock. */
  const setToday = (day: string, hourUtc = 6) => {
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`));
  };
  const sweep = () => t.app.get(RemindersService).sweep();
  const about = (subjectId: string) =>
    t.sql<Row>(
      `SELECT u.email AS recipient, n.kind, n.subject_id, n.payload FROM notification n JOIN app_user u ON u.id = n.recipient_id
        WHERE n.subject_id = $1 AND n.kind IN ('REMINDER_DUE', 'REMINDER_LATE', 'ESCALATION') ORDER BY n.created_at, u.email`,
      [subjectId],
    );
  const pendingJobs = async () =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier <> 'reminders.sweep'`))[0].n;
  const settled = async () => {
    const end = Date.now() + 20_000;
    while ((await pendingJobs()) > 0) {
      if (Date.now() > end) throw new Error('jobs did not run');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  };
  const mailsTo = (email: string, containing: string) =>
    smtp.mails.filter(
      (m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)) && m.messageId?.startsWith('<notification-') && (m.subject ?? '').includes(containing),
    );
  const recommendation = async (dueDate: string, organizationId = orgA) => {
    const r = await createRecommendation(t, { dueDate, responsibleOrganizationIds: [organizationId], indicatorIds: [indicatorId] });
    return { id: r.id, code: r.code };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Tracker <tracker@example.kg>', PUBLIC_BASE_URL: BASE });
    orgA = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Labour' })).id;
    orgB = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Health' })).id;
    const plan = await createActionPlan(t, { startYear: 2024, endYear: 2027 });
    lag = (await t.sql<{ lag: number }>('SELECT reporting_lag_days AS lag FROM action_plan WHERE id = $1', [plan.id]))[0].lag;
    indicatorId = (await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: orgA, unit: 'people', name: 'Women trained' })).id;
    users.officerA = await createUser(t, { email: 'officer@mlsp.kg', role: Role.MINISTRY, organizationId: orgA, language: 'ru' });
    users.officerB = await createUser(t, { email: 'officer@health.kg', role: Role.MINISTRY, organizationId: orgB });
    users.editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR });
    users.gone = await createUser(t, { email: 'gone@mlsp.kg', role: Role.MINISTRY, organizationId: orgA });
    await t.app.get(UsersService).deactivate(users.gone.id, { tokenId: null, name: 'test', role: Role.ADMIN, organizationId: null, requestId: null });
    await t.app.get(JobWorker).start();
    await settled();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it("reminds its ministry's active officer of a recommendation due in 3 days, once a day however often the sweep runs", async () => {
    const r = await recommendation('2026-03-13');
    setToday('2026-03-10');
    await sweep();
    const first = await about(r.id);
    expect(first.map((n) => [n.recipient, n.kind])).toEqual([['officer@mlsp.kg', 'REMINDER_DUE']]);
    expect(first[0].payload).toMatchObject({ code: r.code, dueOn: '2026-03-13', days: 3 });

    // Again the same day, later: nothing new.
    await sweep();
    setToday('2026-03-10', 12);
    await sweep();
    expect(await about(r.id)).toHaveLength(1);

    // The next day is no reminder day (2 days before).
    setToday('2026-03-11');
    await sweep();
    expect(await about(r.id)).toHaveLength(1);

    // The day itself is.
    setToday('2026-03-13');
    await sweep();
    expect((await about(r.id)).map((n) => [n.kind, n.payload.days])).toEqual([
      ['REMINDER_DUE', 3],
      ['REMINDER_DUE', 0],
    ]);
  });

  it('mails the reminder once, in Russian, with a link to the recommendation page', async () => {
    const r = await recommendation('2026-04-13');
    setToday('2026-04-10');
    await sweep();
    await sweep();
    await settled();
    const mails = mailsTo('officer@mlsp.kg', r.code);
    expect(mails.map((m) => m.subject)).toEqual([`Срок выполнения рекомендации ${r.code} — 2026-04-13: через 3 дня`]);
    expect(mails[0].text).toContain(`${BASE}/work/recommendations/${r.id}?lang=ru`);
    const web = new WebSession(t);
    expect((await web.signIn('officer@mlsp.kg', users.officerA.password)).status).toBe(303);
    expect((await web.get(`/work/recommendations/${r.id}?lang=ru`)).status).toBe(200);
    expect(mailsTo('officer@health.kg', r.code)).toEqual([]);
    expect(mailsTo('gone@mlsp.kg', r.code)).toEqual([]);
  });

  it('tells weekly while late, and escalates to the editors after 14 days', async () => {
    const r = await recommendation('2026-05-01');
    setToday('2026-05-08');
    await sweep();
    expect((await about(r.id)).map((n) => [n.recipient, n.kind, n.payload.days])).toEqual([['officer@mlsp.kg', 'REMINDER_LATE', 7]]);
    setToday('2026-05-09');
    await sweep();
    expect(await about(r.id)).toHaveLength(1);
    setToday('2026-05-15');
    await sweep();
    const rows = await about(r.id);
    expect(rows.map((n) => [n.recipient, n.kind, n.payload.days]).sort()).toEqual([
      ['editor@secretariat.kg', 'ESCALATION', 14],
      ['officer@mlsp.kg', 'REMINDER_LATE', 14],
      ['officer@mlsp.kg', 'REMINDER_LATE', 7],
    ]);
    // An ESCALATION is sent once.
    setToday('2026-05-22');
    await sweep();
    expect((await about(r.id)).filter((n) => n.kind === 'ESCALATION')).toHaveLength(1);
    await settled();
    expect(mailsTo('editor@secretariat.kg', r.code).map((m) => m.subject)).toEqual([`Escalated: recommendation ${r.code} is 14 days late (due on 2026-05-01)`]);
  });

  it('reminds nobody of a closed recommendation, nor a ministry of another ministry’s', async () => {
    const closed = await recommendation('2026-06-13');
    await t.sql(`UPDATE recommendation SET status = 'IMPLEMENTED' WHERE id = $1`, [closed.id]);
    const other = await recommendation('2026-06-13', orgB);
    setToday('2026-06-10');
    await sweep();
    expect(await about(closed.id)).toEqual([]);
    expect((await about(other.id)).map((n) => n.recipient)).toEqual(['officer@health.kg']);
  });

  it('reminds of an indicator period past its deadline without a value, and not once the value is submitted', async () => {
    const due = addDays('2025-12-31', lag);
    // Earlier sweeps (other days) may have told of this period already: only what this test's sweeps add counts.
    const period2025 = async () => (await about(indicatorId)).filter((n) => n.payload.period === '2025');
    const before = (await period2025()).length;
    setToday(addDays(due, 7));
    await sweep();
    const late = (await period2025()).slice(before);
    expect(late.map((n) => [n.recipient, n.kind, n.payload.dueOn, n.payload.days])).toEqual([['officer@mlsp.kg', 'REMINDER_LATE', due, 7]]);
    await settled();
    const mails = mailsTo('officer@mlsp.kg', `пропущен на 7 дней`);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(`, 2025: значение не представлено, срок (${due}) пропущен на 7 дней`);
    expect(mails[0].text).toContain(`${BASE}/work/indicators/${indicatorId}?lang=ru`);

    await recordValue(t, { indicatorId, period: '2025', value: 10 }, { approve: false });
    setToday(addDays(due, 14));
    await sweep();
    expect((await period2025()).slice(before)).toHaveLength(1);
  });

  it('reminds of an indicator period 3 days before its deadline', async () => {
    const due = addDays('2026-12-31', lag);
    setToday(addDays(due, -3));
    await sweep();
    const rows = (await about(indicatorId)).filter((n) => n.payload.period === '2026');
    expect(rows.map((n) => [n.recipient, n.kind, n.payload.days])).toEqual([['officer@mlsp.kg', 'REMINDER_DUE', 3]]);
  });

  it('keeps what a sweep cut short committed, and the next run writes the rest once (each rule commits on its own)', async () => {
    const due = addDays('2027-12-31', lag);
    const r = await recommendation(due);
    setToday(addDays(due, -3));
    // The indicators' first rule fails (a lost connection, say) after the recommendations' rules have committed.
    jest.spyOn(t.app.get(RemindersRepository), 'indicatorPeriods').mockImplementationOnce(() => {
      throw new Error('connection lost');
    });
    await expect(sweep()).rejects.toThrow('connection lost');
    const period2027 = async () => (await about(indicatorId)).filter((n) => n.payload.period === '2027');
    expect((await about(r.id)).map((n) => [n.recipient, n.kind])).toEqual([['officer@mlsp.kg', 'REMINDER_DUE']]);
    expect(await period2027()).toEqual([]);

    const again = await sweep();
    expect(again).toMatchObject({ 'recommendation.due': 0, 'indicator.due': 1 });
    expect(await about(r.id)).toHaveLength(1);
    expect((await period2027()).map((n) => [n.recipient, n.kind, n.payload.days])).toEqual([['officer@mlsp.kg', 'REMINDER_DUE', 3]]);
  });
});
