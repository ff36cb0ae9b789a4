import { encodeCursor } from '../src/common/pagination/cursor';
import { createIndicator, createMeeting, createOrganization } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const AUDIT_LOG = `query ($entityType: String, $entityId: ID, $first: Int, $after: String) {
  auditLog(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id at action entityType entityId actorName actorTokenId before after requestId } }
  }
}`;

describe('audit trail', () => {
  let t: TestApp;
  const count = async (table: string) => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records who changed what, with the state before and after and the request id', async () => {
    const meetingId = (await createMeeting(t)).id;
    const { createRecommendation } = await t.gqlOk(
      'mutation ($m: ID!) { createRecommendation(input: { code: "AUD-1", title: "Audited", kind: QUOTA, meetingId: $m }) { id } }',
      { m: meetingId },
    );
    const res = await t.gql(
      'mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW, note: "taken up" }) { id } }',
      { id: createRecommendation.id },
      { 'x-request-id': 'audit-req-1' },
    );
    expect(res.errors).toBeUndefined();
    const { auditLog } = await t.gqlOk(AUDIT_LOG, { entityType: 'Recommendation', entityId: createRecommendation.id });
    expect(auditLog.totalCount).toBe(2);
    const [transition, creation] = auditLog.edges.map((e: any) => e.node);
    expect(transition).toMatchObject({
      action: 'recommendation.transition',
      actorName: 'bootstrap-admin',
      actorTokenId: null,
      requestId: 'audit-req-1',
    });
    expect(JSON.parse(transition.before)).toMatchObject({ status: 'PROPOSED', version: 1, code: 'AUD-1' });
    expect(JSON.parse(transition.after)).toMatchObject({ status: 'UNDER_REVIEW', version: 2, note: { en: 'taken up' } });
    expect(creation).toMatchObject({ action: 'recommendation.create', before: null });
    expect(Date.parse(transition.at)).toBeGreaterThanOrEqual(Date.parse(creation.at));
  });

  it('keeps the replaced indicator value', async () => {
    const indicator = await createIndicator(t);
    const record = (value: number) =>
      t.gqlOk('mutation ($i: ID!, $v: Float!) { recordIndicatorValue(input: { indicatorId: $i, period: "2025", value: $v, correctionReason: "revised" }) { id } }', {
        i: indicator.id,
        v: value,
      });
    const first = await record(10);
    await record(12.5);
    const { auditLog } = await t.gqlOk(AUDIT_LOG, { entityType: 'IndicatorValue', entityId: first.recordIndicatorValue.id });
    const [replace, recordEntry] = auditLog.edges.map((e: any) => e.node);
    expect(recordEntry.action).toBe('indicatorValue.record');
    expect(replace.action).toBe('indicatorValue.replace');
    expect(JSON.parse(replace.before)).toMatchObject({ period: '2025', value: 10 });
    expect(JSON.parse(replace.after)).toMatchObject({ period: '2025', value: 12.5 });
  });

  it('writes one entry per committed mutation and none for a refused one', async () => {
    const before = await count('audit_entry');
    await createOrganization(t);
    const refused = await t.gql('mutation { createOrganization(input: { name: " ", kind: NGO }) { id } }');
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const notFound = await t.gql('mutation { createPerson(input: { fullName: "X", organizationId: "7d1b1c9e-0000-4000-8000-000000000000" }) { id } }');
    expect(notFound.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await count('audit_entry')).toBe(before + 1);
  });

  it('pages newest first', async () => {
    for (let i = 0; i < 5; i++) await createOrganization(t);
    const all = (await t.gqlOk(AUDIT_LOG, { first: 100 })).auditLog;
    const times = all.edges.map((e: any) => Date.parse(e.node.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await t.gqlOk(AUDIT_LOG, { first: 3, after })).auditLog;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
  });

  it('refuses a cursor of another list, a cursor whose key is no time stamp, and an out-of-range page size, changing nothing', async () => {
    const before = await count('audit_entry');
    const id = '0b0e6f36-3f5a-4c1e-9a51-6f8d0c2b7a11';
    for (const [variables, field] of [
      [{ after: encodeCursor('meetings', { key: '2024-08-13', id }) }, 'after'],
      [{ after: encodeCursor('auditLog', { key: '2024', id }) }, 'after'],
      [{ first: -1 }, 'first'],
      [{ first: 101 }, 'first'],
    ] as const) {
      const res = await t.gql(AUDIT_LOG, variables);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(res.errors?.[0].message).toContain(field);
    }
    expect(await count('audit_entry')).toBe(before);
  });

  it('adds exactly one history entry and one audit entry for 50 concurrent transitions from the same version', async () => {
    const meetingId = (await createMeeting(t)).id;
    const { createRecommendation } = await t.gqlOk(
      'mutation ($m: ID!) { createRecommendation(input: { title: "Contested", kind: QUOTA, meetingId: $m }) { id version } }',
      { m: meetingId },
    );
    const id = createRecommendation.id;
    const [historyBefore, auditBefore] = [await count('status_change'), await count('audit_entry')];
    const attempts = Array.from({ length: 50 }, (_, i) =>
      t.gql('mutation ($input: TransitionRecommendationInput!) { transitionRecommendation(input: $input) { version } }', {
        input: { id, to: i % 2 ? 'UNDER_REVIEW' : 'REJECTED', expectedVersion: 1 },
      }),
    );
    const results = await Promise.all(attempts);
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(49);
    expect(await count('status_change')).toBe(historyBefore + 1);
    expect(await count('audit_entry')).toBe(auditBefore + 1);
    const [row] = await t.sql('SELECT version FROM recommendation WHERE id = $1', [id]);
    expect(row.version).toBe(2);
  });

  it('is readable by ADMIN and ANALYST only', async () => {
    const orgId = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    const tokenFor = async (role: string) =>
      (
        await t.gqlOk('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', {
          input: { name: `${role}-audit`, role, organizationId: role === 'MINISTRY' ? orgId : null },
        })
      ).createApiToken.token as string;
    for (const [role, allowed] of [['ANALYST', true], ['EDITOR', false], ['MINISTRY', false], ['VIEWER', false]] as const) {
      const res = await t.gql('{ auditLog(first: 1) { totalCount } }', {}, { authorization: bearer(await tokenFor(role)) });
      expect(res.errors?.[0].extensions?.code ?? 'OK').toBe(allowed ? 'OK' : 'FORBIDDEN');
    }
  });
});
