import { Role } from '../src/auth/role.enum';
import { parseExportArguments } from '../src/exports/cli/export-arguments';
import { ExportsService } from '../src/exports/exports.service';
import { download } from './exports-support';
import { createActionPlan, createIndicator, createOrganization } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

interface VersionRow {
  id: string;
  number: number;
  value: number;
  review_status: string;
  reviewed_by: string | null;
  return_reason: string | null;
  correction_reason: string | null;
}

/** Issue 23's pages: the review queue, the versions on the staff indicator page, My work's returned values, versions=all. */
describe('value review pages', () => {
  let t: TestApp;
  let orgId: string;
  let planId: string;
  let indicatorId: string;
  let indicatorCode: string;
  const web: Record<'officer' | 'editor' | 'editor2' | 'viewer' | 'analyst', WebSession> = {} as never;

  const versionsOf = (period: string, id = indicatorId) =>
    t.sql<VersionRow>(
      `SELECT w.id, w.number, w.value, w.review_status, w.reviewed_by, w.return_reason, w.correction_reason
         FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id
        WHERE v.indicator_id = $1 AND v.period = $2 ORDER BY w.number`,
      [id, period],
    );
  const auditCount = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry`))[0].n;
  const submit = async (session: WebSession, fields: Record<string, string>, id = indicatorId) => {
    await session.get(`/work/indicators/${id}`);
    return session.post(`/work/indicators/${id}/values`, { quarter: '', 'source-en': '', 'note-en': '', ...fields });
  };

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await createOrganization(t, { kind: 'MINISTRY', name: 'Ministry of Labour' })).id;
    planId = (await createActionPlan(t, { startYear: 2024, endYear: 2027 })).id;
    const indicator = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: orgId, unit: 'people', name: 'Women trained' });
    indicatorId = indicator.id;
    indicatorCode = (await t.sql<{ code: string }>('SELECT code FROM indicator WHERE id = $1', [indicatorId]))[0].code;
    const users = {
      officer: await createUser(t, { email: 'officer@mlsp.kg', role: Role.MINISTRY, organizationId: orgId, displayName: 'Aida Officer' }),
      editor: await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR, displayName: 'Bakyt Editor' }),
      editor2: await createUser(t, { email: 'editor2@secretariat.kg', role: Role.EDITOR, displayName: 'Chynara Editor' }),
      viewer: await createUser(t, { email: 'viewer@ngo.kg', role: Role.VIEWER }),
      analyst: await createUser(t, { email: 'analyst@stat.kg', role: Role.ANALYST }),
    };
    for (const [name, user] of Object.entries(users)) {
      const session = new WebSession(t);
      expect((await session.signIn(user.email, user.password)).status).toBe(303);
      web[name as keyof typeof web] = session;
    }
  });
  afterAll(() => t.close());

  it('is for ADMIN and EDITOR: VIEWER, ANALYST and MINISTRY get the 403 page, and see no review link', async () => {
    for (const who of ['viewer', 'analyst', 'officer'] as const) {
      const page = await web[who].get('/work/review');
      expect(page.status).toBe(403);
      expect(page.text).toContain('data-error-code="FORBIDDEN"');
      expect((await web[who].get('/work')).text).not.toContain('href="/work/review"');
      // Nor can they post a decision.
      const posted = await web[who].post(`/work/review/${'9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'}/approve`, { expectedVersion: '1' });
      expect(posted.status).toBe(403);
    }
    const editor = await web.editor.get('/work/review');
    expect(editor.status).toBe(200);
    expect(editor.text).toContain('Nothing is waiting for review.');
  });

  it('lists a submitted value (oldest first) with the navigation count; a return needs a reason and changes nothing without one', async () => {
    expect((await submit(web.officer, { year: '2025', value: '40' })).status).toBe(303);
    expect((await submit(web.officer, { year: '2024', value: '30' })).status).toBe(303);
    const [v1] = await versionsOf('2025');
    const [older] = await versionsOf('2024');
    const page = await web.editor.get('/work/review');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Review (2)');
    const listed = [...page.text.matchAll(/data-version-id="([0-9a-f-]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual([v1.id, older.id]);
    expect(page.text).toContain(`${indicatorCode}: Women trained`);
    expect(page.text).toContain('Aida Officer');
    expect(page.text).toContain('None yet: the first value for this period');
    expect(page.text).toContain(`action="/work/review/${v1.id}/approve"`);
    expect(page.text).toContain(`id="reason-${v1.id}"`);

    const audits = await auditCount();
    const blank = await web.editor.post(`/work/review/${v1.id}/return`, { expectedVersion: '1', reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain(`href="#reason-${v1.id}"`);
    expect(blank.text).toContain('Say why you return the value');
    expect((await versionsOf('2025'))[0].review_status).toBe('SUBMITTED');
    expect(await auditCount()).toBe(audits);

    const returned = await web.editor.post(`/work/review/${v1.id}/return`, { expectedVersion: '1', reason: 'The district total double-counts Q3' });
    expect(returned.status).toBe(303);
    expect(returned.headers.location).toBe(`/work/review?returned=${v1.id}`);
    const after = await web.editor.get(returned.headers.location);
    expect(after.text).toContain('govuk-notification-banner--success');
    expect(after.text).toContain(`Returned to Aida Officer: ${indicatorCode}, 2025, version 1.`);
    expect(after.text).not.toContain(`data-version-id="${v1.id}"`);
    expect(after.text).toContain('Review (1)');
    expect((await versionsOf('2025'))[0]).toMatchObject({ review_status: 'RETURNED', reviewed_by: 'Bakyt Editor', return_reason: 'The district total double-counts Q3' });
    const [audit] = await t.sql<{ action: string; actor_name: string }>(`SELECT action, actor_name FROM audit_entry ORDER BY at DESC, id DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'indicatorValue.return', actor_name: 'Bakyt Editor' });
  });

  it('refuses a form without its CSRF token and changes nothing', async () => {
    const [older] = await versionsOf('2024');
    await web.editor.get('/work/review');
    const missing = await web.editor.agent.post(`/work/review/${older.id}/approve`).type('form').send({ expectedVersion: '1' });
    expect(missing.status).toBe(403);
    const wrong = await web.editor.post(`/work/review/${older.id}/approve`, { _csrf: 'x'.repeat(43), expectedVersion: '1' });
    expect(wrong.status).toBe(403);
    expect((await versionsOf('2024'))[0].review_status).toBe('SUBMITTED');
  });

  it('shows the officer the returned value in My work and on the indicator page; the correction waits for review', async () => {
    const work = await web.officer.get('/work');
    expect(work.status).toBe(200);
    const returnedList = /data-list="returned"[^]*?<\/table>/.exec(work.text)?.[0] ?? '';
    expect(returnedList).toContain('The district total double-counts Q3');
    expect(returnedList).toContain('Bakyt Editor');
    expect(returnedList).toContain(`href="/work/indicators/${indicatorId}?correct=2025#record-title"`);
    const waitingList = /data-list="waiting"[^]*?<\/table>/.exec(work.text)?.[0] ?? '';
    expect(waitingList).toContain(`data-version-id="${(await versionsOf('2024'))[0].id}"`);

    const page = await web.officer.get(`/work/indicators/${indicatorId}?correct=2025`);
    expect(page.text).toMatch(/data-returned-period="2025"[^]*Bakyt Editor[^]*The district total double-counts Q3/);
    expect(page.text).toMatch(/id="year"[^>]*value="2025"/);
    // Other staff see the history, but the notice is for the person it was returned to.
    expect((await web.editor.get(`/work/indicators/${indicatorId}`)).text).not.toContain('data-returned-period');

    expect((await submit(web.officer, { year: '2025', value: '38', correctionReason: 'Q3 counted once' })).status).toBe(303);
    const after = await web.officer.get('/work');
    expect(after.text).toContain('No value of yours has been returned.');
    expect(/data-list="waiting"[^]*?<\/table>/.exec(after.text)?.[0]).toContain(`data-version-id="${(await versionsOf('2025'))[1].id}"`);
    const queue = await web.editor.get('/work/review');
    expect(queue.text).toContain('Q3 counted once');
    // The period's approved value so far: none (version 1 was returned).
    expect(queue.text).toContain('None yet: the first value for this period');
  });

  it('enforces four eyes from the page: the reviewer’s own value is listed without Approve, and a forged approval is refused', async () => {
    const own = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: orgId });
    expect((await submit(web.editor, { year: '2025', value: '5' }, own.id)).status).toBe(303);
    const [mine] = await versionsOf('2025', own.id);
    const page = await web.editor.get('/work/review');
    const section = new RegExp(`data-version-id="${mine.id}"[^]*?</section>`).exec(page.text)?.[0] ?? '';
    expect(section).toContain('data-own="true"');
    expect(section).toContain('You submitted this value, so another reviewer approves or returns it');
    expect(section).not.toContain('/approve"');
    expect(section).not.toContain('/return"');
    const audits = await auditCount();
    const forged = await web.editor.post(`/work/review/${mine.id}/approve`, { expectedVersion: '1' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('data-error-code="FOUR_EYES"');
    expect(forged.text).toContain('You submitted this value, so someone else must review it.');
    expect(forged.text).toContain(`href="#review-${mine.id}"`);
    expect((await versionsOf('2025', own.id))[0].review_status).toBe('SUBMITTED');
    expect(await auditCount()).toBe(audits);
    // Another editor approves it.
    await web.editor2.get('/work/review');
    const approved = await web.editor2.post(`/work/review/${mine.id}/approve`, { expectedVersion: '1' });
    expect(approved.status).toBe(303);
    expect((await versionsOf('2025', own.id))[0]).toMatchObject({ review_status: 'APPROVED', reviewed_by: 'Chynara Editor' });
  });

  it('approves from the page, and says so plainly when someone else reviewed it meanwhile', async () => {
    const [, v2] = await versionsOf('2025');
    await web.editor.get('/work/review');
    await web.editor2.get('/work/review');
    const approved = await web.editor.post(`/work/review/${v2.id}/approve`, { expectedVersion: '2' });
    expect(approved.status).toBe(303);
    expect(approved.headers.location).toBe(`/work/review?approved=${v2.id}`);
    expect((await web.editor.get(approved.headers.location)).text).toContain(`Approved: ${indicatorCode}, 2025, version 2. It is public now.`);
    const audits = await auditCount();
    const late = await web.editor2.post(`/work/review/${v2.id}/return`, { expectedVersion: '2', reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('data-error-code="INVALID_TRANSITION"');
    expect(late.text).toContain('Someone else has already reviewed this value meanwhile.');
    expect(late.text).toContain('href="#review-list"');
    expect(await auditCount()).toBe(audits);
    expect((await versionsOf('2025'))[1]).toMatchObject({ review_status: 'APPROVED', reviewed_by: 'Bakyt Editor' });
    // A stale page (a correction submitted since) is a conflict, not an approval of the wrong version.
    const [older] = await versionsOf('2024');
    expect((await submit(web.officer, { year: '2024', value: '31', correctionReason: 'late district' })).status).toBe(303);
    const stale = await web.editor.post(`/work/review/${older.id}/approve`, { expectedVersion: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('data-error-code="CONFLICT"');
    expect((await versionsOf('2024')).map((v) => v.review_status)).toEqual(['SUBMITTED', 'SUBMITTED']);
  });

  it('shows every version of each period on the staff indicator page, newest first, with status, reviewer and reasons', async () => {
    const page = await web.officer.get(`/work/indicators/${indicatorId}`);
    const period = /data-period="2025"[^]*?<\/details>/.exec(page.text)?.[0] ?? '';
    expect([...period.matchAll(/data-version="(\d+)" data-review-status="([A-Z]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['2', 'APPROVED'],
      ['1', 'RETURNED'],
    ]);
    expect(period).toContain('Correction: Q3 counted once');
    expect(period).toContain('Returned: The district total double-counts Q3');
    expect(period).toContain('Bakyt Editor');
    expect(period).toContain('Aida Officer');
    // Approved periods start closed; one waiting for review starts open.
    expect(period).not.toMatch(/^data-period="2025"[^>]*open/);
    expect(page.text).toMatch(/<details[^>]*open[^>]*data-period="2024"|<details[^>]*data-period="2024"[^>]*open/);
    // The public page shows only the approved value.
    const publicPage = await new WebSession(t).get(`/indicators/${encodeURIComponent(indicatorCode)}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).not.toContain('The district total double-counts Q3');
    expect(publicPage.text).not.toContain('Q3 counted once');
  });

  it('exports every version with versions=all, for staff only, deterministic and fingerprinted apart', async () => {
    const path = `/exports/indicator-values.csv?versions=all&actionPlanId=${planId}`;
    const csv = await download(t, path);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/indicator-value-versions-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'action_plan,indicator_code,period,version,value,review_status,source,note,submitted_at,submitted_by,reviewed_at,reviewed_by,correction_reason,return_reason,indicator_name,unit,year,quarter',
    );
    const ours = lines.filter((l) => l.includes(`,${indicatorCode},`)).map((l) => l.split(','));
    expect(ours.map((c) => [c[2], c[3], c[4], c[5], c[9], c[11], c[12], c[13]])).toEqual([
      ['2024', '1', '30', 'SUBMITTED', 'Aida Officer', '', '', ''],
      ['2024', '2', '31', 'SUBMITTED', 'Aida Officer', '', 'late district', ''],
      ['2025', '1', '40', 'RETURNED', 'Aida Officer', 'Bakyt Editor', '', 'The district total double-counts Q3'],
      ['2025', '2', '38', 'APPROVED', 'Aida Officer', 'Bakyt Editor', 'Q3 counted once', ''],
    ]);
    // The approved values alone by default.
    const approvedOnly = await download(t, `/exports/indicator-values.csv?actionPlanId=${planId}`);
    expect(approvedOnly.text.split(/\r?\n/).filter((l) => l.includes(`,${indicatorCode},`))).toHaveLength(1);
    // The same inputs give the same bytes; the parameter is part of the fingerprint.
    expect(Buffer.compare((await download(t, path)).body, csv.body)).toBe(0);
    const [withAll, without] = await Promise.all([
      download(t, `/exports/indicator-values.meta.json?versions=all&actionPlanId=${planId}`),
      download(t, `/exports/indicator-values.meta.json?actionPlanId=${planId}`),
    ]);
    const fingerprint = (d: { text: string }) => JSON.stringify(JSON.parse(d.text)).match(/[0-9a-f]{64}/)?.[0];
    expect(fingerprint(withAll)).toBeDefined();
    expect(fingerprint(withAll)).not.toBe(fingerprint(without));
    // In Russian, statuses are words; as of a day before any review, every version was still waiting.
    const ru = await download(t, `${path}&lang=ru`);
    expect(ru.text).toContain('Утверждено');
    const past = await download(t, `${path}&asOf=2024-01-01`);
    expect(past.text.trim().split(/\r?\n/)).toHaveLength(1);
    // A version submitted in June 2025 and returned later: as of June it was still waiting, with no reviewer or reason.
    const [v1] = await versionsOf('2025');
    await t.sql(`UPDATE indicator_value_version SET submitted_at = '2025-06-10T09:00:00+06:00' WHERE id = $1`, [v1.id]);
    const june = (await download(t, `${path}&asOf=2025-06-30`)).text.trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    expect(june.map((c) => [c[2], c[3], c[4], c[5], c[8], c[10], c[11], c[13]])).toEqual([['2025', '1', '40', 'SUBMITTED', '2025-06-10T09:00:00+06:00', '', '', '']]);
    // VIEWER: refused with a code; a bad value: refused too.
    const viewerToken = (await t.gqlOk(`mutation { createApiToken(input: { name: "ngo-portal", role: VIEWER }) { token } }`)).createApiToken.token as string;
    const refused = await download(t, path, viewerToken);
    expect(refused.status).toBe(403);
    expect(refused.json.errors?.[0]?.extensions?.code ?? refused.json.code ?? JSON.stringify(refused.json)).toContain('FORBIDDEN');
    expect((await download(t, `/exports/indicator-values.csv?actionPlanId=${planId}`, viewerToken)).status).toBe(200);
    const bad = await download(t, `/exports/indicator-values.csv?versions=some`);
    expect(bad.status).toBe(400);
    // Staff who read: an ANALYST may.
    expect((await web.analyst.agent.get(path)).status).toBe(200);
    // The CLI (which reads as staff) takes --versions too, for indicator-values only.
    const cli = parseExportArguments(['indicator-values', '--out', '-', '--versions', 'all', '--actionPlanId', planId]);
    expect(cli.options.versions).toBe('all');
    const prepared = await t.app.get(ExportsService).prepare(cli.name, cli.options);
    expect(prepared.tables.map((table) => table.name)).toEqual(['indicator-value-versions']);
    expect(prepared.inputs.parameters).toMatchObject({ versions: 'all', actionPlanId: planId });
    expect(() => parseExportArguments(['recommendations', '--out', '-', '--versions', 'all'])).toThrow('--versions applies to indicator-values only');
    expect(() => parseExportArguments(['indicator-values', '--out', '-', '--versions', 'some'])).toThrow('versions must be');
  });
});

describe('value review page with a single ADMIN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says plainly that the only reviewer approves their own values, and lets them', async () => {
    const admin = await createUser(t, { email: 'only-admin@tracker.kg', role: Role.ADMIN, displayName: 'Only Admin' });
    const session = new WebSession(t);
    await session.signIn(admin.email, admin.password);
    const indicator = await createIndicator(t);
    await session.get(`/work/indicators/${indicator.id}`);
    expect((await session.post(`/work/indicators/${indicator.id}/values`, { year: '2025', quarter: '', value: '7' })).status).toBe(303);
    const page = await session.get('/work/review');
    expect(page.text).toContain('data-self-approval="true"');
    expect(page.text).toContain('You are the only reviewer, so you approve your own values');
    const [version] = await t.sql<{ id: string }>(
      `SELECT w.id FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id WHERE v.indicator_id = $1`,
      [indicator.id],
    );
    const section = new RegExp(`data-version-id="${version.id}"[^]*?</section>`).exec(page.text)?.[0] ?? '';
    expect(section).toContain('you approve it yourself because no other reviewer exists');
    expect(section).toContain('/approve"');
    expect(section).not.toContain('/return"');
    const approved = await session.post(`/work/review/${version.id}/approve`, { expectedVersion: '1' });
    expect(approved.status).toBe(303);
    const [after] = await t.sql<{ review_status: string; reviewed_by: string }>('SELECT review_status, reviewed_by FROM indicator_value_version WHERE id = $1', [version.id]);
    expect(after).toEqual({ review_status: 'APPROVED', reviewed_by: 'Only Admin' });
  });
});
