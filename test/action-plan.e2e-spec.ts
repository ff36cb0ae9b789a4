import { expectError } from './support/expect-error';
import {
  ActionPlanResult,
  createActionPlan,
  createIndicator,
  createOrganization,
  CreateIndicatorInput,
  IndicatorDirection,
  OrganizationResult,
  recordValue,
  uniqueCode,
} from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const CREATE_PLAN = `mutation ($input: CreateActionPlanInput!) {
  createActionPlan(input: $input) { id code title approvedBy approvedOn startYear endYear indicators { id } }
}`;
const CREATE_INDICATOR = `mutation ($input: CreateIndicatorInput!) {
  createIndicator(input: $input) {
    id code name unit direction baselineYear baselineValue targets { year value }
    actionPlan { id } responsibleOrganization { id }
  }
}`;
const SET_TARGET = `mutation ($indicatorId: ID!, $year: Int!, $value: Float!) {
  setIndicatorTarget(indicatorId: $indicatorId, year: $year, value: $value) { id targets { year value } }
}`;
const RECORD = `mutation ($input: RecordIndicatorValueInput!) {
  recordIndicatorValue(input: $input) { id period value source note recordedAt recordedBy }
}`;
const INDICATOR = `query ($id: ID!, $year: Int!) {
  indicator(id: $id) {
    id code
    values { period value }
    latestValue { period value }
    progress(year: $year) { year baseline target actual percentOfTarget status }
  }
}`;
const INDICATORS = `query ($first: Int, $after: String, $filter: IndicatorFilter) {
  indicators(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id code } }
  }
}`;
const UNKNOWN_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

interface IndicatorsPage {
  indicators: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; code: string } }[];
  };
}

