import { parse } from 'csv-parse/sync';
import ru from '../src/i18n/catalogs/ru.json';
import { download } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createMeeting, createOrganization, createRecommendation } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

type Csv = Record<string, string>[];
const RU_STALLED = ru['status.STALLED'];
const records = (csv: string): Csv => parse<Record<string, string>>(csv, { bom: true, columns: true });

/**
 * Independent assessments in the exports: the assessments table and the recommendations'
 * independent statuses and divergence, as published by the end of asOf (never a version
 * waiting or returned), with the same bytes for the same asOf.
 */
describe('independent assessments in the exports', () => {
  let t: TestApp;
  let code: string;
  let otherCode: string;
  let ngoToken: string;

  const submit = async (recommendationId: string, status: string, text: string) => {
    const res = await t.gql(
      'mutation ($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }',
      { input: { recommendationId, status, text, evidenceUrls: ['https://example.kg/a', 'https://example.kg/b'], assessedOn: '2025-11-20' } },
      { authorization: bearer(ngoToken) },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.submitAssessment.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const ngo = (await createOrganization(t, { kind: 'NGO', name: 'Sokuluk Monitors' })).id;
    ngoToken = (await t.gqlOk('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', { input: { name: 'ngo', role: 'NGO', organizationId: ngo } }))
      .createApiToken.token;
    const meetingId = (await createMeeting(t)).id;
    const rec = await createRecommendation(t, { meetingId });
    const other = await createRecommendation(t, { meetingId });
    code = rec.code;
    otherCode = other.code;
    await t.gqlOk('mutation ($id: ID!) { publishAssessment(input: { id: $id }) { id } }', { id: await submit(rec.id, 'STALLED', 'Stalled') });
    // The other one is only waiting: never exported.
    await submit(other.id, 'IMPLEMENTED', 'Waiting');
  });
  afterAll(() => t?.close());

  it('gives each recommendation its published independent statuses and whether they diverge, and filters by it', async () => {
    const rows = records((await download(t, '/exports/recommendations.csv')).text);
    expect(rows.find((r) => r.code === code)).toMatchObject({ independent_statuses: 'Sokuluk Monitors: STALLED', divergent: 'true' });
    expect(rows.find((r) => r.code === otherCode)).toMatchObject({ independent_statuses: '', divergent: 'false' });
    const divergent = records((await download(t, '/exports/recommendations.csv?divergent=true')).text);
    expect(divergent.map((r) => r.code)).toEqual([code]);
    // In Russian, the status is the catalog's label.
    const ru = records((await download(t, '/exports/recommendations.csv?lang=ru')).text).find((r) => Object.values(r)[0] === code)!;
    expect(Object.values(ru)).toContain(`Sokuluk Monitors: ${RU_STALLED}`);
  });

  it('exports the published versions only, as of the end of asOf', async () => {
    const res = await download(t, '/exports/assessments.csv');
    expect(res.status).toBe(200);
    expect(res.text.split('\r\n')[0]).toBe('\ufeffrecommendation_code,organization,version,status,assessed_on,text,evidence_urls,published_at,current');
    expect(records(res.text)).toEqual([
      {
        recommendation_code: code,
        organization: 'Sokuluk Monitors',
        version: '1',
        status: 'STALLED',
        assessed_on: '2025-11-20',
        text: 'Stalled',
        evidence_urls: 'https://example.kg/a; https://example.kg/b',
        published_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        current: 'true',
      },
    ]);
    // Before anything was published: no rows, no divergence.
    expect(records((await download(t, '/exports/assessments.csv?asOf=2020-01-01')).text)).toEqual([]);
    const earlier = records((await download(t, '/exports/recommendations.csv?asOf=2025-01-01')).text);
    expect(earlier.every((r) => r.divergent === 'false' && r.independent_statuses === '')).toBe(true);
  });

  it('gives the PDF report a divergence section as of asOf', async () => {
    const year = new Date().getFullYear();
    const now = await download(t, `/reports/progress.pdf?year=${year}`);
    expect(now.status).toBe(200);
    const text = readPdf(now.body).pageTexts.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Where civil society sees it otherwise (1)');
    expect(text).toContain(code);
    expect(text).toContain('Official: Proposed');
    expect(text).toMatch(/Sokuluk Monitors: Stalled \(assessed /);
    expect(text).not.toContain(otherCode);
    const before = readPdf((await download(t, '/reports/progress.pdf?year=2025&asOf=2025-01-01')).body).pageTexts.join('\n').replace(/\s+/g, ' ');
    expect(before).toContain('Where civil society sees it otherwise (0)');
  });

  it('gives the same bytes for the same asOf after an edit waits for moderation', async () => {
    const before = (await download(t, '/exports/assessments.csv')).body;
    const recsBefore = (await download(t, '/exports/recommendations.csv')).body;
    const [{ id }] = await t.sql<{ id: string }>('SELECT r.id FROM recommendation r WHERE r.code = $1', [code]);
    await submit(id, 'IMPLEMENTED', 'Edited, waiting');
    expect((await download(t, '/exports/assessments.csv')).body.equals(before)).toBe(true);
    expect((await download(t, '/exports/recommendations.csv')).body.equals(recsBefore)).toBe(true);
  });
});
