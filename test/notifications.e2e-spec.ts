import { UsersService } from '../src/accounts/users.service';
import { Role } from '../src/auth/role.enum';
import { JobWorker } from '../src/jobs/job-worker';
import { NotificationKind } from '../src/notifications/notification-event';
import { NotificationsService } from '../src/notifications/notifications.service';
import { createActionPlan, createIndicator, createOrganization, createRecommendation } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

interface Row {
  recipient: string;
  kind: string;
  payload: Record<string, unknown>;
  read_at: Date | null;
}

/** Issue 25, step 2: events notify in the application, after their write commits, the right people only. */
describe('notifications in the application', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let indicatorId: string;
  let indicatorCode: string;
  const users: Record<'officerA' | 'officerB' | 'editor' | 'editor2' | 'gone', { id: string; email: string; password: string }> = {} as never;
  const web: Record<'officerA' | 'officerB' | 'editor', WebSession> = {} as never;

  // By recipient (byte order), then time: one event's rows are written by one statement, in no set order.
  const rows = () =>
    t.sql<Row>(
      `SELECT u.email AS recipient, n.kind, n.payload, n.read_at FROM notification n JOIN app_user u ON u.id = n.recipient_id ORDER BY u.email COLLATE "C", n.created_at`,
    );
  const pendingJobs = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs`))[0].n;
  /** Waits until the queue is empty (every delivery ran). */
  const delivered = async () => {
    const end = Date.now() + 15_000;
    while ((await pendingJobs()) > 0) {
      if (Date.now() > end) throw new Error('deliveries did not run');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const submit = async (session: WebSession, fields: Record<string, string>) => {
    await session.get(`/work/indicators/${indicatorId}`);
    return session.post(`/work/indicators/${indicatorId}/values`, { quarter: '', 'source-en': '', 'note-en': '', ...fields });
  };

  beforeAll(async () => {
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200' });
    orgA = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Labour' })).id;
    orgB = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Health' })).id;
    const plan = await createActionPlan(t, { startYear: 2024, endYear: 2027 });
    indicatorId = (await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: orgA, unit: 'people', name: 'Women trained' })).id;
    indicatorCode = (await t.sql<{ code: string }>('SELECT code FROM indicator WHERE id = $1', [indicatorId]))[0].code;
    users.officerA = await createUser(t, { email: 'officer@mlsp.kg', role: Role.MINISTRY, organizationId: orgA, displayName: 'Aida Officer' });
    users.officerB = await createUser(t, { email: 'officer@health.kg', role: Role.MINISTRY, organizationId: orgB, displayName: 'Bermet Officer' });
    users.editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR, displayName: 'Bakyt Editor' });
    users.editor2 = await createUser(t, { email: 'editor2@secretariat.kg', role: Role.EDITOR, displayName: 'Chynara Editor' });
    users.gone = await createUser(t, { email: 'gone@secretariat.kg', role: Role.EDITOR, displayName: 'Former Editor' });
    await t.app.get(UsersService).deactivate(users.gone.id, { tokenId: null, name: 'test', role: Role.ADMIN, organizationId: null, requestId: null });
    for (const name of ['officerA', 'officerB', 'editor'] as const) {
      web[name] = new WebSession(t);
      expect((await web[name].signIn(users[name].email, users[name].password)).status).toBe(303);
    }
    await t.app.get(JobWorker).start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells the active reviewers of a submitted value, not its author, not a deactivated reviewer, not another ministry', async () => {
    expect((await submit(web.officerA, { year: '2025', value: '25' })).status).toBe(303);
    await delivered();
    const told = await rows();
    expect(told.map((r) => [r.recipient, r.kind])).toEqual([
      ['editor2@secretariat.kg', 'VALUE_SUBMITTED'],
      ['editor@secretariat.kg', 'VALUE_SUBMITTED'],
    ]);
    expect(told[0].payload).toMatchObject({ indicatorCode, period: '2025', versionNumber: 1 });
  });

  it('enqueues nothing for a refused write', async () => {
    const before = (await rows()).length;
    // The period has a value: a second one without a correction reason is refused, nothing written.
    expect((await submit(web.officerA, { year: '2025', value: '26' })).status).toBe(400);
    expect(await pendingJobs()).toBe(0);
    await delivered();
    expect((await rows()).length).toBe(before);
  });

  it("tells the value's author when it is approved, with a link to the indicator", async () => {
    const [version] = await t.sql<{ id: string }>(
      `SELECT w.id FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id WHERE v.indicator_id = $1 AND v.period = '2025'`,
      [indicatorId],
    );
    await web.editor.get('/work/review');
    expect((await web.editor.post(`/work/review/${version.id}/approve`, { expectedVersion: '1' })).status).toBe(303);
    await delivered();
    const approved = (await rows()).filter((r) => r.kind === 'VALUE_APPROVED');
    expect(approved.map((r) => r.recipient)).toEqual(['officer@mlsp.kg']);

    const page = await web.officerA.get('/work/notifications');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Notifications (1)');
    expect(page.text).toContain(`${indicatorCode}, 2025: your value was approved`);
    expect(page.text).toContain(`href="/work/indicators/${indicatorId}"`);
  });

  it("tells the responsible organisation's MINISTRY users of a transition, never another organisation's", async () => {
    const recA = await createRecommendation(t, { responsibleOrganizationIds: [orgA] });
    const recB = await createRecommendation(t, { responsibleOrganizationIds: [orgB] });
    for (const id of [recA.id, recB.id]) {
      await t.gqlOk('mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }', { id });
    }
    await delivered();
    const moved = (await rows()).filter((r) => r.kind === 'RECOMMENDATION_TRANSITIONED');
    expect(moved.map((r) => [r.recipient, r.payload.code]).sort()).toEqual(
      [
        ['officer@health.kg', recB.code],
        ['officer@mlsp.kg', recA.code],
      ].sort(),
    );
    const page = await web.officerA.get('/work/notifications');
    expect(page.text).toContain(`Recommendation ${recA.code} moved from “Proposed” to “Under review”`);
    expect(page.text).not.toContain(recB.code);
  });

  it('never tells a MINISTRY user about another organisation, whoever the event names', async () => {
    const [value] = await t.sql<{ id: string }>(`SELECT id FROM indicator_value WHERE indicator_id = $1`, [indicatorId]);
    const written = await t.app.get(NotificationsService).deliver({
      kind: NotificationKind.VALUE_APPROVED,
      subjectType: 'IndicatorValue',
      subjectId: value.id,
      occurrence: 'named-directly',
      audience: { kind: 'USERS', userIds: [users.officerB.id, users.gone.id, users.officerA.id] },
      actorUserId: null,
      payload: {},
    });
    expect(written).toBe(1);
    expect((await rows()).filter((r) => r.recipient === 'officer@health.kg' && r.kind === 'VALUE_APPROVED')).toEqual([]);
  });

  it('delivers an event once however often its job runs', async () => {
    const before = (await rows()).length;
    const [value] = await t.sql<{ id: string }>(`SELECT id FROM indicator_value WHERE indicator_id = $1`, [indicatorId]);
    const again = await t.app.get(NotificationsService).deliver({
      kind: NotificationKind.VALUE_APPROVED,
      subjectType: 'IndicatorValue',
      subjectId: value.id,
      occurrence: 'named-directly',
      audience: { kind: 'USERS', userIds: [users.officerA.id] },
      actorUserId: null,
      payload: {},
    });
    expect(again).toBe(0);
    expect((await rows()).length).toBe(before);
  });

  it('marks one and then all read by POST forms with the CSRF token; another person cannot', async () => {
    const page = await web.officerA.get('/work/notifications');
    expect(page.text).toContain('Notifications (3)');
    const ids = [...page.text.matchAll(/data-notification="([0-9a-f-]+)" data-unread="true"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);

    const forged = await web.officerA.agent.post(`/work/notifications/${ids[0]}/read`).type('form').send({});
    expect(forged.status).toBe(403);
    await web.officerB.get('/work/notifications');
    expect((await web.officerB.post(`/work/notifications/${ids[0]}/read`)).status).toBe(404);
    expect((await web.officerB.post('/work/notifications/not-an-id/read')).status).toBe(404);
    expect((await rows()).filter((r) => r.recipient === 'officer@mlsp.kg' && r.read_at !== null)).toEqual([]);

    const one = await web.officerA.post(`/work/notifications/${ids[0]}/read`);
    expect(one.status).toBe(303);
    expect(one.headers.location).toBe('/work/notifications?read=1');
    const after = await web.officerA.get('/work/notifications?read=1');
    expect(after.text).toContain('Notifications (2)');
    expect(after.text).toContain('Marked as read.');
    expect((await web.officerA.post('/work/notifications/read')).status).toBe(303);
    expect((await web.officerA.get('/work/notifications')).text).toContain('Notifications (0)');
    expect((await rows()).filter((r) => r.recipient === 'officer@mlsp.kg' && r.read_at === null)).toEqual([]);
  });

  it('shows the messages in the reader’s language', async () => {
    const page = await web.officerA.get('/work/notifications?lang=ru');
    expect(page.text).toContain(`${indicatorCode}, 2025: ваше значение утверждено`);
    expect(page.text).toContain('Уведомления (0)');
  });
});