describe('action plan and indicators', () => {
  let t: TestApp;
  /** 2024-2027, the plan most tests put their indicators in. */
  let plan: ActionPlanResult;

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n;
  const indicatorInput = (input: Partial<CreateIndicatorInput> = {}) => ({
    input: { actionPlanId: plan.id, code: uniqueCode('WL'), name: 'Women among local councillors', unit: '%', direction: 'INCREASE', ...input },
  });
  const record = (indicatorId: string, period: string, value = 1) =>
    t.gql(RECORD, { input: { indicatorId, period, value } });
  const indicatorOf = async (id: string, year = 2025) => (await t.gqlOk(INDICATOR, { id, year })).indicator;

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createActionPlan(t, { code: 'WLP-2024', startYear: 2024, endYear: 2027 });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('createActionPlan and actionPlans', () => {
    it('creates a plan, upper-casing its code, and lists it', async () => {
      const input = {
        code: '  sp-2024/27 ',
        title: "Action Plan 2024-2027 of the State Program for Supporting Women's Leadership",
        approvedBy: 'Presidential Decree',
        approvedOn: '2024-03-01',
        startYear: 2024,
        endYear: 2027,
      };
      const { createActionPlan: created } = await t.gqlOk(CREATE_PLAN, { input });
      expect(created).toEqual({ ...input, id: expect.any(String), code: 'SP-2024/27', indicators: [] });

      const { actionPlans } = await t.gqlOk('{ actionPlans { id code title approvedBy approvedOn startYear endYear } }');
      expect(actionPlans).toContainEqual({ ...input, id: created.id, code: 'SP-2024/27' });
    });

    it('accepts a plan of a single year', async () => {
      const { createActionPlan: created } = await t.gqlOk(CREATE_PLAN, {
        input: { code: uniqueCode('ONE'), title: 'One year', startYear: 2025, endYear: 2025 },
      });
      expect(created).toMatchObject({ startYear: 2025, endYear: 2025, approvedBy: null, approvedOn: null });
    });

    it('refuses startYear after endYear with BAD_USER_INPUT naming endYear, and writes nothing', async () => {
      const before = await count('action_plan');
      const res = await t.gql(CREATE_PLAN, { input: { code: uniqueCode('BAD'), title: 'Backwards', startYear: 2027, endYear: 2024 } });
      const error = expectError(res, 'BAD_USER_INPUT', /^endYear: /);
      expect(error.extensions?.fields).toEqual(['endYear']);
      expect(await count('action_plan')).toBe(before);
    });

    it.each([
      ['a taken code', 'WLP-2024'],
      ['a taken code in another case', 'wlp-2024'],
      ['a taken code with spaces around', ' Wlp-2024  '],
    ])('refuses %s with CONFLICT and writes nothing', async (_, code) => {
      const before = await count('action_plan');
      const res = await t.gql(CREATE_PLAN, { input: { code, title: 'Again', startYear: 2024, endYear: 2027 } });
      expectError(res, 'CONFLICT', /already exists/);
      expect(await count('action_plan')).toBe(before);
    });

    it.each([
      ['a code with a space', { code: 'AP 1' }, /^code: /],
      ['a blank title', { title: '  ' }, /^title: /],
      ['a year before 1900', { startYear: 1800 }, /^startYear: /],
      ['an invalid approval date', { approvedOn: '2024-02-30' }, /approvedOn/],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_, override, field) => {
      const input = { code: uniqueCode('AP'), title: 'Plan', startYear: 2024, endYear: 2027, ...override };
      expectError(await t.gql(CREATE_PLAN, { input }), 'BAD_USER_INPUT', field);
    });

    it('ActionPlan.indicators lists its indicators by code', async () => {
      const own = await createActionPlan(t);
      const b = await createIndicator(t, { actionPlanId: own.id, code: 'K-2' });
      const a = await createIndicator(t, { actionPlanId: own.id, code: 'K-1' });
      await createIndicator(t, { code: 'K-0' }); // in another plan
      const { actionPlans } = await t.gqlOk<{ actionPlans: { id: string; indicators: { id: string; code: string }[] }[] }>(
        '{ actionPlans { id indicators { id code } } }',
      );
      expect(actionPlans.find((p) => p.id === own.id)!.indicators).toEqual([
        { id: a.id, code: 'K-1' },
        { id: b.id, code: 'K-2' },
      ]);
    });
  });

  describe('createIndicator', () => {
    it('creates an indicator with its targets, ordered by year', async () => {
      const org = await createOrganization(t);
      const { createIndicator: indicator } = await t.gqlOk(
        CREATE_INDICATOR,
        indicatorInput({
          code: 'wl-1',
          baselineYear: 2023,
          baselineValue: 12.5,
          targets: [
            { year: 2027, value: 30 },
            { year: 2025, value: 20 },
          ],
          responsibleOrganizationId: org.id,
        }),
      );
      expect(indicator).toEqual({
        id: expect.any(String),
        code: 'WL-1',
        name: 'Women among local councillors',
        unit: '%',
        direction: 'INCREASE',
        baselineYear: 2023,
        baselineValue: 12.5,
        targets: [
          { year: 2025, value: 20 },
          { year: 2027, value: 30 },
        ],
        actionPlan: { id: plan.id },
        responsibleOrganization: { id: org.id },
      });
      expect(await count('indicator_target', 'indicator_id = $1', [indicator.id])).toBe(2);
    });

    it.each([
      ['a target year before the plan', [{ year: 2023, value: 1 }]],
      ['a target year after the plan', [{ year: 2025, value: 1 }, { year: 2028, value: 2 }]],
      ['the same target year twice', [{ year: 2025, value: 1 }, { year: 2025, value: 2 }]],
    ])('refuses %s with BAD_USER_INPUT naming targets, and writes nothing', async (_, targets) => {
      const before = { indicators: await count('indicator'), targets: await count('indicator_target') };
      const res = await t.gql(CREATE_INDICATOR, indicatorInput({ targets }));
      expectError(res, 'BAD_USER_INPUT', /^targets/);
      expect({ indicators: await count('indicator'), targets: await count('indicator_target') }).toEqual(before);
    });

    it.each([
      ['the same code', 'DUP-1'],
      ['the same code in another case', 'dup-1'],
    ])('refuses %s in the same plan with CONFLICT and writes nothing', async (_, code) => {
      if ((await count('indicator', "code = 'DUP-1'")) === 0) await createIndicator(t, { actionPlanId: plan.id, code: 'DUP-1' });
      const before = { indicators: await count('indicator'), targets: await count('indicator_target') };
      const res = await t.gql(CREATE_INDICATOR, indicatorInput({ code, targets: [{ year: 2025, value: 1 }] }));
      expectError(res, 'CONFLICT', /already has an indicator with this code/);
      expect({ indicators: await count('indicator'), targets: await count('indicator_target') }).toEqual(before);
    });

    it('accepts the same code in another plan', async () => {
      const first = await createIndicator(t, { actionPlanId: plan.id, code: 'SHARED-1' });
      const other = await createActionPlan(t);
      const second = await createIndicator(t, { actionPlanId: other.id, code: 'SHARED-1' });
      expect(second.code).toBe('SHARED-1');
      expect(second.id).not.toBe(first.id);
      expect(second.actionPlan).toEqual({ id: other.id });
    });

    it('refuses an unknown actionPlanId with NOT_FOUND', async () => {
      const before = await count('indicator');
      const res = await t.gql(CREATE_INDICATOR, indicatorInput({ actionPlanId: UNKNOWN_ID }));
      expectError(res, 'NOT_FOUND', /actionPlanId/);
      expect(await count('indicator')).toBe(before);
    });

    it('refuses an unknown responsibleOrganizationId with NOT_FOUND', async () => {
      const before = await count('indicator');
      const res = await t.gql(CREATE_INDICATOR, indicatorInput({ responsibleOrganizationId: UNKNOWN_ID }));
      expectError(res, 'NOT_FOUND', /responsibleOrganizationId/);
      expect(await count('indicator')).toBe(before);
    });

    it.each([
      ['a non-UUID actionPlanId', { actionPlanId: 'wlp-2024' }, /actionPlanId/],
      ['a code with a space', { code: 'WL 1' }, /^code: /],
      ['a blank name', { name: ' ' }, /^name: /],
      ['a blank unit', { unit: '' }, /^unit: /],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_, override, field) => {
      expectError(await t.gql(CREATE_INDICATOR, indicatorInput(override)), 'BAD_USER_INPUT', field);
    });
  });

  describe('setIndicatorTarget', () => {
    it('replaces the target of a year and adds the target of another', async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id, targets: [{ year: 2025, value: 30 }] });

      const replaced = await t.gqlOk(SET_TARGET, { indicatorId: indicator.id, year: 2025, value: 35 });
      expect(replaced.setIndicatorTarget).toEqual({ id: indicator.id, targets: [{ year: 2025, value: 35 }] });

      const added = await t.gqlOk(SET_TARGET, { indicatorId: indicator.id, year: 2024, value: 25 });
      expect(added.setIndicatorTarget.targets).toEqual([
        { year: 2024, value: 25 },
        { year: 2025, value: 35 },
      ]);
      const rows = await t.sql('SELECT year, value FROM indicator_target WHERE indicator_id = $1 ORDER BY year', [indicator.id]);
      expect(rows).toEqual([
        { year: 2024, value: 25 },
        { year: 2025, value: 35 },
      ]);
    });

    it('refuses a year outside the plan with BAD_USER_INPUT naming year', async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      expectError(await t.gql(SET_TARGET, { indicatorId: indicator.id, year: 2028, value: 1 }), 'BAD_USER_INPUT', /^year: /);
      expect(await count('indicator_target', 'indicator_id = $1', [indicator.id])).toBe(0);
    });

    it('refuses an unknown indicator with NOT_FOUND', async () => {
      expectError(await t.gql(SET_TARGET, { indicatorId: UNKNOWN_ID, year: 2025, value: 1 }), 'NOT_FOUND', /indicatorId/);
    });
  });

  describe('recordIndicatorValue', () => {
    let indicatorId: string;
    beforeAll(async () => {
      indicatorId = (await createIndicator(t, { actionPlanId: plan.id, baselineYear: 2022 })).id;
    });

    it.each([['2025'], ['2025-Q3'], ['2024-Q1'], ['2026-Q4']])('accepts period %p', async (period) => {
      const res = await t.gqlOk(RECORD, { input: { indicatorId, period, value: 42.5, source: 'National statistics', note: 'preliminary' } });
      expect(res.recordIndicatorValue).toEqual({
        id: expect.any(String),
        period,
        value: 42.5,
        source: 'National statistics',
        note: 'preliminary',
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/),
        recordedBy: 'bootstrap-admin',
      });
      // Kept as its first version, waiting for review (the slot's public copy is empty until approved).
      const rows = await t.sql(
        `SELECT v.value AS public_value, w.number, w.value, w.review_status FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id
          WHERE v.indicator_id = $1 AND v.period = $2`,
        [indicatorId, period],
      );
      expect(rows).toEqual([{ public_value: null, number: 1, value: 42.5, review_status: 'SUBMITTED' }]);
    });

    it.each([['2025-Q5'], ['2025-Q0'], ['2025q1'], ['2025-q1'], ['25'], ['2025-3'], [' 2025'], ['2025-Q1 '], ['']])(
      'refuses period %p with BAD_USER_INPUT naming period, and writes nothing',
      async (period) => {
        const before = await count('indicator_value');
        expectError(await record(indicatorId, period), 'BAD_USER_INPUT', /^period: /);
        expect(await count('indicator_value')).toBe(before);
      },
    );

    it('accepts a baseline year before the plan, refuses years outside baseline and plan years', async () => {
      const old = await createActionPlan(t, { startYear: 2020, endYear: 2023 });
      const indicator = await createIndicator(t, { actionPlanId: old.id, baselineYear: 2019 });
      expect((await record(indicator.id, '2019')).errors).toBeUndefined();
      expect((await record(indicator.id, '2023-Q4')).errors).toBeUndefined();
      for (const period of ['2018', '2018-Q4', '2024', '2024-Q1']) {
        expectError(await record(indicator.id, period), 'BAD_USER_INPUT', /^period: .*2019-2023/);
      }
      expect(await count('indicator_value', 'indicator_id = $1', [indicator.id])).toBe(2);
    });

    it('refuses a year before the plan when the indicator has no earlier baseline year', async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      expectError(await record(indicator.id, '2023'), 'BAD_USER_INPUT', /^period: .*2024-2027/);
    });

    it('refuses a period that has not started yet', async () => {
      const long = await createActionPlan(t, { startYear: 2024, endYear: 2035 });
      const indicator = await createIndicator(t, { actionPlanId: long.id });
      expectError(await record(indicator.id, '2035'), 'BAD_USER_INPUT', /^period: .*not started/);
      expectError(await record(indicator.id, '2035-Q1'), 'BAD_USER_INPUT', /^period: .*not started/);
      expect(await count('indicator_value', 'indicator_id = $1', [indicator.id])).toBe(0);
    });

    it('refuses an unknown indicator with NOT_FOUND and a non-UUID one with BAD_USER_INPUT', async () => {
      expectError(await record(UNKNOWN_ID, '2025'), 'NOT_FOUND', /indicatorId/);
      expectError(await record('wl-1', '2025'), 'BAD_USER_INPUT', /indicatorId/);
    });

    it('recording the same period again is a correction: the same value, its approved new version public', async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      const first = await recordValue(t, { indicatorId: indicator.id, period: '2025-Q2', value: 10, source: 'first', note: 'n1' });
      const second = await recordValue(t, { indicatorId: indicator.id, period: '2025-Q2', value: 12, source: 'second' });

      expect(second).toMatchObject({ period: '2025-Q2', value: 12, source: 'second', note: null });
      expect(second.id).toBe(first.id);
      expect(Date.parse(second.recordedAt)).toBeGreaterThanOrEqual(Date.parse(first.recordedAt));
      const rows = await t.sql('SELECT period, value, source FROM indicator_value WHERE indicator_id = $1', [indicator.id]);
      // Written in the request's locale (no Accept-Language: DEFAULT_CONTENT_LOCALE, en).
      expect(rows).toEqual([{ period: '2025-Q2', value: 12, source: { en: 'second' } }]);
      expect((await indicatorOf(indicator.id)).values).toEqual([{ period: '2025-Q2', value: 12 }]);
    });

    it('refuses a value that is not a number', async () => {
      const res = await t.gql(RECORD, { input: { indicatorId, period: '2025', value: 'many' } });
      expectError(res, 'BAD_USER_INPUT', /value|Float/);
    });
  });

  describe('values and latestValue', () => {
    it('has no values and no latest value before anything is recorded', async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      expect(await indicatorOf(indicator.id)).toMatchObject({ values: [], latestValue: null });
    });

    it("orders values chronologically (a year's quarters, then the year); the latest is the last", async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      for (const [period, value] of [['2025-Q2', 3], ['2024', 1], ['2025-Q1', 2], ['2025', 4]] as const) {
        await recordValue(t, { indicatorId: indicator.id, period, value });
      }
      const before = await indicatorOf(indicator.id);
      expect(before.values).toEqual([
        { period: '2024', value: 1 },
        { period: '2025-Q1', value: 2 },
        { period: '2025-Q2', value: 3 },
        { period: '2025', value: 4 },
      ]);
      expect(before.latestValue).toEqual({ period: '2025', value: 4 });

      await recordValue(t, { indicatorId: indicator.id, period: '2026-Q1', value: 5 });
      expect((await indicatorOf(indicator.id)).latestValue).toEqual({ period: '2026-Q1', value: 5 });
    });

    it('takes the latest quarter when the year has no annual value', async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      await recordValue(t, { indicatorId: indicator.id, period: '2025-Q3', value: 7 });
      await recordValue(t, { indicatorId: indicator.id, period: '2025-Q1', value: 6 });
      expect((await indicatorOf(indicator.id)).latestValue).toEqual({ period: '2025-Q3', value: 7 });
    });
  });

  it('answers latestValue and progress(year) alike whether or not the query also reads the whole series', async () => {
    // Without values/targets in the query, latestValue and progress are read together: one statement
    // for every cut asked, the latest values alongside (ActionPlanRepository.yearFigures); the same
    // answers must come with the series also asked.
    const indicator = await createIndicator(t, { actionPlanId: plan.id, baselineYear: 2024, baselineValue: 10, targets: [{ year: 2025, value: 20 }, { year: 2026, value: 30 }] });
    for (const [period, value] of [['2025-Q1', 12], ['2025', 15], ['2026-Q2', 22], ['2026-Q1', 21]] as const) {
      await recordValue(t, { indicatorId: indicator.id, period, value });
    }
    await createIndicator(t, { actionPlanId: plan.id });
    const fields = `latestValue { period value recordedAt } p2025: progress(year: 2025) { target actual status } p2026: progress(year: 2026) { target actual status }
      p2030: progress(year: 2030) { target actual status }`;
    const figures = await t.gql(`{ indicators(first: 100) { edges { node { code ${fields} } } } }`);
    const series = await t.gql(`{ indicators(first: 100) { edges { node { code ${fields} values { period } targets { year } } } } }`);
    expect(figures.errors).toBeUndefined();
    type Node = { code: string; values?: unknown; targets?: unknown };
    const strip = (res: typeof series) =>
      (res.data!.indicators.edges as { node: Node }[]).map(({ node: { values: _v, targets: _t, ...rest } }) => rest);
    expect(strip(figures)).toEqual(strip(series));
    const mine = strip(figures).find((node) => node.code === indicator.code) as Record<string, unknown>;
    expect(mine).toMatchObject({
      latestValue: { period: '2026-Q2', value: 22 },
      p2025: { target: 20, actual: 15 },
      p2026: { target: 30, actual: 22 },
      p2030: { target: null, actual: null },
    });
    // The page, the plans' reporting lags, and two for the figures: 2026 and 2030 (as of today) with
    // the latest values at once, and 2025 (as of its year's end plus its plan's lag) once the lag is read.
    expect(figures.statements).toBe(4);
  });

  describe('progress(year:)', () => {
    const progressOf = async (
      direction: IndicatorDirection,
      baseline: number,
      target: number,
      values: Record<string, number>,
    ) => {
      const indicator = await createIndicator(t, {
        actionPlanId: plan.id,
        direction,
        baselineYear: 2024,
        baselineValue: baseline,
        targets: [{ year: 2025, value: target }],
      });
      for (const [period, value] of Object.entries(values)) await recordValue(t, { indicatorId: indicator.id, period, value });
      return (await indicatorOf(indicator.id, 2025)).progress;
    };

    it.each([
      [31, 110, 'ACHIEVED'],
      [30, 100, 'ACHIEVED'],
      [29.5, 95, 'ON_TRACK'],
      [29, 90, 'ON_TRACK'],
      [28.9, 89, 'AT_RISK'],
      [25, 50, 'AT_RISK'],
      [24.5, 45, 'OFF_TRACK'],
      [20, 0, 'OFF_TRACK'],
      [18, -20, 'OFF_TRACK'],
    ])('INCREASE from 20 to 30: actual %p is %p%% of the way, %s', async (actual, percentOfTarget, status) => {
      expect(await progressOf('INCREASE', 20, 30, { '2025': actual })).toEqual({
        year: 2025,
        baseline: 20,
        target: 30,
        actual,
        percentOfTarget,
        status,
      });
    });

    it.each([
      [1.5, 106.25, 'ACHIEVED'],
      [2, 100, 'ACHIEVED'],
      [2.4, 95, 'ON_TRACK'],
      [2.8, 90, 'ON_TRACK'],
      [3, 87.5, 'AT_RISK'],
      [6, 50, 'AT_RISK'],
      [8, 25, 'OFF_TRACK'],
      [12, -25, 'OFF_TRACK'],
    ])('DECREASE from 10 to 2: actual %p is %p%% of the way, %s', async (actual, percentOfTarget, status) => {
      expect(await progressOf('DECREASE', 10, 2, { '2025': actual })).toEqual({
        year: 2025,
        baseline: 10,
        target: 2,
        actual,
        percentOfTarget,
        status,
      });
    });

    it.each([['INCREASE' as const], ['DECREASE' as const]])('%s without a value for the year is NO_DATA', async (direction) => {
      const progress = await progressOf(direction, 20, direction === 'INCREASE' ? 30 : 10, { '2024': 20 });
      expect(progress).toEqual({
        year: 2025,
        baseline: 20,
        target: direction === 'INCREASE' ? 30 : 10,
        actual: null,
        percentOfTarget: null,
        status: 'NO_DATA',
      });
    });

    it('is NO_DATA for a year without a target, even with a value', async () => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id, baselineValue: 20, targets: [{ year: 2025, value: 30 }] });
      await recordValue(t, { indicatorId: indicator.id, period: '2026-Q1', value: 29 });
      expect((await indicatorOf(indicator.id, 2026)).progress).toEqual({
        year: 2026,
        baseline: 20,
        target: null,
        actual: 29,
        percentOfTarget: null,
        status: 'NO_DATA',
      });
    });

    it("uses the year's latest quarter without an annual value, measured against that quarter's share of the way, and the annual value once there is one", async () => {
      // A LEVEL indicator's Q3 target is three quarters of the way from the baseline: 20 + (30 − 20) × 3/4 = 27.5.
      expect(await progressOf('INCREASE', 20, 30, { '2025-Q3': 26, '2025-Q1': 22 })).toMatchObject({
        actual: 26,
        percentOfTarget: 80,
        status: 'AT_RISK',
      });
      expect(await progressOf('INCREASE', 20, 30, { '2025-Q4': 29.5, '2025': 24 })).toMatchObject({
        actual: 24,
        percentOfTarget: 40,
        status: 'OFF_TRACK',
      });
    });

    it('ignores values of other years', async () => {
      expect(await progressOf('INCREASE', 20, 30, { '2024': 35, '2026-Q1': 40 })).toMatchObject({
        actual: null,
        status: 'NO_DATA',
      });
    });

    it.each([[1800], [2201]])('refuses year %p with BAD_USER_INPUT naming year', async (year) => {
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      expectError(await t.gql(INDICATOR, { id: indicator.id, year }), 'BAD_USER_INPUT', /^year: /);
    });
  });

  describe('indicators (list)', () => {
    let listPlan: ActionPlanResult;
    let ministry: OrganizationResult;
    const byCode: Record<string, string> = {};

    const page = async (variables: { first?: number; after?: string | null; filter?: Record<string, unknown> }) =>
      (await t.gqlOk<IndicatorsPage>(INDICATORS, variables)).indicators;
    const codes = (p: IndicatorsPage['indicators']) => p.edges.map((e) => e.node.code);

    beforeAll(async () => {
      listPlan = await createActionPlan(t, { code: 'LIST-PLAN' });
      ministry = await createOrganization(t);
      const specs: [string, string, boolean][] = [
        ['LS-05', 'Rate of change', true],
        ['LS-01', 'Women in local councils', false],
        ['LS-07', 'Mentored candidates', false],
        ['LS-03', 'Coverage 100% of districts', false],
        ['LS-02', 'Share of WOMEN ministers', true],
        ['LS-06', 'Budget for campaigns', false],
        ['LS-04', 'rate_of_change', false],
      ];
      for (const [code, name, responsible] of specs) {
        const indicator = await createIndicator(t, {
          actionPlanId: listPlan.id,
          code,
          name,
          responsibleOrganizationId: responsible ? ministry.id : null,
        });
        byCode[code] = indicator.id;
      }
    });

    it('pages through a plan’s indicators by code', async () => {
      const filter = { actionPlanId: listPlan.id };
      const first = await page({ first: 3, filter });
      expect(codes(first)).toEqual(['LS-01', 'LS-02', 'LS-03']);
      expect(first.totalCount).toBe(7);
      expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[2].cursor });
      expect(first.edges[0].node.id).toBe(byCode['LS-01']);

      const second = await page({ first: 3, after: first.pageInfo.endCursor, filter });
      expect(codes(second)).toEqual(['LS-04', 'LS-05', 'LS-06']);
      expect(second.pageInfo.hasNextPage).toBe(true);
      expect(second.totalCount).toBe(7);

      const third = await page({ first: 3, after: second.pageInfo.endCursor, filter });
      expect(codes(third)).toEqual(['LS-07']);
      expect(third.pageInfo).toEqual({ hasNextPage: false, endCursor: third.edges[0].cursor });
    });

    it('lists every indicator without a filter, by code, 20 by default', async () => {
      const all = await page({});
      const total = await count('indicator');
      expect(all.totalCount).toBe(total);
      expect(total).toBeGreaterThan(20);
      expect(all.edges).toHaveLength(20);
      expect(all.pageInfo.hasNextPage).toBe(true);
      const expected = await t.sql<{ code: string }>('SELECT code FROM indicator ORDER BY code, id LIMIT 20');
      expect(codes(all)).toEqual(expected.map((r) => r.code));
    });

    it('filters by responsible organization', async () => {
      const result = await page({ filter: { responsibleOrganizationId: ministry.id } });
      expect(codes(result)).toEqual(['LS-02', 'LS-05']);
      expect(result.totalCount).toBe(2);
    });

    it.each([
      ['women', ['LS-01', 'LS-02']],
      ['WOMEN IN', ['LS-01']],
      ['ls-07', ['LS-07']],
      ['rate', ['LS-04', 'LS-05']],
      ['%', ['LS-03']],
      ['100%', ['LS-03']],
      ['_', ['LS-04']],
      ['e_o', ['LS-04']],
      ['\\', []],
      ['nothing like this', []],
    ])('searches code and name case-insensitively, %p literally', async (search, expected) => {
      const result = await page({ filter: { actionPlanId: listPlan.id, search } });
      expect(codes(result)).toEqual(expected);
      expect(result.totalCount).toBe(expected.length);
    });

    it('combines filters and pages through the result', async () => {
      const filter = { actionPlanId: listPlan.id, responsibleOrganizationId: ministry.id, search: 'RATE' };
      expect(codes(await page({ filter }))).toEqual(['LS-05']);

      const firstPage = await page({ first: 1, filter: { actionPlanId: listPlan.id, search: 'rate' } });
      expect(codes(firstPage)).toEqual(['LS-04']);
      expect(firstPage).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      const next = await page({ first: 1, after: firstPage.pageInfo.endCursor, filter: { actionPlanId: listPlan.id, search: 'rate' } });
      expect(codes(next)).toEqual(['LS-05']);
      expect(next.pageInfo.hasNextPage).toBe(false);
    });

    it('answers an empty connection for a plan without indicators', async () => {
      const empty = await createActionPlan(t);
      expect(await page({ filter: { actionPlanId: empty.id } })).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    });

    it.each([
      ['first: -1', { first: -1 }, /^first: /],
      ['first: 101', { first: 101 }, /^first: /],
      ['a malformed cursor', { after: 'abc' }, /^after: /],
      ['a non-UUID actionPlanId', { filter: { actionPlanId: 'LIST-PLAN' } }, /actionPlanId/],
      ['a search longer than 200 characters', { filter: { search: 's'.repeat(201) } }, /search/],
    ])('refuses %s with BAD_USER_INPUT', async (_, variables, field) => {
      expectError(await t.gql(INDICATORS, variables), 'BAD_USER_INPUT', field);
    });
  });

  describe('indicator(id) and its relations', () => {
    it('resolves actionPlan and responsibleOrganization', async () => {
      const org = await createOrganization(t);
      const indicator = await createIndicator(t, { actionPlanId: plan.id, responsibleOrganizationId: org.id });
      const noOrg = await createIndicator(t, { actionPlanId: plan.id });
      const query = `query ($id: ID!) {
        indicator(id: $id) { id actionPlan { id code startYear endYear } responsibleOrganization { id name } }
      }`;
      expect((await t.gqlOk(query, { id: indicator.id })).indicator).toEqual({
        id: indicator.id,
        actionPlan: { id: plan.id, code: 'WLP-2024', startYear: 2024, endYear: 2027 },
        responsibleOrganization: { id: org.id, name: org.name },
      });
      expect((await t.gqlOk(query, { id: noOrg.id })).indicator.responsibleOrganization).toBeNull();
    });

    it.each([['an unknown UUID', UNKNOWN_ID], ['a non-UUID', 'not-a-uuid']])('is null for %s', async (_, id) => {
      const res = await t.gql(`query ($id: ID!) { indicator(id: $id) { id } }`, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ indicator: null });
    });
  });
});
