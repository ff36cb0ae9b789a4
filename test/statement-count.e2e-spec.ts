import { BENCH_YEAR, DASHBOARD_QUERY, INDICATORS_QUERY, OPEN_STATUSES } from '../bench/operations';
import { actualForYear } from '../src/action-plan/indicator-progress';
import { Clock } from '../src/common/clock';
import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** Every relation field of a recommendation, and every relation of those. */
const EVERY_FIELD = `query ($first: Int) {
  recommendations(first: $first) {
    totalCount
    edges { node {
      code status isOverdue
      meeting { title participants { role person { fullName } organization { name } } recommendations { code } }
      barriers { title category meetings { heldOn } recommendations { code } }
      responsibleOrganizations { name kind }
      indicators {
        code
        targets { year value }
        values { period value versions { number reviewStatus } }
        latestValue { period value }
        progress(year: 2025) { percentOfTarget status indicator { code } }
        actionPlan { code indicators { code } }
        responsibleOrganization { name }
        recommendations { code }
      }
      statusHistory { from to changedAt }
      factHistory { version dueDate priority changedBy responsibleOrganizations { name } }
    } }
  }
}`;

/**
 * The same loaders reached at several depths (barrier -> recommendations both
 * under the recommendation and under its meeting). Each depth can dispatch its
 * own batch, and whether two depths share one depends on which query returns
 * first, so only an upper bound is fixed here.
 */
const DEEP = `query ($first: Int) {
  recommendations(first: $first) {
    edges { node {
      meeting { barriers { title meetings { title } recommendations { code } } participants { person { organization { name } } } }
      barriers { recommendations { code meeting { title } } }
      indicators { responsibleOrganization { name } recommendations { barriers { title } } }
    } }
  }
}`;

