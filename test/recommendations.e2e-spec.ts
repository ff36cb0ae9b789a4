import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const CREATE = `mutation ($input: CreateRecommendationInput!) {
  createRecommendation(input: $input) {
    id code title description kind priority status dueDate isOverdue version createdAt updatedAt
    meeting { id }
    barriers { id }
    responsibleOrganizations { id }
    indicators { id }
    statusHistory { from to changedAt changedBy note evidenceUrl }
  }
}`;

const UPDATE = `mutation ($id: ID!, $input: UpdateRecommendationInput!, $expectedVersion: Int) {
  updateRecommendation(id: $id, input: $input, expectedVersion: $expectedVersion) {
    id title description priority dueDate version barriers { id } responsibleOrganizations { id } indicators { id }
  }
}`;

const LIST = `query ($first: Int, $after: String, $filter: RecommendationFilter, $orderBy: RecommendationOrder) {
  recommendations(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id code title priority dueDate updatedAt status isOverdue } }
  }
}`;

describe('recommendations', () => {
  let t: TestApp;
  let meetingId: string;
  let otherMeetingId: string;

  const counts = async () => {
    const [row] = await t.sql<{ recs: number; history: number; links: number }>(
      `SELECT (SELECT count(*) FROM recommendation)::int AS recs,
              (SELECT count(*) FROM status_change)::int AS history,
              (SELECT count(*) FROM recommendation_barrier)::int + (SELECT count(*) FROM recommendation_organization)::int AS links`,
    );
    return row;
  };

  const create = (input: Record<string, unknown>) =>
    t.gql(CREATE, { input: { title: 'A recommendation', kind: 'EDUCATION', meetingId, ...input } });

  beforeAll(async () => {
    t = await createTestApp();
    meetingId = (await createMeeting(t, { heldOn: '2024-08-13' })).id;
    otherMeetingId = (await createMeeting(t, { heldOn: '2025-03-01' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('createRecommendation', () => {
    it('creates it with its links and the creation entry of its history', async () => {
      const org = await createOrganization(t);
      const barrier = await createBarrier(t, { meetingIds: [meetingId] });
      const plan = await createActionPlan(t);
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      const res = await create({
        code: 'sok-2024-01',
        title: '  Revise norms and quotas  ',
        description: 'Review the quota for local keneshes',
        kind: 'QUOTA',
        dueDate: '2026-12-31',
        barrierIds: [barrier.id, barrier.id],
        responsibleOrganizationIds: [org.id],
        indicatorIds: [indicator.id],
      });
      expect(res.errors).toBeUndefined();
      const rec = res.data!.createRecommendation;
      expect(rec).toMatchObject({
        code: 'SOK-2024-01',
        title: 'Revise norms and quotas',
        kind: 'QUOTA',
        priority: 'MEDIUM',
        status: 'PROPOSED',
        dueDate: '2026-12-31',
        isOverdue: false,
        version: 1,
        meeting: { id: meetingId },
        barriers: [{ id: barrier.id }],
        responsibleOrganizations: [{ id: org.id }],
        indicators: [{ id: indicator.id }],
      });
      expect(rec.statusHistory).toEqual([
        { from: null, to: 'PROPOSED', changedAt: expect.any(String), changedBy: 'bootstrap-admin', note: null, evidenceUrl: null },
      ]);
      expect(Date.parse(rec.createdAt)).not.toBeNaN();
    });

    it('generates a code from the meeting year when none is given', async () => {
      const a = (await create({})).data!.createRecommendation.code;
      const b = (await create({ meetingId: otherMeetingId })).data!.createRecommendation.code;
      expect(a).toMatch(/^R-2024-\d{4}$/);
      expect(b).toMatch(/^R-2025-\d{4}$/);
      expect(a).not.toBe(b);
    });

    it('refuses a taken code (whatever its case) with CONFLICT and writes nothing', async () => {
      await create({ code: 'DUP-1' });
      const before = await counts();
      const res = await create({ code: 'dup-1' });
      expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(res.errors?.[0].message).toMatch(/code already exists/);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['meetingId', { meetingId: '7d1b1c9e-0000-4000-8000-000000000000' }],
      ['barrierIds', { barrierIds: ['7d1b1c9e-0000-4000-8000-000000000001'] }],
      ['responsibleOrganizationIds', { responsibleOrganizationIds: ['7d1b1c9e-0000-4000-8000-000000000002'] }],
      ['indicatorIds', { indicatorIds: ['7d1b1c9e-0000-4000-8000-000000000003'] }],
    ])('answers NOT_FOUND for an unknown %s and writes nothing', async (field, input) => {
      const before = await counts();
      const res = await create(input);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0].message).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['title', { title: '   ' }],
      ['title', { title: 'x'.repeat(301) }],
      ['description', { description: 'x'.repeat(5001) }],
      ['meetingId', { meetingId: 'not-a-uuid' }],
      ['barrierIds', { barrierIds: ['1'] }],
      ['code', { code: 'has spaces' }],
      ['code', { code: 'X'.repeat(41) }],
    ])('answers BAD_USER_INPUT naming %s', async (field, input) => {
      const before = await counts();
      const res = await create(input);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it.each(['2025-02-29', '2025-13-01', '31.12.2025', ''])('refuses the due date %p', async (dueDate) => {
      const res = await create({ dueDate });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('updateRecommendation', () => {
    it('edits fields and replaces links, bumping the version', async () => {
      const orgA = await createOrganization(t);
      const orgB = await createOrganization(t);
      const rec = (await create({ responsibleOrganizationIds: [orgA.id], dueDate: '2026-01-01' })).data!.createRecommendation;
      const res = await t.gql(UPDATE, {
        id: rec.id,
        input: { title: 'Renamed', priority: 'HIGH', dueDate: null, responsibleOrganizationIds: [orgB.id] },
        expectedVersion: 1,
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateRecommendation).toMatchObject({
        title: 'Renamed',
        priority: 'HIGH',
        dueDate: null,
        description: null,
        version: 2,
        responsibleOrganizations: [{ id: orgB.id }],
        barriers: [],
      });
      const cleared = await t.gql(UPDATE, { id: rec.id, input: { responsibleOrganizationIds: [] } });
      expect(cleared.data!.updateRecommendation).toMatchObject({ version: 3, responsibleOrganizations: [], title: 'Renamed' });
    });

    it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
      const rec = (await create({})).data!.createRecommendation;
      await t.gqlOk(UPDATE, { id: rec.id, input: { title: 'First' } });
      const res = await t.gql(UPDATE, { id: rec.id, input: { title: 'Second' }, expectedVersion: 1 });
      expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
      const [row] = await t.sql("SELECT title->>'en' AS title, version FROM recommendation WHERE id = $1", [rec.id]);
      expect(row).toEqual({ title: 'First', version: 2 });
    });

    it('refuses null for a required field', async () => {
      const rec = (await create({})).data!.createRecommendation;
      const res = await t.gql(UPDATE, { id: rec.id, input: { title: null } });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain('title');
    });

    it('answers NOT_FOUND for an unknown recommendation, and rolls back when a link is unknown', async () => {
      const missing = await t.gql(UPDATE, { id: '7d1b1c9e-0000-4000-8000-00000000000a', input: { title: 'x' } });
      expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const rec = (await create({})).data!.createRecommendation;
      const res = await t.gql(UPDATE, {
        id: rec.id,
        input: { title: 'Should not stick', barrierIds: ['7d1b1c9e-0000-4000-8000-00000000000b'] },
      });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const [row] = await t.sql("SELECT title->>'en' AS title, version FROM recommendation WHERE id = $1", [rec.id]);
      expect(row).toEqual({ title: 'A recommendation', version: 1 });
    });
  });

  describe('recommendation(id)', () => {
    it('is null for an unknown or malformed id', async () => {
      const res = await t.gqlOk('{ a: recommendation(id: "nope") { id } b: recommendation(id: "7d1b1c9e-0000-4000-8000-00000000000c") { id } }');
      expect(res).toEqual({ a: null, b: null });
    });
  });
});

describe('recommendations list: filters, order, pagination', () => {
  let t: TestApp;
  let meetingA: string;
  let meetingB: string;
  let barrierId: string;
  let orgId: string;

  const list = async (variables: Record<string, unknown>) => {
    const res = await t.gql(LIST, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.recommendations;
  };
  const codes = async (variables: Record<string, unknown>) =>
    (await list({ first: 100, ...variables })).edges.map((e: { node: { code: string } }) => e.node.code);
  const transition = (id: string, to: string, note?: string) =>
    t.gqlOk(`mutation ($input: TransitionRecommendationInput!) { transitionRecommendation(input: $input) { status } }`, {
      input: { id, to, note },
    });

  beforeAll(async () => {
    t = await createTestApp();
    meetingA = (await createMeeting(t)).id;
    meetingB = (await createMeeting(t)).id;
    barrierId = (await createBarrier(t, { meetingIds: [meetingA] })).id;
    orgId = (await createOrganization(t)).id;
    const specs = [
      { code: 'A-01', title: 'Gender quotas in local keneshes', kind: 'QUOTA', priority: 'HIGH', dueDate: '2025-01-31', meetingId: meetingA, barrierIds: [barrierId] },
      { code: 'A-02', title: 'Mentorship for women candidates', kind: 'MENTORSHIP', priority: 'LOW', dueDate: '2030-06-30', meetingId: meetingA, responsibleOrganizationIds: [orgId] },
      { code: 'A-03', title: 'Монитор гендерных программ', description: 'Ежегодный отчёт о ЖЕНЩИНАХ в политике', kind: 'MONITORING', priority: 'MEDIUM', meetingId: meetingB },
      { code: 'B-01', title: 'Campaign finance for 100% of candidates_x', kind: 'FUNDING', priority: 'HIGH', dueDate: '2024-12-31', meetingId: meetingB },
      { code: 'B-02', title: 'Awareness campaign', kind: 'AWARENESS', priority: 'MEDIUM', dueDate: '2025-01-31', meetingId: meetingB, responsibleOrganizationIds: [orgId] },
    ];
    const ids: Record<string, string> = {};
    for (const input of specs) {
      ids[input.code] = (await t.gqlOk<{ createRecommendation: { id: string } }>(CREATE, { input })).createRecommendation.id;
    }
    // B-01 overdue but closed (REJECTED): not overdue. A-01 overdue and open.
    await transition(ids['B-01'], 'REJECTED');
    await transition(ids['A-02'], 'UNDER_REVIEW');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('orders by code by default and counts everything', async () => {
    const page = await list({});
    expect(page.totalCount).toBe(5);
    expect(page.edges.map((e: any) => e.node.code)).toEqual(['A-01', 'A-02', 'A-03', 'B-01', 'B-02']);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by status, kind, meeting, barrier and responsible organisation', async () => {
    expect(await codes({ filter: { status: ['PROPOSED'] } })).toEqual(['A-01', 'A-03', 'B-02']);
    expect(await codes({ filter: { status: ['REJECTED', 'UNDER_REVIEW'] } })).toEqual(['A-02', 'B-01']);
    expect(await codes({ filter: { kind: ['QUOTA', 'FUNDING'] } })).toEqual(['A-01', 'B-01']);
    expect(await codes({ filter: { meetingId: meetingB } })).toEqual(['A-03', 'B-01', 'B-02']);
    expect(await codes({ filter: { barrierId } })).toEqual(['A-01']);
    expect(await codes({ filter: { responsibleOrganizationId: orgId } })).toEqual(['A-02', 'B-02']);
    expect(await codes({ filter: { responsibleOrganizationId: orgId, status: ['PROPOSED'] } })).toEqual(['B-02']);
  });

  it('filters overdue: due date passed and neither IMPLEMENTED nor REJECTED', async () => {
    expect(await codes({ filter: { overdue: true } })).toEqual(['A-01', 'B-02']);
    expect(await codes({ filter: { overdue: false } })).toEqual(['A-02', 'A-03', 'B-01']);
    const page = await list({ first: 100 });
    const overdue = page.edges.filter((e: any) => e.node.isOverdue).map((e: any) => e.node.code);
    expect(overdue).toEqual(['A-01', 'B-02']);
  });

  it('searches code, title and description case-insensitively, Cyrillic included', async () => {
    expect(await codes({ filter: { search: 'QUOTAS' } })).toEqual(['A-01']);
    expect(await codes({ filter: { search: 'b-0' } })).toEqual(['B-01', 'B-02']);
    expect(await codes({ filter: { search: 'женщинах' } })).toEqual(['A-03']);
    expect(await codes({ filter: { search: 'ГЕНДЕРНЫХ' } })).toEqual(['A-03']);
  });

  it('treats % and _ in a search as literal characters', async () => {
    expect(await codes({ filter: { search: '100%' } })).toEqual(['B-01']);
    expect(await codes({ filter: { search: '%' } })).toEqual(['B-01']);
    expect(await codes({ filter: { search: 's_x' } })).toEqual(['B-01']);
    expect(await codes({ filter: { search: 'a_0' } })).toEqual([]);
  });

  it.each([
    [{ field: 'CODE', direction: 'DESC' }, ['B-02', 'B-01', 'A-03', 'A-02', 'A-01']],
    [{ field: 'DUE_DATE', direction: 'ASC' }, ['B-01', 'A-01', 'B-02', 'A-02', 'A-03']],
    [{ field: 'DUE_DATE', direction: 'DESC' }, ['A-03', 'A-02', 'B-02', 'A-01', 'B-01']],
    [{ field: 'PRIORITY', direction: 'DESC' }, ['B-01', 'A-01', 'B-02', 'A-03', 'A-02']],
  ])('orders by %j, paging one at a time without gaps or repeats', async (orderBy, expected) => {
    const all = await codes({ orderBy });
    // Same-key rows are tie-broken by id, so only compare the order of distinct keys.
    expect(new Set(all)).toEqual(new Set(expected));
    if (orderBy.field !== 'PRIORITY' && orderBy.field !== 'DUE_DATE') expect(all).toEqual(expected);
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = await list({ first: 1, after, orderBy });
      paged.push(...page.edges.map((e: any) => e.node.code));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
  });

  it('orders by DUE_DATE with missing dates last (ASC) and ties by id', async () => {
    const all = await codes({ orderBy: { field: 'DUE_DATE', direction: 'ASC' } });
    expect(all[0]).toBe('B-01');
    expect(all.slice(1, 3).sort()).toEqual(['A-01', 'B-02']);
    expect(all.slice(3)).toEqual(['A-02', 'A-03']);
  });

  it('orders by UPDATED_AT, most recently changed first', async () => {
    const all = await codes({ orderBy: { field: 'UPDATED_AT', direction: 'DESC' } });
    expect(all[0]).toBe('A-02');
    expect(all[1]).toBe('B-01');
  });

  it('pages with filters and keeps totalCount of the whole filtered set', async () => {
    const first = await list({ first: 2, filter: { status: ['PROPOSED'] } });
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({ first: 2, after: first.pageInfo.endCursor, filter: { status: ['PROPOSED'] } });
    expect(second.edges.map((e: any) => e.node.code)).toEqual(['B-02']);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0].cursor });
    expect(second.totalCount).toBe(3);
  });

  it('counts the list on an empty page too: past the last row, and for a filter nothing matches', async () => {
    const last = await list({ first: 3, filter: { status: ['PROPOSED'] } });
    expect(last.pageInfo.hasNextPage).toBe(false);
    const past = await list({ first: 3, after: last.pageInfo.endCursor, filter: { status: ['PROPOSED'] } });
    expect(past).toMatchObject({ edges: [], totalCount: 3, pageInfo: { hasNextPage: false, endCursor: null } });
    expect(await list({ filter: { status: ['IMPLEMENTED'] } })).toMatchObject({ edges: [], totalCount: 0 });
  });

  it('reads a page and its totalCount in one SQL statement', async () => {
    const res = await t.gql(`{ recommendations(first: 2, filter: { status: [PROPOSED] }) { totalCount edges { node { code } } } }`);
    expect(res.data?.recommendations.totalCount).toBe(3);
    expect(res.statements).toBe(1);
  });

  it.each([-1, -2147483648, 101])('refuses first: %p', async (first) => {
    const res = await t.gql(LIST, { first });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain('first');
  });

  it('refuses malformed cursors and cursors of another ordering', async () => {
    const byCode = await list({ first: 1 });
    const priorityCursor = (await list({ first: 1, orderBy: { field: 'PRIORITY', direction: 'ASC' } })).pageInfo.endCursor;
    const junk = Buffer.from('["x"]').toString('base64url');
    for (const after of ['abc', '!!!', junk, 'W10']) {
      const res = await t.gql(LIST, { after });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const crossed = await t.gql(LIST, { after: byCode.pageInfo.endCursor, orderBy: { field: 'DUE_DATE', direction: 'ASC' } });
    expect(crossed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const crossed2 = await t.gql(LIST, { after: priorityCursor, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } });
    expect(crossed2.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
