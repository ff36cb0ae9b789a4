import { ActionPlanModule } from '../../src/action-plan/action-plan.module';
import { ActionPlanRepository } from '../../src/action-plan/action-plan.repository';
import { actualEntryForYear } from '../../src/action-plan/indicator-progress';
import { formatPeriod, parsePeriod } from '../../src/action-plan/reporting-period';
import { Clock } from '../../src/common/clock';
import { ValueStatus } from '../../src/action-plan/value-status';
import { ProgressSummaryService } from '../../src/reports/progress-summary.service';
import { ReportsModule } from '../../src/reports/reports.module';
import { createActionPlan, createIndicator, recordValue } from './support/factories';
import { createMediumModule, MediumModule } from './support/medium-module';

/**
 * "The actual value for a year" is written once in TypeScript (actualEntryForYear: the public
 * pages, the exports) and once in SQL (actualForYearSql: Indicator.progress, through the
 * repository's year figures, and the progress summary). These series tell the possible
 * readings apart (annual over quarters, the latest quarter rather than the last recorded or
 * the largest, other years ignored), and all three answers must name the same value.
 */
const SERIES: { name: string; periods: [string, number][]; actual: number | null; actualPeriod: string | null }[] = [
  { name: 'annual value and quarters', periods: [['2025-Q3', 30], ['2025', 50], ['2025-Q1', 10]], actual: 50, actualPeriod: '2025' },
  { name: 'quarters recorded out of order', periods: [['2025-Q2', 20], ['2025-Q3', 35], ['2025-Q1', 10]], actual: 35, actualPeriod: '2025-Q3' },
  { name: 'latest quarter smaller than an earlier one', periods: [['2025-Q4', 40], ['2025-Q1', 70]], actual: 40, actualPeriod: '2025-Q4' },
  { name: 'only other years', periods: [['2024', 5], ['2026-Q1', 9]], actual: null, actualPeriod: null },
  { name: 'no values', periods: [], actual: null, actualPeriod: null },
];

describe('the actual value for a year: TypeScript and SQL agree', () => {
  let m: MediumModule;
  let planId: string;
  const indicatorIds = new Map<string, string>();

  beforeAll(async () => {
    m = await createMediumModule([ActionPlanModule, ReportsModule]);
    planId = (await createActionPlan(m, { startYear: 2024, endYear: 2027 })).id;
    for (const series of SERIES) {
      const indicator = await createIndicator(m, { actionPlanId: planId, targets: [{ year: 2025, value: 100 }] });
      indicatorIds.set(series.name, indicator.id);
      for (const [period, value] of series.periods) await recordValue(m, { indicatorId: indicator.id, period, value });
    }
  });
  afterAll(async () => {
    await m?.close();
  });

  it('the progress reader figures (every surface), the progress summary and actualEntryForYear name the same value and period', async () => {
    // As of today: 2025's summary would otherwise default to 31 December 2025, before these values were recorded.
    const today = m.module.get(Clock).today();
    const summary = await m.module.get(ProgressSummaryService).summarize(2025, planId, { asOf: today });
    const summaries = new Map(summary.indicators.map((progress) => [progress.indicatorId, progress]));
    expect(summary.indicators).toHaveLength(SERIES.length);
    const repository = m.module.get(ActionPlanRepository);
    for (const series of SERIES) {
      const id = indicatorIds.get(series.name)!;
      const entry = actualEntryForYear(
        series.periods.map(([period, value]) => ({ ...parsePeriod(period)!, value })),
        2025,
      );
      const [figures] = await repository.progressFigures(2025, null, ValueStatus.APPROVED, { indicatorIds: [id] });
      expect({
        series: series.name,
        typescript: { actual: entry?.value ?? null, period: entry ? formatPeriod(entry) : null },
        progress: figures.actual,
        summary: { actual: summaries.get(id)?.actual, period: summaries.get(id)?.actualPeriod },
      }).toEqual({
        series: series.name,
        typescript: { actual: series.actual, period: series.actualPeriod },
        progress: series.actual,
        summary: { actual: series.actual, period: series.actualPeriod },
      });
    }
  });
});