describe('SQL statements per request (no N+1)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const meetings = [await createMeeting(t), await createMeeting(t)];
    const orgs = [await createOrganization(t), await createOrganization(t), await createOrganization(t)];
    const barriers = [
      await createBarrier(t, { meetingIds: [meetings[0].id] }),
      await createBarrier(t, { meetingIds: [meetings[0].id, meetings[1].id] }),
    ];
    const plan = await createActionPlan(t);
    const indicators = [];
    for (let i = 0; i < 3; i++) {
      const indicator = await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: orgs[i].id });
      for (const period of ['2024', '2025-Q1', '2025-Q2']) {
        // Approved, so that the values are read (public readers see approved versions only).
        await recordValue(t, { indicatorId: indicator.id, period, value: 10 + i });
      }
      indicators.push(indicator);
    }
    for (let i = 0; i < 100; i++) {
      const { createRecommendation: rec } = await t.gqlOk<{ createRecommendation: { id: string } }>(
        `mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id } }`,
        {
          input: {
            title: `Recommendation ${i}`,
            kind: 'MONITORING',
            dueDate: '2025-06-30',
            meetingId: meetings[i % 2].id,
            barrierIds: [barriers[i % 2].id],
            responsibleOrganizationIds: [orgs[i % 3].id, orgs[(i + 1) % 3].id],
            indicatorIds: [indicators[i % 3].id, indicators[(i + 1) % 3].id],
          },
        },
      );
      await t.gqlOk(`mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }`, {
        id: rec.id,
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('costs the same for a page of 100 as for a page of 1', async () => {
    const one = await t.gql(EVERY_FIELD, { first: 1 });
    const hundred = await t.gql(EVERY_FIELD, { first: 100 });
    expect(one.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!.recommendations.edges).toHaveLength(100);
    const node = hundred.data!.recommendations.edges[99].node;
    expect(node.indicators).toHaveLength(2);
    expect(node.indicators[0].values).toHaveLength(3);
    expect(node.indicators[0].values[0].versions).toEqual([{ number: 1, reviewStatus: 'APPROVED' }]);
    expect(node.statusHistory).toHaveLength(2);
    expect(node.factHistory).toEqual([
      expect.objectContaining({ version: 1, dueDate: '2025-06-30', priority: 'MEDIUM', responsibleOrganizations: expect.arrayContaining([{ name: expect.any(String) }]) }),
    ]);
    expect(node.factHistory[0].responsibleOrganizations).toHaveLength(2);
    expect(Number.isInteger(one.statements)).toBe(true);
    console.log(`[statements] every relation field: page of 1 = ${one.statements}, page of 100 = ${hundred.statements}`);
    expect(hundred.statements).toBe(one.statements);
    // One query per relation, whatever the page size.
    expect(hundred.statements).toBeLessThanOrEqual(20);
  });

  it('costs the same statements for a page of 50 in every language, companions and locale arguments included', async () => {
    const translated = EVERY_FIELD.replace(
      'code status isOverdue',
      'code status isOverdue title titleLocale titleTranslations { locale text } ruTitle: title(locale: RU) description descriptionLocale',
    );
    const counts: Record<string, number> = {};
    for (const acceptLanguage of ['en', 'ru', 'ky', 'ru;q=0.9, en;q=0.8']) {
      const res = await t.gql(translated, { first: 50 }, { 'accept-language': acceptLanguage });
      expect(res.errors).toBeUndefined();
      expect(res.data!.recommendations.edges).toHaveLength(50);
      expect(res.headers['content-language']).toBe(acceptLanguage.slice(0, 2));
      counts[acceptLanguage] = res.statements;
    }
    console.log(`[statements] a page of 50 by language: ${JSON.stringify(counts)}`);
    const plain = await t.gql(EVERY_FIELD, { first: 50 });
    expect(new Set(Object.values(counts))).toEqual(new Set([plain.statements]));
  });

  it('stays within the same bound at any page size when loaders repeat at several depths', async () => {
    for (const first of [1, 10, 100]) {
      const res = await t.gql(DEEP, { first });
      expect(res.errors).toBeUndefined();
      // 14 relations below the page, some reached twice: at most one batch per loader and depth.
      expect(res.statements).toBeLessThanOrEqual(20);
    }
  });

  it('costs the same for the indicators list and the meetings list at any page size', async () => {
    const indicators = `query ($first: Int) { indicators(first: $first) { edges { node {
      code targets { year } values { period } latestValue { value } progress(year: 2025) { status }
      actionPlan { code } responsibleOrganization { name } recommendations { code } } } } }`;
    const meetings = `query ($first: Int) { meetings(first: $first) { edges { node {
      title participants { role } barriers { title } recommendations { code statusHistory { to } } } } } }`;
    for (const query of [indicators, meetings]) {
      const small = await t.gql(query, { first: 1 });
      const large = await t.gql(query, { first: 100 });
      expect(small.errors).toBeUndefined();
      expect(large.statements).toBe(small.statements);
    }
  });

  it('answers progress(year) and latestValue the same, with the same statements, whatever the field order', async () => {
    const seriesFirst = `{ indicators(first: 100) { edges { node {
      id values { period value } targets { year value } latestValue { period value } progress(year: 2025) { target actual status } } } } }`;
    const figuresFirst = `{ indicators(first: 100) { edges { node {
      id progress(year: 2025) { target actual status } latestValue { period value } targets { year value } values { period value } } } } }`;
    const a = await t.gql(seriesFirst);
    const b = await t.gql(figuresFirst);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    type IndicatorNode = { id: string; values: { period: string; value: number }[]; progress: { actual: number | null } };
    const nodes = (res: typeof a) =>
      new Map((res.data!.indicators.edges as { node: IndicatorNode }[]).map(({ node }) => [node.id, node]));
    expect(nodes(b)).toEqual(nodes(a));
    expect(b.statements).toBe(a.statements);
    // The SQL figure (actualForYearSql) and the TypeScript rule the public pages use agree on the same series.
    for (const { node } of a.data!.indicators.edges as { node: IndicatorNode }[]) {
      const series = node.values.map((v) => ({ year: Number(v.period.slice(0, 4)), quarter: v.period.length > 4 ? Number(v.period.slice(-1)) : null, value: v.value }));
      expect(node.progress.actual).toBe(actualForYear(series, 2025));
    }
  });

  it("costs the benchmark's dashboard and indicators pages the statements they took before values had versions", async () => {
    // The page (and its count); meeting, barriers, organisations, history and indicators with their
    // latest values and progress figures as JSON in one (the page assembler, for progress in the current
    // year, and for a past one at its plans' reporting lag): 2 (4 while the indicators and their figures
    // took two statements of their own, 7 before the assembler, 8 while latest value and progress were
    // read apart). The clock on a day of BENCH_YEAR, and on days of the next year before and after the lag.
    for (const day of [`${BENCH_YEAR}-06-15`, `${BENCH_YEAR + 1}-01-15`, `${BENCH_YEAR + 1}-06-15`]) {
      const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${day}T06:00:00Z`));
      try {
        const dashboard = await t.gql(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR });
        expect(dashboard.errors).toBeUndefined();
        expect(dashboard.statements).toBe(2);
      } finally {
        clock.mockRestore();
      }
    }
    // The page and its count, targets, values, latest value and progress together, organisations: 5.
    const indicators = await t.gql(INDICATORS_QUERY, { year: BENCH_YEAR });
    expect(indicators.errors).toBeUndefined();
    expect(indicators.statements).toBe(5);
  });

  it('reads a year\'s summary with one statement for the counts, and the plans\' years and lag once per data version', async () => {
    const SUMMARY = '{ progressSummary(year: 2025) { recommendationsTotal overdue implementationRate byStatus { status count } } }';
    const WITH_INDICATORS = '{ progressSummary(year: 2025) { recommendationsTotal indicators { indicator { code } status } } }';
    // A write moves the data version on: the next summary reads the plans' facts again.
    const [plan] = await t.sql<{ id: string; version: number; end_year: number }>('SELECT id, version, end_year FROM action_plan LIMIT 1');
    await t.gqlOk(`mutation ($id: ID!) { updateActionPlan(id: $id, input: { approvedBy: "Cabinet" }) { id } }`, { id: plan.id });
    const cold = await t.gql(SUMMARY);
    expect(cold.errors).toBeUndefined();
    expect(cold.statements).toBe(2);
    // Until the next write: the counts alone; with every indicator, one more.
    const warm = await t.gql(SUMMARY);
    expect(warm.statements).toBe(1);
    const withIndicators = await t.gql(WITH_INDICATORS);
    expect(withIndicators.errors).toBeUndefined();
    expect(withIndicators.statements).toBe(2);
    // The facts are the current ones after a write: a year the plan now spans is accepted at once.
    const beyond = plan.end_year + 1;
    const refused = await t.gql(`{ progressSummary(year: ${beyond}) { recommendationsTotal } }`);
    if (beyond !== new Date().getFullYear()) expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    await t.gqlOk(`mutation ($id: ID!) { updateActionPlan(id: $id, input: { endYear: ${beyond} }) { id } }`, { id: plan.id });
    const accepted = await t.gql(`{ progressSummary(year: ${beyond}) { recommendationsTotal } }`);
    expect(accepted.errors).toBeUndefined();
  });
});
