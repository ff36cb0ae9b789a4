import { Role } from '../src/auth/role.enum';
import { createMeeting, createOrganization, createRecommendation } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

/** The NGO's assessment pages and the secretariat's moderation page: the same service as the API, as forms. */
describe('assessment pages', () => {
  let t: TestApp;
  let ngoId: string;
  let recommendation: { id: string; code: string };
  let ngo: WebSession;
  let editor: WebSession;

  beforeAll(async () => {
    t = await createTestApp();
    ngoId = (await createOrganization(t, { kind: 'NGO', name: 'Sokuluk Monitors' })).id;
    recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    const ngoUser = await createUser(t, { email: 'monitor@ngo.example.kg', role: Role.NGO, organizationId: ngoId, displayName: 'Aigul' });
    const editorUser = await createUser(t, { email: 'editor@example.kg', role: Role.EDITOR });
    ngo = new WebSession(t);
    expect((await ngo.signIn(ngoUser.email, ngoUser.password)).headers.location).toBe('/work/assessments');
    editor = new WebSession(t);
    await editor.signIn(editorUser.email, editorUser.password);
  });
  afterAll(() => t?.close());

  const versions = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM assessment_version'))[0].n;

  it('finds a recommendation by code and shows the form with the moderation note; an unknown code is an error at its control', async () => {
    const list = await ngo.get('/work/assessments');
    expect(list.status).toBe(200);
    expect(list.text).toContain('data-moderation-note="true"');
    expect(list.text).toContain('href="/work/assessments"');
    const unknown = await ngo.get('/work/assessments/find?code=NOPE-1');
    expect(unknown.headers.location).toBe('/work/assessments?code=NOPE-1');
    const shown = await ngo.get(unknown.headers.location);
    expect(shown.text).toContain('govuk-error-summary');
    expect(shown.text).toContain('href="#code"');
    const found = await ngo.get(`/work/assessments/find?code=${recommendation.code.toLowerCase()}`);
    expect(found.headers.location).toBe(`/work/assessments/${recommendation.id}`);
    const form = await ngo.get(found.headers.location);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="text-en"');
    expect(form.text).toContain('name="evidenceUrls"');
  });

  it('shows the form again with every problem and keeps what was typed, writing nothing', async () => {
    const before = await versions();
    const res = await ngo.post(`/work/assessments/${recommendation.id}`, {
      status: '',
      'text-en': '',
      'text-ru': '',
      'text-ky': '',
      evidenceUrls: 'javascript:alert(1)',
      assessedOn: '2999-01-01',
      expectedVersion: '0',
    });
    expect(res.status).toBe(400);
    for (const id of ['status', 'text-en', 'evidenceUrls']) expect(res.text).toContain(`href="#${id}"`);
    expect(res.text).toContain('javascript:alert(1)</textarea>');
    // A date after today is the service's rule: shown at its control the same way.
    const future = await ngo.post(`/work/assessments/${recommendation.id}`, { status: 'STALLED', 'text-en': 'Text', evidenceUrls: '', assessedOn: '2999-01-01', expectedVersion: '0' });
    expect(future.status).toBe(400);
    expect(future.text).toContain('href="#assessedOn"');
    expect(future.text).toContain('value="2999-01-01"');
    expect(await versions()).toBe(before);
  });

  it('submits, lists it as waiting, and the secretariat publishes it from the moderation page', async () => {
    const res = await ngo.post(`/work/assessments/${recommendation.id}`, {
      status: 'STALLED',
      'text-ru': 'Квота не соблюдается',
      'text-en': '',
      'text-ky': '',
      evidenceUrls: 'https://example.kg/report.pdf\n\nhttps://example.kg/photo.jpg',
      assessedOn: '2025-11-20',
      expectedVersion: '0',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/work/assessments?done=submitted');
    const list = await ngo.get('/work/assessments?done=submitted');
    expect(list.text).toContain(`data-code="${recommendation.code}"`);
    expect(list.text).toContain('data-assessment-review="SUBMITTED"');
    const [row] = await t.sql<{ evidence_urls: string[]; status: string; submitted_by: string }>('SELECT evidence_urls, status::text, submitted_by FROM assessment_version WHERE organization_id = $1', [ngoId]);
    expect(row).toEqual({ evidence_urls: ['https://example.kg/report.pdf', 'https://example.kg/photo.jpg'], status: 'STALLED', submitted_by: 'Aigul' });

    // Another organisation's assessment, submitted later, waits behind it.
    const otherNgo = (await createOrganization(t, { kind: 'NGO' })).id;
    const { createApiToken } = await t.gqlOk('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', {
      input: { name: 'other-ngo', role: 'NGO', organizationId: otherNgo },
    });
    const later = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    const laterRes = await t.gql('mutation ($r: ID!) { submitAssessment(input: { recommendationId: $r, status: IMPLEMENTED, text: "Done" }) { id } }', { r: later.id }, {
      authorization: `Bearer ${createApiToken.token}`,
    });
    expect(laterRes.errors).toBeUndefined();

    expect((await ngo.get('/work/moderation')).status).toBe(403);
    expect((await editor.get('/work/assessments')).status).toBe(403);
    const page = await editor.get('/work/moderation');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-moderation-note="true"');
    expect(page.text).toContain('Квота не соблюдается');
    expect(page.text).toContain('Assessments to moderate (2)');
    const [{ id }] = await t.sql<{ id: string }>('SELECT id FROM assessment_version WHERE organization_id = $1', [ngoId]);
    // Oldest first.
    const listed = [...page.text.matchAll(/data-assessment-id="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual([id, laterRes.data!.submitAssessment.id]);
    const noReason = await editor.post(`/work/moderation/${id}/return`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain(`href="#reason-${id}"`);
    const published = await editor.post(`/work/moderation/${id}/publish`);
    expect(published.headers.location).toBe('/work/moderation?done=published');
    const [after] = await t.sql<{ review_status: string }>('SELECT review_status FROM assessment_version WHERE id = $1', [id]);
    expect(after.review_status).toBe('PUBLISHED');
  });

  it('shows the published assessment beside the official status on the public pages, flags and filters the divergence', async () => {
    const anyone = new WebSession(t);
    const page = await anyone.get(`/recommendations/${recommendation.code}?lang=en`);
    expect(page.status).toBe(200);
    const section = page.text.slice(page.text.indexOf('data-list="assessments"'));
    expect(section).toContain('Sokuluk Monitors');
    expect(section).toContain('data-independent-status="STALLED"');
    expect(section).toContain('data-status="PROPOSED"');
    expect(section).toContain('Квота не соблюдается');
    expect(section).toContain('href="https://example.kg/report.pdf"');
    expect(section).toContain('data-moderation-note="true"');
    expect(page.text).toContain('data-divergent="true"');
    const list = await anyone.get('/recommendations?divergent=true&lang=en');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`data-code="${recommendation.code}"`);
    expect(list.text).toContain('data-divergent="true"');
    const none = await anyone.get('/recommendations?divergent=true&status=IMPLEMENTED&lang=en');
    expect(none.text).not.toContain(`data-code="${recommendation.code}"`);
    const home = await anyone.get('/?lang=en');
    expect(home.text).toMatch(/data-figure="divergent"><span class="app-figure__value">1<\/span>/);
    expect(home.text).toContain('href="/recommendations?divergent=true"');
    // The Atom feeds carry the publication, its text and evidence.
    for (const path of ['/changes.atom?lang=en', `/recommendations/${recommendation.code}/changes.atom?lang=en`]) {
      const feed = await anyone.get(path);
      expect(feed.status).toBe(200);
      expect(feed.text).toContain(`${recommendation.code}: Sokuluk Monitors assesses it independently as Stalled`);
      expect(feed.text).toContain('Квота не соблюдается — https://example.kg/report.pdf — https://example.kg/photo.jpg');
    }
  });

  it('refuses an edit on a stale version with the conflict message, writing nothing', async () => {
    const before = await versions();
    const res = await ngo.post(`/work/assessments/${recommendation.id}`, { status: 'STALLED', 'text-en': 'Again', evidenceUrls: '', assessedOn: '', expectedVersion: '0' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('saved a new version meanwhile');
    expect(await versions()).toBe(before);
  });
});
