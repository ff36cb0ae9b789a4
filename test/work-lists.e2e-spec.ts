import { Role } from '../src/auth/role.enum';
import { Clock } from '../src/common/clock';
import { createActionPlan, createIndicator, createOrganization, createRecommendation, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

/** Issue 25: /work lists what is due in the next 30 days, what is late and what waits for me, scoped as the calendar feed is. */
describe('/work lists', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let officer: WebSession;
  let editor: WebSession;
  let other: WebSession;
  const codes = {} as Record<'soon' | 'far' | 'late' | 'otherSoon' | 'closedLate', string>;
  let indicatorCode: string;
  let returnedVersionId: string;
  let waitingVersionId: string;

  /** The data-deadline keys of a list of the page. */
  const listed = (html: string, list: string): string[] => {
    const table = new RegExp(`<table[^>]*data-list="${list}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
    return [...table.matchAll(/data-(?:deadline|version-id)="([^"]+)"/g)].map((m) => m[1]);
  };

  /** Makes the value's version Aliya's (as if she had submitted it on the page); its id. */
  const byAliya = async (valueId: string, userId: string) => {
    await t.sql(`UPDATE indicator_value_version SET submitted_by = 'Aliya', submitted_by_user_id = $2 WHERE indicator_value_id = $1`, [valueId, userId]);
    return (await t.sql<{ id: string }>('SELECT id FROM indicator_value_version WHERE indicator_value_id = $1', [valueId]))[0];
  };

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-03-10T06:00:00Z'));
    orgA = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry A' })).id;
    orgB = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry B' })).id;
    codes.soon = (await createRecommendation(t, { dueDate: '2026-03-20', responsibleOrganizationIds: [orgA] })).code;
    codes.far = (await createRecommendation(t, { dueDate: '2026-05-20', responsibleOrganizationIds: [orgA] })).code;
    codes.late = (await createRecommendation(t, { dueDate: '2026-02-01', responsibleOrganizationIds: [orgA] })).code;
    codes.otherSoon = (await createRecommendation(t, { dueDate: '2026-03-21', responsibleOrganizationIds: [orgB] })).code;
    const closed = await createRecommendation(t, { dueDate: '2026-02-02', responsibleOrganizationIds: [orgA] });
    codes.closedLate = closed.code;
    await t.sql(`UPDATE recommendation SET status = 'IMPLEMENTED' WHERE id = $1`, [closed.id]);
    const plan = await createActionPlan(t, { startYear: 2024, endYear: 2027 });
    const indicator = await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: orgA, reportingFrequency: 'YEARLY' });
    indicatorCode = indicator.code;
    const aliya = await createUser(t, { email: 'aliya@a.kg', displayName: 'Aliya', role: Role.MINISTRY, organizationId: orgA, language: 'ru' });
    await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR });
    await createUser(t, { email: 'officer@b.kg', role: Role.MINISTRY, organizationId: orgB });
    // Values of 2024 by Aliya: one returned to her, one waiting for review.
    const returned = await recordValue(t, { indicatorId: indicator.id, period: '2024', value: 5 }, { approve: false, reportedOnTime: false });
    const version = await byAliya(returned.id, aliya.id);
    returnedVersionId = version.id;
    await t.gqlOk(`mutation ($v: ID!) { reviewValue(input: { versionId: $v, decision: RETURN, reason: "Wrong unit" }) { id } }`, { v: version.id });
    const indicator2 = await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: orgA });
    const waiting = await recordValue(t, { indicatorId: indicator2.id, period: '2024', value: 7 }, { approve: false, reportedOnTime: false });
    const w = await byAliya(waiting.id, aliya.id);
    waitingVersionId = w.id;
    officer = new WebSession(t);
    expect((await officer.signIn('aliya@a.kg', aliya.password)).status).toBe(303);
    editor = new WebSession(t);
    expect((await editor.signIn('editor@secretariat.kg', aliya.password)).status).toBe(303);
    other = new WebSession(t);
    expect((await other.signIn('officer@b.kg', aliya.password)).status).toBe(303);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it("lists a MINISTRY officer's organisation's deadlines of the next 30 days, its late ones, and her returned value", async () => {
    const res = await officer.get('/work?lang=ru');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Сроки в ближайшие 30 дней');
    expect(listed(res.text, 'upcoming')).toEqual([codes.soon]);
    // The 2025 report of the yearly indicator was due at the end of 2025 plus the plan's lag: late by now.
    expect(listed(res.text, 'late')).toEqual(expect.arrayContaining([codes.late, `${indicatorCode}/2025`]));
    expect(listed(res.text, 'late')).not.toContain(codes.closedLate);
    expect(listed(res.text, 'for-me')).toEqual([returnedVersionId]);
  });

  it("shows another ministry none of them, and the secretariat everything with the values to review", async () => {
    const b = await other.get('/work');
    expect(listed(b.text, 'upcoming')).toEqual([codes.otherSoon]);
    expect(listed(b.text, 'late')).toEqual([]);
    expect(listed(b.text, 'for-me')).toEqual([]);
    const e = await editor.get('/work');
    expect(listed(e.text, 'upcoming')).toEqual([codes.soon, codes.otherSoon]);
    expect(listed(e.text, 'for-me')).toEqual([waitingVersionId]);
  });
});
