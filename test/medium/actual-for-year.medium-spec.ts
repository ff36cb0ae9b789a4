import { actualEntryForYear } from '../src/action-plan/indicator-progress';
import { formatPeriod, parsePeriod } from '../src/action-plan/reporting-period';
import { createActionPlan, createIndicator, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * "The actual value for a year" is written once in TypeScript (actualEntryForYear: the public
 * pages, the exports) and once in SQL (actualForYearSql: Indicator.progress and the progress
 * summary). These series tell the possible readings apart (annual over quarters, the latest
 * quarter rather than the last recorded or the largest, other years ignored), and all three
 * answers must name the same value.
 */
const SERIES: { name: string; periods: [string, number][]; actual: number | null; actualPeriod: string | null }[] = [
  { name: 'annual value and quarters', periods: [['2025-Q3', 30], ['2025', 50], ['2025-Q1', 10]], actual: 50, actualPeriod: '2025' },
  { name: 'quarters recorded out of order', periods: [['2025-Q2', 20], ['2025-Q3', 35], ['2025-Q1', 10]], actual: 35, actualPeriod: '2025-Q3' },
  { name: 'latest quarter smaller than an earlier one', periods: [['2025-Q4', 40], ['2025-Q1', 70]], actual: 40, actualPeriod: '2025-Q4' },
  { name: 'only other years', periods: [['2024', 5], ['2026-Q1', 9]], actual: null, actualPeriod: null },
  { name: 'no values', periods: [], actual: null, actualPeriod: null },
];

describe('the actual value for a year: TypeScript and SQL agree', () => {
  let t: TestApp;
  let planId: string;
  const names = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    planId = (await createActionPlan(t, { startYear: 2024, endYear: 2027 })).id;
    for (const series of SERIES) {
      const indicator = await createIndicator(t, { actionPlanId: planId, targets: [{ year: 2025, value: 100 }] });
      names.set(indicator.id, series.name);
      for (const [period, value] of series.periods) await recordValue(t, { indicatorId: indicator.id, period, value });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('Indicator.progress, progressSummary and actualEntryForYear name the same value and period', async () => {
    // The service's today (a year not yet ended is summarised as of today): 2025's summary
    // defaults to 31 December 2025, before these values were recorded.
    const today = (await t.gqlOk('{ progressSummary(year: 2200) { asOf } }')).progressSummary.asOf as string;
    const { indicators, progressSummary } = await t.gqlOk(
      `query ($planId: ID!, $today: Date) {
        indicators(first: 100, filter: { actionPlanId: $planId }) { edges { node { id values { period value } progress(year: 2025) { actual } } } }
        progressSummary(year: 2025, actionPlanId: $planId, asOf: $today) { indicators { indicator { id } actual actualPeriod } }
      }`,
      { planId, today },
    );
    type Node = { id: string; values: { period: string; value: number }[]; progress: { actual: number | null } };
    const nodes = (indicators.edges as { node: Node }[]).map((edge) => edge.node);
    const summaries = new Map(
      (progressSummary.indicators as { indicator: { id: string }; actual: number | null; actualPeriod: string | null }[]).map((s) => [s.indicator.id, s]),
    );
    expect(nodes).toHaveLength(SERIES.length);
    for (const node of nodes) {
      const expected = SERIES.find((series) => series.name === names.get(node.id))!;
      const entry = actualEntryForYear(
        node.values.map((v) => ({ ...parsePeriod(v.period)!, value: v.value })),
        2025,
      );
      const answers = {
        series: expected.name,
        typescript: { actual: entry?.value ?? null, period: entry ? formatPeriod(entry) : null },
        progress: node.progress.actual,
        summary: { actual: summaries.get(node.id)?.actual, period: summaries.get(node.id)?.actualPeriod },
      };
      expect(answers).toEqual({
        series: expected.name,
        typescript: { actual: expected.actual, period: expected.actualPeriod },
        progress: expected.actual,
        summary: { actual: expected.actual, period: expected.actualPeriod },
      });
    }
  });
});
