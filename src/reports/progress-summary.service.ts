import { Injectable } from '@nestjs/common';
import { IndicatorProgress } from '../action-plan/indicator-progress';
import { IndicatorProgressReader } from '../action-plan/indicator-progress.reader';
import type { Indicator } from '../action-plan/indicator.entity';
import type { ProgressCutRequest } from '../action-plan/progress-cut';
import { startOfNextDay } from '../common/start-of-next-day';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config.service';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import { ProgressSummary } from './progress-summary.type';
import { ReportsRepository } from './reports.repository';

/**
 * The progress summary, computed in PostgreSQL: the recommendation counts are
 * aggregated there; only one row per indicator comes back, whose progress is
 * computed by the same function that serves `Indicator.progress`.
 */
@Injectable()
export class ProgressSummaryService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly progress: IndicatorProgressReader,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The whole summary: the recommendation counts and every indicator's progress (the PDF report). */
  async summarize(year: number, actionPlanId: string | null | undefined, request: ProgressCutRequest): Promise<ProgressSummary & { indicators: (IndicatorProgress & { indicator: Indicator })[] }> {
    const summary = await this.recommendationCounts(year, actionPlanId, request);
    return { ...summary, indicators: await this.progress.readAt(year, summary, { actionPlanId }) };
  }

  /**
   * The recommendation figures and the cut they and the indicators are read at; `indicators` is
   * left to indicatorProgress(), which GraphQL calls only when the query asks for it.
   */
  async recommendationCounts(year: number, actionPlanId: string | null | undefined, request: ProgressCutRequest): Promise<ProgressSummary> {
    const today = this.clock.today();
    // BAD_USER_INPUT for a year outside the plans, an asOf after today or a valuesKnownBy out of range, before anything is read.
    if (actionPlanId) await this.repository.assertPlanExists(actionPlanId);
    const cut = await this.progress.reportCut(year, request, actionPlanId ?? null);
    const { asOf } = cut;
    // Where things stand today, over every plan: the tally the triggers keep, whatever the data size.
    const statusRows =
      asOf === today && !actionPlanId
        ? await this.repository.currentStatusCounts(today)
        : await this.repository.statusCounts(asOf, this.endOf(asOf), actionPlanId ?? null);

    const counts = new Map(statusRows.map((row) => [row.status, row]));
    const byStatus = Object.values(RecommendationStatus).map((status) => ({ status, count: counts.get(status)?.count ?? 0 }));
    const total = byStatus.reduce((sum, s) => sum + s.count, 0);
    const implemented = counts.get(RecommendationStatus.IMPLEMENTED)?.count ?? 0;
    const rejected = counts.get(RecommendationStatus.REJECTED)?.count ?? 0;
    const counted = total - rejected;
    return {
      year,
      ...cut,
      actionPlanId: actionPlanId ?? null,
      recommendationsTotal: total,
      byStatus,
      overdue: statusRows.reduce((sum, row) => sum + row.overdue, 0),
      implementationRate: counted > 0 ? (implemented / counted) * 100 : 0,
    };
  }

  /** Every indicator (of the plan, or of all plans) measured against the year's target at the summary's cut, by code. */
  indicatorProgress(summary: ProgressSummary): Promise<(IndicatorProgress & { indicator: Indicator })[]> {
    return this.progress.readAt(summary.year, summary, { actionPlanId: summary.actionPlanId });
  }

  /** The end of `day` as an instant in the service's time zone: a constant the planner can estimate with, unlike an expression. */
  private endOf(day: string): Date {
    return startOfNextDay(day, this.config.get('APP_TIMEZONE'));
  }
}
