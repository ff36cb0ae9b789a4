import { expectError } from './support/expect-error';
import { ActionPlanResult, createActionPlan, createIndicator, createMeeting, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const SUMMARY = `query ($year: Int!, $actionPlanId: ID) {
  progressSummary(year: $year, actionPlanId: $actionPlanId) {
    year recommendationsTotal overdue implementationRate
    byStatus { status count }
    indicators { year baseline target actual percentOfTarget status }
  }
}`;
const SUMMARY_WITH_CODES = `query ($year: Int!, $actionPlanId: ID) {
  progressSummary(year: $year, actionPlanId: $actionPlanId) {
    indicators { indicator { code } year baseline target actual percentOfTarget status }
  }
}`;

const STATUSES = ['PROPOSED', 'UNDER_REVIEW', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'STALLED', 'IMPLEMENTED'] as const;
type Status = (typeof STATUSES)[number];

/** The transitions that take a new (PROPOSED) recommendation to each status. */
const PATH: Record<Status, Status[]> = {
  PROPOSED: [],
  UNDER_REVIEW: ['UNDER_REVIEW'],
  ACCEPTED: ['UNDER_REVIEW', 'ACCEPTED'],
  REJECTED: ['REJECTED'],
  IN_PROGRESS: ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS'],
  STALLED: ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'STALLED'],
  IMPLEMENTED: ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED'],
};

const byStatus = (counts: Partial<Record<Status, number>>) => STATUSES.map((status) => ({ status, count: counts[status] ?? 0 }));

