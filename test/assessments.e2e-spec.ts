import { createMeeting, createOrganization, createRecommendation } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const SUBMIT = `mutation ($input: SubmitAssessmentInput!) {
  submitAssessment(input: $input) { id number status text textLocale evidenceUrls assessedOn reviewStatus submittedBy organization { id } recommendation { id } }
}`;
const PUBLISH = 'mutation ($id: ID!) { publishAssessment(input: { id: $id }) { id number reviewStatus publishedAt } }';
const RETURN = 'mutation ($id: ID!, $reason: String!) { returnAssessment(input: { id: $id, reason: $reason }) { id reviewStatus returnReason } }';
const OF_RECOMMENDATION = `query ($id: ID!) { recommendation(id: $id) {
  status divergent assessments { id number status reviewStatus text submittedBy returnReason evidenceUrls organization { id } }
} }`;

/**
 * Independent assessments (issue 26): an NGO assesses a recommendation for its own
 * organisation, an EDITOR publishes or returns each version, readers see published ones,
 * and the recommendations list flags and filters where the two views diverge.
 */
describe('independent assessments', () => {
  let t: TestApp;
  let ngoA: string;
  let ngoB: string;
  const tokens: Record<'ngoA' | 'ngoB' | 'editor' | 'viewer' | 'analyst' | 'ministry', string> = {} as never;
  const as = (token: string) => ({ authorization: bearer(token) });
  const auditCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry'))[0].n;
  const versionCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM assessment_version'))[0].n;
  const newRecommendation = async () => (await createRecommendation(t, { meetingId: (await createMeeting(t)).id })).id;
  const token = async (name: string, role: string, organizationId: string | null = null) =>
    (
      await t.gqlOk<{ createApiToken: { token: string } }>('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', {
        input: { name, role, organizationId },
      })
    ).createApiToken.token;
  const submit = (tokenValue: string, input: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.gql(SUBMIT, { input }, { ...as(tokenValue), ...headers });

  beforeAll(async () => {
    t = await createTestApp();
    ngoA = (await createOrganization(t, { kind: 'NGO', name: 'Sokuluk Women Monitors' })).id;
    ngoB = (await createOrganization(t, { kind: 'NGO' })).id;
    tokens.ngoA = await token('ngo-a', 'NGO', ngoA);
    tokens.ngoB = await token('ngo-b', 'NGO', ngoB);
    tokens.editor = await token('secretariat', 'EDITOR');
    tokens.viewer = await token('reader', 'VIEWER');
    tokens.analyst = await token('analyst', 'ANALYST');
    tokens.ministry = await token('ministry', 'MINISTRY', (await createOrganization(t, { kind: 'MINISTRY' })).id);
  });
  afterAll(() => t?.close());

  it('takes an NGO assessment as a SUBMITTED version 1 in the request language, audited, seen only by its organisation and the secretariat', async () => {
    const id = await newRecommendation();
    const before = await auditCount();
    const res = await submit(
      tokens.ngoA,
      { recommendationId: id, status: 'STALLED', text: 'Квота не соблюдается', evidenceUrls: ['https://example.kg/report.pdf'], assessedOn: '2025-11-20' },
      { 'accept-language': 'ru' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitAssessment).toEqual({
      id: expect.any(String),
      number: 1,
      status: 'STALLED',
      text: 'Квота не соблюдается',
      textLocale: 'RU',
      evidenceUrls: ['https://example.kg/report.pdf'],
      assessedOn: '2025-11-20',
      reviewStatus: 'SUBMITTED',
      submittedBy: 'ngo-a',
      organization: { id: ngoA },
      recommendation: { id },
    });
    expect(await auditCount()).toBe(before + 1);
    const [audit] = await t.sql<{ action: string; entity_type: string }>('SELECT action, entity_type FROM audit_entry ORDER BY at DESC, id DESC LIMIT 1');
    expect(audit).toEqual({ action: 'assessment.submit', entity_type: 'Assessment' });

    const seenBy = async (tokenValue: string) => (await t.gql(OF_RECOMMENDATION, { id }, as(tokenValue))).data!.recommendation.assessments as unknown[];
    expect(await seenBy(tokens.ngoA)).toHaveLength(1);
    expect(await seenBy(tokens.editor)).toHaveLength(1);
    for (const other of [tokens.ngoB, tokens.viewer, tokens.analyst, tokens.ministry]) expect(await seenBy(other)).toEqual([]);
  });

  it('refuses bad input with a coded error and writes nothing', async () => {
    const id = await newRecommendation();
    const good = { recommendationId: id, status: 'STALLED', text: 'Text' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, evidenceUrls: ['javascript:alert(1)'] }, 'BAD_USER_INPUT'],
      [{ ...good, evidenceUrls: ['ftp://example.kg/file'] }, 'BAD_USER_INPUT'],
      [{ ...good, evidenceUrls: Array.from({ length: 11 }, (_, i) => `https://example.kg/${i}`) }, 'BAD_USER_INPUT'],
      [{ ...good, text: '   ' }, 'BAD_USER_INPUT'],
      [{ recommendationId: id, status: 'STALLED' }, 'BAD_USER_INPUT'],
      [{ ...good, assessedOn: '2999-01-01' }, 'BAD_USER_INPUT'],
      [{ ...good, assessedOn: '2025-02-30' }, 'BAD_USER_INPUT'],
      [{ ...good, status: 'NOT_A_STATUS' }, 'BAD_USER_INPUT'],
      [{ ...good, recommendationId: '7d1b1c9e-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
      [{ ...good, expectedVersion: 3 }, 'CONFLICT'],
    ];
    const before = [await auditCount(), await versionCount()];
    for (const [input, code] of cases) {
      const res = await submit(tokens.ngoA, input);
      expect({ input, code: res.errors?.[0].extensions?.code }).toEqual({ input, code });
    }
    expect([await auditCount(), await versionCount()]).toEqual(before);
  });

  it('keeps the text in several languages when given as translations', async () => {
    const id = await newRecommendation();
    const res = await submit(tokens.ngoA, {
      recommendationId: id,
      status: 'IN_PROGRESS',
      textTranslations: [
        { locale: 'KY', text: 'Иш жүрүп жатат' },
        { locale: 'EN', text: 'Under way' },
      ],
    });
    expect(res.errors).toBeUndefined();
    const read = await t.gql(`query ($id: ID!) { recommendation(id: $id) { assessments { ky: text(locale: KY) en: text(locale: EN) textTranslations { locale text } } } }`, { id }, as(tokens.ngoA));
    expect(read.data!.recommendation.assessments[0]).toEqual({
      ky: 'Иш жүрүп жатат',
      en: 'Under way',
      textTranslations: expect.arrayContaining([{ locale: 'KY', text: 'Иш жүрүп жатат' }, { locale: 'EN', text: 'Under way' }]),
    });
  });

  it('publishes, flags the divergence with the official status and filters the list by it', async () => {
    const id = await newRecommendation();
    const agreeing = await newRecommendation();
    const { submitAssessment } = (await submit(tokens.ngoA, { recommendationId: id, status: 'STALLED', text: 'Stalled', evidenceUrls: ['http://example.kg/a'] })).data!;
    const agreed = (await submit(tokens.ngoB, { recommendationId: agreeing, status: 'PROPOSED', text: 'As official' })).data!.submitAssessment;
    // Not yet published: no divergence.
    expect((await t.gql(OF_RECOMMENDATION, { id }, as(tokens.viewer))).data!.recommendation.divergent).toBe(false);

    const published = await t.gql(PUBLISH, { id: submitAssessment.id }, as(tokens.editor));
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishAssessment).toEqual({ id: submitAssessment.id, number: 1, reviewStatus: 'PUBLISHED', publishedAt: expect.any(String) });
    await t.gqlOk(PUBLISH, { id: agreed.id });

    const read = (await t.gql(OF_RECOMMENDATION, { id }, as(tokens.viewer))).data!.recommendation;
    expect(read).toEqual({
      status: 'PROPOSED',
      divergent: true,
      assessments: [
        { id: submitAssessment.id, number: 1, status: 'STALLED', reviewStatus: 'PUBLISHED', text: 'Stalled', submittedBy: null, returnReason: null, evidenceUrls: ['http://example.kg/a'], organization: { id: ngoA } },
      ],
    });
    expect((await t.gql(OF_RECOMMENDATION, { id: agreeing }, as(tokens.viewer))).data!.recommendation.divergent).toBe(false);

    const list = async (divergent: boolean) => {
      const res = await t.gql('query ($d: Boolean) { recommendations(first: 100, filter: { divergent: $d }) { totalCount edges { node { id divergent } } } }', { d: divergent }, as(tokens.viewer));
      expect(res.errors).toBeUndefined();
      return res.data!.recommendations as { totalCount: number; edges: { node: { id: string; divergent: boolean } }[] };
    };
    const divergent = await list(true);
    expect(divergent.edges.map((e) => e.node.id)).toContain(id);
    expect(divergent.edges.every((e) => e.node.divergent)).toBe(true);
    expect(divergent.totalCount).toBe(divergent.edges.length);
    const others = await list(false);
    expect(others.edges.map((e) => e.node.id)).toContain(agreeing);
    expect(others.edges.map((e) => e.node.id)).not.toContain(id);
    expect(others.edges.every((e) => !e.node.divergent)).toBe(true);

    // The official status moving to the independent one ends the divergence.
    for (const to of ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'STALLED']) {
      await t.gqlOk('mutation ($id: ID!, $to: RecommendationStatus!) { transitionRecommendation(input: { id: $id, to: $to }) { id } }', { id, to });
    }
    expect((await t.gql(OF_RECOMMENDATION, { id }, as(tokens.viewer))).data!.recommendation.divergent).toBe(false);
    expect((await list(true)).edges.map((e) => e.node.id)).not.toContain(id);
  });

  it('keeps every version: an edit waits for moderation while the public keeps the published one; a return needs a reason the organisation sees', async () => {
    const id = await newRecommendation();
    const v1 = (await submit(tokens.ngoA, { recommendationId: id, status: 'STALLED', text: 'First' })).data!.submitAssessment;
    await t.gqlOk(PUBLISH, { id: v1.id });
    const v2 = (await submit(tokens.ngoA, { recommendationId: id, status: 'REJECTED', text: 'Second', expectedVersion: 1 })).data!.submitAssessment;
    expect(v2.number).toBe(2);

    const publicView = (await t.gql(OF_RECOMMENDATION, { id }, as(tokens.viewer))).data!.recommendation.assessments;
    expect(publicView.map((a: { number: number }) => a.number)).toEqual([1]);
    const ownView = (await t.gql(OF_RECOMMENDATION, { id }, as(tokens.ngoA))).data!.recommendation.assessments;
    expect(ownView.map((a: { number: number; reviewStatus: string }) => [a.number, a.reviewStatus]).sort()).toEqual([
      [1, 'PUBLISHED'],
      [2, 'SUBMITTED'],
    ]);

    const before = await auditCount();
    const again = await t.gql(PUBLISH, { id: v1.id }, as(tokens.editor));
    expect(again.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    const noReason = await t.gql(RETURN, { id: v2.id, reason: ' ' }, as(tokens.editor));
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const byNgo = await t.gql(PUBLISH, { id: v2.id }, as(tokens.ngoA));
    expect(byNgo.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await auditCount()).toBe(before);

    // A version replaced by a later one is not moderated; the later one is.
    const v3 = (await submit(tokens.ngoA, { recommendationId: id, status: 'REJECTED', text: 'Third' })).data!.submitAssessment;
    expect((await t.gql(PUBLISH, { id: v2.id }, as(tokens.editor))).errors?.[0].extensions?.code).toBe('CONFLICT');
    const returned = await t.gql(RETURN, { id: v3.id, reason: 'Remove the personal phone number' }, as(tokens.editor));
    expect(returned.data!.returnAssessment).toEqual({ id: v3.id, reviewStatus: 'RETURNED', returnReason: 'Remove the personal phone number' });
    const [audit] = await t.sql<{ action: string }>('SELECT action FROM audit_entry ORDER BY at DESC, id DESC LIMIT 1');
    expect(audit.action).toBe('assessment.return');

    const own = (await t.gql(OF_RECOMMENDATION, { id }, as(tokens.ngoA))).data!.recommendation.assessments;
    expect(own).toContainEqual(expect.objectContaining({ number: 3, reviewStatus: 'RETURNED', returnReason: 'Remove the personal phone number' }));
    const history = await t.gql('query ($id: ID!) { assessments(filter: { recommendationId: $id }) { totalCount edges { node { number reviewStatus } } } }', { id }, as(tokens.ngoA));
    expect(history.data!.assessments.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual([3, 2, 1]);
  });

  it('lists for each caller what it may read; the latest SUBMITTED versions are the moderation queue', async () => {
    const id = await newRecommendation();
    const a1 = (await submit(tokens.ngoA, { recommendationId: id, status: 'STALLED', text: 'A1' })).data!.submitAssessment;
    await t.gqlOk(PUBLISH, { id: a1.id });
    const a2 = (await submit(tokens.ngoA, { recommendationId: id, status: 'IMPLEMENTED', text: 'A2' })).data!.submitAssessment;
    const b1 = (await submit(tokens.ngoB, { recommendationId: id, status: 'IN_PROGRESS', text: 'B1' })).data!.submitAssessment;
    const ids = async (tokenValue: string, filter: Record<string, unknown>) => {
      const res = await t.gql('query ($f: AssessmentFilter) { assessments(first: 50, filter: $f) { totalCount edges { node { id } } } }', { f: { recommendationId: id, ...filter } }, as(tokenValue));
      expect(res.errors).toBeUndefined();
      expect(res.data!.assessments.totalCount).toBe(res.data!.assessments.edges.length);
      return res.data!.assessments.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    };
    expect(await ids(tokens.viewer, {})).toEqual([a1.id]);
    expect(await ids(tokens.ngoB, {})).toEqual([a1.id, b1.id].sort());
    expect(await ids(tokens.editor, {})).toEqual([a1.id, a2.id, b1.id].sort());
    expect(await ids(tokens.editor, { latest: true, reviewStatus: ['SUBMITTED'] })).toEqual([a2.id, b1.id].sort());
    expect(await ids(tokens.viewer, { latest: true })).toEqual([a1.id]);
    expect(await ids(tokens.viewer, { reviewStatus: ['SUBMITTED'] })).toEqual([]);
  });

  it('reads the published assessments as known at the end of an earlier day (asOf)', async () => {
    const id = await newRecommendation();
    const v1 = (await submit(tokens.ngoA, { recommendationId: id, status: 'STALLED', text: 'Now' })).data!.submitAssessment;
    await t.gqlOk(PUBLISH, { id: v1.id });
    const at = async (asOf: string | null) =>
      (await t.gql('query ($id: ID!, $asOf: Date) { recommendation(id: $id) { assessments(asOf: $asOf) { id } } }', { id, asOf }, as(tokens.viewer))).data!.recommendation
        .assessments;
    expect(await at(null)).toEqual([{ id: v1.id }]);
    expect(await at('2020-01-01')).toEqual([]);
    const future = await t.gql('query ($id: ID!) { recommendation(id: $id) { assessments(asOf: "2999-01-01") { id } } }', { id }, as(tokens.viewer));
    expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs the same statements for a page of 30 recommendations with their assessments as for a page of 1', async () => {
    for (let i = 0; i < 30; i++) {
      const id = await newRecommendation();
      const v = (await submit(tokens.ngoA, { recommendationId: id, status: 'STALLED', text: `N${i}` })).data!.submitAssessment;
      await t.gqlOk(PUBLISH, { id: v.id });
      await submit(tokens.ngoB, { recommendationId: id, status: 'IMPLEMENTED', text: `M${i}` });
    }
    const queries = [
      `query ($first: Int) { recommendations(first: $first, filter: { divergent: true }) { edges { node {
        code divergent assessments { status text organization { name } recommendation { code } } } } } }`,
      `query ($first: Int) { assessments(first: $first) { edges { node { status organization { name } recommendation { code divergent } } } } }`,
    ];
    for (const query of queries) {
      await t.gql(query, { first: 2 }, as(tokens.editor));
      const one = await t.gql(query, { first: 1 }, as(tokens.editor));
      const many = await t.gql(query, { first: 30 }, as(tokens.editor));
      expect(one.errors).toBeUndefined();
      expect(many.errors).toBeUndefined();
      expect(Object.values(many.data!)[0].edges).toHaveLength(30);
      expect(many.statements).toBe(one.statements);
    }
  });
});
