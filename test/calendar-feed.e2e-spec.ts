import request from 'supertest';
import { addDays } from '../src/action-plan/progress-cut';
import { Role } from '../src/auth/role.enum';
import { Clock } from '../src/common/clock';
import { createActionPlan, createIndicator, createOrganization, createRecommendation } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

const BASE = 'http://tracker.example.kg';

interface CalendarEvent {
  start: string;
  summary: string;
  url: string;
}

/** The VEVENTs of iCalendar text (lines unfolded, RFC 5545 3.1). */
function events(ics: string): CalendarEvent[] {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  expect(unfolded.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(unfolded.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  return [...unfolded.matchAll(/BEGIN:VEVENT\r\n([\s\S]*?)END:VEVENT/g)].map((m) => {
    const field = (name: string) => new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, 'm').exec(m[1])?.[1].trim() ?? '';
    return { start: field('DTSTART'), summary: field('SUMMARY').replace(/\\([,;\\])/g, '$1'), url: field('URL') };
  });
}

/** Issue 25, step 5: a person's deadlines as a calendar feed, behind a secret made and revoked on /account. */
describe('calendar feed', () => {
  let t: TestApp;
  let indicatorCode: string;
  let lag: number;
  let today: string;
  const recs: Record<'mine' | 'closed' | 'other' | 'far', { id: string; code: string }> = {} as never;
  const web: Record<'officerA' | 'officerB', WebSession> = {} as never;

  const feed = (path: string) => request(t.app.getHttpServer()).get(path);
  /** Creates the person's calendar address on /account; its path. */
  const createAddress = async (session: WebSession) => {
    await session.get('/account');
    const res = await session.post('/account/calendar');
    expect(res.status).toBe(200);
    const match = new RegExp(`${BASE}(/calendar/rtt_[A-Za-z0-9_-]{43}\\.ics)`).exec(res.text);
    expect(match).not.toBeNull();
    return match![1];
  };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: BASE });
    today = t.app.get(Clock).today();
    const orgA = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Labour' })).id;
    const orgB = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Health' })).id;
    const year = Number(today.slice(0, 4));
    const plan = await createActionPlan(t, { startYear: year - 1, endYear: year + 1 });
    lag = (await t.sql<{ lag: number }>('SELECT reporting_lag_days AS lag FROM action_plan WHERE id = $1', [plan.id]))[0].lag;
    const indicator = await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: orgA, unit: 'people', name: 'Women trained' });
    indicatorCode = indicator.code;
    const rec = async (dueDate: string, org: string, title: string) => {
      const r = await createRecommendation(t, { dueDate, responsibleOrganizationIds: [org], indicatorIds: [indicator.id], title: undefined, titleTranslations: [{ locale: 'EN', text: title }, { locale: 'RU', text: `${title} (ru)` }] });
      return { id: r.id, code: r.code };
    };
    recs.mine = await rec(addDays(today, 10), orgA, 'Quota for women');
    recs.closed = await rec(addDays(today, 11), orgA, 'Closed one');
    await t.sql(`UPDATE recommendation SET status = 'IMPLEMENTED' WHERE id = $1`, [recs.closed.id]);
    recs.other = await rec(addDays(today, 12), orgB, 'Health one');
    recs.far = await rec(addDays(today, 400), orgA, 'Far one');
    const officerA = await createUser(t, { email: 'officer@mlsp.kg', role: Role.MINISTRY, organizationId: orgA, language: 'ru' });
    const officerB = await createUser(t, { email: 'officer@health.kg', role: Role.MINISTRY, organizationId: orgB, language: 'en' });
    web.officerA = new WebSession(t);
    web.officerB = new WebSession(t);
    expect((await web.officerA.signIn(officerA.email, officerA.password)).status).toBe(303);
    expect((await web.officerB.signIn(officerB.email, officerB.password)).status).toBe(303);
  });
  afterAll(() => t?.close());

  it("lists a ministry officer's upcoming deadlines of their organisation only, in Russian", async () => {
    const path = await createAddress(web.officerA);
    const res = await feed(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const list = events(res.text);
    const mine = list.find((e) => e.summary.includes(recs.mine.code));
    expect(mine).toEqual({
      start: addDays(today, 10).replaceAll('-', ''),
      summary: `Срок: рекомендация ${recs.mine.code}: Quota for women (ru)`,
      url: `${BASE}/work/recommendations/${recs.mine.id}?lang=ru`,
    });
    for (const r of [recs.closed, recs.other, recs.far]) expect(list.some((e) => e.summary.includes(r.code))).toBe(false);
    // The indicator's reporting deadlines of the next 12 months (period end + the plan's lag), none reported yet.
    const year = Number(today.slice(0, 4));
    const expected = [`${year - 1}-12-31`, `${year}-12-31`, `${year + 1}-12-31`]
      .map((end, i) => ({ period: String(year - 1 + i), due: addDays(end, lag) }))
      .filter(({ due }) => due >= today && due <= addDays(today, 366));
    const indicatorEvents = list.filter((e) => e.summary.startsWith('Срок отчёта:'));
    expect(indicatorEvents.map((e) => [e.start, e.summary])).toEqual(expected.map(({ period, due }) => [due.replaceAll('-', ''), `Срок отчёта: ${indicatorCode}, ${period}`]));
    expect(expected.length).toBeGreaterThan(0);
  });

  it("gives another ministry's officer only theirs, in their language", async () => {
    const list = events((await feed(await createAddress(web.officerB))).text);
    expect(list.map((e) => e.summary)).toEqual([`Due: recommendation ${recs.other.code}: Health one`]);
  });

  it('stops a replaced or revoked address, and an unknown one is 404', async () => {
    const first = await createAddress(web.officerA);
    const second = await createAddress(web.officerA);
    expect((await feed(first)).status).toBe(404);
    expect((await feed(second)).status).toBe(200);
    await web.officerA.get('/account');
    const revoked = await web.officerA.post('/account/calendar/revoke');
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe('/account?done=calendarRevoked');
    expect((await feed(second)).status).toBe(404);
    expect((await feed('/calendar/rtt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
    expect((await feed('/calendar/nothing.ics')).status).toBe(404);
    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_entry WHERE entity_type = 'CalendarFeed' ORDER BY at, action`);
    expect(audit.map((a) => a.action)).toEqual(['calendarFeed.create', 'calendarFeed.create', 'calendarFeed.create', 'calendarFeed.create', 'calendarFeed.revoke']);
  });

  it('refuses a revocation from someone not signed in', async () => {
    const res = await request(t.app.getHttpServer()).post('/account/calendar/revoke');
    expect([401, 403, 303]).toContain(res.status);
    expect(res.status).not.toBe(200);
  });
});