describe('progressSummary', () => {
  let t: TestApp;
  let meetingId: string;

  const summary = async (year: number, actionPlanId?: string) =>
    (await t.gqlOk(SUMMARY, { year, actionPlanId })).progressSummary;

  /** Creates a recommendation and moves it to `status`. */
  const recommendation = async (status: Status, input: { dueDate?: string; indicatorIds?: string[] } = {}) => {
    const { createRecommendation: rec } = await t.gqlOk(
      `mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id } }`,
      { input: { title: `Recommendation to be ${status}`, kind: 'MONITORING', meetingId, ...input } },
    );
    for (const to of PATH[status]) {
      await t.gqlOk(`mutation ($input: TransitionRecommendationInput!) { transitionRecommendation(input: $input) { status } }`, {
        input: { id: rec.id, to },
      });
    }
    return rec.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    meetingId = (await createMeeting(t)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('without data: every status with 0, a rate of 0, no indicators', async () => {
    expect(await summary(2026)).toEqual({
      year: 2026,
      recommendationsTotal: 0,
      overdue: 0,
      implementationRate: 0,
      byStatus: byStatus({}),
      indicators: [],
    });
  });

  describe('recommendation counts', () => {
    beforeAll(async () => {
      await recommendation('PROPOSED', { dueDate: '2025-01-01' }); // overdue
      await recommendation('PROPOSED');
      await recommendation('UNDER_REVIEW', { dueDate: '2099-01-01' }); // not due yet
      await recommendation('ACCEPTED');
      await recommendation('REJECTED', { dueDate: '2025-01-01' }); // closed: not overdue
      await recommendation('IN_PROGRESS', { dueDate: '2025-01-01' }); // overdue
      await recommendation('STALLED', { dueDate: '2026-01-01' }); // overdue
      await recommendation('IMPLEMENTED', { dueDate: '2025-01-01' }); // closed: not overdue
      await recommendation('IMPLEMENTED');
    });

    it('counts every status, the total, the overdue and the implementation rate', async () => {
      const result = await summary(2026);
      expect(result).toEqual({
        year: 2026,
        recommendationsTotal: 9,
        byStatus: byStatus({ PROPOSED: 2, UNDER_REVIEW: 1, ACCEPTED: 1, REJECTED: 1, IN_PROGRESS: 1, STALLED: 1, IMPLEMENTED: 2 }),
        overdue: 3,
        // IMPLEMENTED / (total - REJECTED) * 100 = 2 / 8 * 100
        implementationRate: 25,
        indicators: [],
      });
    });

    it('agrees with the recommendations list on the overdue count', async () => {
      const { recommendations } = await t.gqlOk('{ recommendations(filter: { overdue: true }) { totalCount } }');
      expect(recommendations.totalCount).toBe(3);
    });

    it('moves a recommendation between statuses when it transitions', async () => {
      const id = await recommendation('IN_PROGRESS', { dueDate: '2025-01-01' });
      expect((await summary(2026)).byStatus).toEqual(
        byStatus({ PROPOSED: 2, UNDER_REVIEW: 1, ACCEPTED: 1, REJECTED: 1, IN_PROGRESS: 2, STALLED: 1, IMPLEMENTED: 2 }),
      );
      await t.gqlOk(`mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: IMPLEMENTED }) { status } }`, { id });
      const after = await summary(2026);
      expect(after).toMatchObject({
        recommendationsTotal: 10,
        byStatus: byStatus({ PROPOSED: 2, UNDER_REVIEW: 1, ACCEPTED: 1, REJECTED: 1, IN_PROGRESS: 1, STALLED: 1, IMPLEMENTED: 3 }),
        overdue: 3,
        implementationRate: (3 / 9) * 100,
      });
    });

    it('counts nothing for a year that ended before the recommendations were made', async () => {
      expect(await summary(2025)).toMatchObject({ recommendationsTotal: 0, overdue: 0, implementationRate: 0, byStatus: byStatus({}) });
    });
  });

  describe('for an action plan', () => {
    let planA: ActionPlanResult;
    let planB: ActionPlanResult;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      planA = await createActionPlan(t, { code: 'PLAN-A' });
      planB = await createActionPlan(t, { code: 'PLAN-B' });
      const indicator = async (code: string, plan: ActionPlanResult, direction: 'INCREASE' | 'DECREASE', values: Record<string, number>) => {
        const [baselineValue, target] = direction === 'INCREASE' ? [20, 30] : [10, 2];
        const created = await createIndicator(t, {
          actionPlanId: plan.id,
          code,
          direction,
          baselineYear: 2024,
          baselineValue,
          targets: [{ year: 2025, value: target }],
        });
        for (const [period, value] of Object.entries(values)) await recordValue(t, { indicatorId: created.id, period, value });
        ids[code] = created.id;
      };
      // Created out of code order: the summary lists them by code.
      await indicator('A-3', planA, 'INCREASE', {}); // NO_DATA
      await indicator('A-1', planA, 'INCREASE', { '2024': 20, '2025': 25 }); // 50% AT_RISK
      await indicator('A-2', planA, 'DECREASE', { '2025': 2 }); // 100% ACHIEVED
      await indicator('A-4', planA, 'INCREASE', { '2025-Q1': 22, '2025-Q3': 29 }); // latest quarter: 29 against Q3's 27.5 is 120%, ON_TRACK (ACHIEVED needs the year's 30)
      await indicator('A-5', planA, 'DECREASE', { '2025-Q4': 2, '2025': 8 }); // annual value wins: 25% OFF_TRACK
      await indicator('B-1', planB, 'INCREASE', { '2025': 31 });

      await recommendation('IMPLEMENTED', { indicatorIds: [ids['A-1'], ids['A-2']] });
      await recommendation('REJECTED', { indicatorIds: [ids['A-3']] });
      await recommendation('PROPOSED', { dueDate: '2025-01-01', indicatorIds: [ids['A-4'], ids['B-1']] });
      await recommendation('REJECTED', { indicatorIds: [ids['B-1']] });
      // The 2025 values as a statistics office would have reported them: during 2025. (A summary of 2025
      // is taken as of 2025-12-31 and counts only the values recorded by then.)
      await t.sql(`UPDATE indicator_value SET recorded_at = '2025-12-01T12:00:00+06:00' WHERE year <= 2025`);
      // ... and approved then (which versions a report counts: those approved by its cut-off).
      await t.sql(
        `UPDATE indicator_value_version w SET submitted_at = v.recorded_at, reviewed_at = v.recorded_at FROM indicator_value v WHERE v.id = w.indicator_value_id AND v.year <= 2025`,
      );
    });

    it("lists the plan's indicators by code with their progress for the year", async () => {
      const { progressSummary } = await t.gqlOk(SUMMARY_WITH_CODES, { year: 2025, actionPlanId: planA.id });
      const base = { year: 2025 };
      expect(progressSummary.indicators).toEqual([
        { ...base, indicator: { code: 'A-1' }, baseline: 20, target: 30, actual: 25, percentOfTarget: 50, status: 'AT_RISK' },
        { ...base, indicator: { code: 'A-2' }, baseline: 10, target: 2, actual: 2, percentOfTarget: 100, status: 'ACHIEVED' },
        { ...base, indicator: { code: 'A-3' }, baseline: 20, target: 30, actual: null, percentOfTarget: null, status: 'NO_DATA' },
        { ...base, indicator: { code: 'A-4' }, baseline: 20, target: 30, actual: 29, percentOfTarget: 120, status: 'ON_TRACK' },
        { ...base, indicator: { code: 'A-5' }, baseline: 10, target: 2, actual: 8, percentOfTarget: 25, status: 'OFF_TRACK' },
      ]);
    });

    it('agrees with Indicator.progress', async () => {
      const { progressSummary } = await t.gqlOk(SUMMARY_WITH_CODES, { year: 2025, actionPlanId: planA.id });
      for (const entry of progressSummary.indicators) {
        const { indicator } = await t.gqlOk(
          `query ($id: ID!) { indicator(id: $id) { progress(year: 2025) { year baseline target actual percentOfTarget status } } }`,
          { id: ids[entry.indicator.code] },
        );
        const { indicator: _, ...progress } = entry;
        expect(indicator.progress).toEqual(progress);
      }
    });

    it('counts only the recommendations linked to indicators of the plan', async () => {
      expect(await summary(2026, planA.id)).toMatchObject({
        recommendationsTotal: 3,
        byStatus: byStatus({ IMPLEMENTED: 1, REJECTED: 1, PROPOSED: 1 }),
        overdue: 1,
        implementationRate: 50,
      });
    });

    it('gives a rate of 0 when nothing is implemented', async () => {
      expect(await summary(2026, planB.id)).toMatchObject({
        recommendationsTotal: 2,
        byStatus: byStatus({ PROPOSED: 1, REJECTED: 1 }),
        overdue: 1,
        implementationRate: 0,
      });
    });

    it('gives a rate of 0 when nothing counts (only rejected recommendations)', async () => {
      const plan = await createActionPlan(t);
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      await recommendation('REJECTED', { indicatorIds: [indicator.id] });
      expect(await summary(2026, plan.id)).toEqual({
        year: 2026,
        recommendationsTotal: 1,
        byStatus: byStatus({ REJECTED: 1 }),
        overdue: 0,
        implementationRate: 0,
        indicators: [{ year: 2026, baseline: null, target: null, actual: null, percentOfTarget: null, status: 'NO_DATA' }],
      });
    });

    it("includes every plan's indicators without actionPlanId", async () => {
      const { progressSummary } = await t.gqlOk(SUMMARY_WITH_CODES, { year: 2025 });
      const codes = progressSummary.indicators.map((i: { indicator: { code: string } }) => i.indicator.code);
      expect(codes).toEqual(expect.arrayContaining(['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'B-1']));
      expect(codes).toHaveLength((await t.sql('SELECT count(*)::int AS n FROM indicator'))[0].n);
    });

    it('refuses an unknown actionPlanId with NOT_FOUND', async () => {
      const res = await t.gql(SUMMARY, { year: 2025, actionPlanId: '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d' });
      expectError(res, 'NOT_FOUND', /actionPlanId/);
    });

    it.each([
      ['a non-UUID actionPlanId', { year: 2025, actionPlanId: 'PLAN-A' }, /actionPlanId/],
      ['a year before 1900', { year: 1899 }, /^year: /],
      ['a year after 2200', { year: 2201 }, /^year: /],
    ])('refuses %s with BAD_USER_INPUT', async (_, variables, field) => {
      expectError(await t.gql(SUMMARY, variables), 'BAD_USER_INPUT', field);
    });
  });
});
