import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IndicatorDirection } from '../action-plan/action-plan.enums';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { computeProgress } from '../action-plan/indicator-progress';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config.service';
import { assertAllExist } from '../database/assert-exist';
import { CLOSED_STATUSES } from '../recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import { ProgressSummary } from './progress-summary.type';

interface StatusRow {
  status: RecommendationStatus;
  count: number;
  overdue: number;
}

interface IndicatorRow {
  id: string;
  direction: IndicatorDirection;
  baseline_value: number | null;
  target: number | null;
  actual: number | null;
}

/**
 * The progress summary, computed in PostgreSQL: the recommendation counts are
 * aggregated there; only one row per indicator comes back, whose progress is
 * computed by the same function that serves `Indicator.progress`.
 */
@Injectable()
export class ProgressSummaryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async summarize(year: number, actionPlanId?: string | null): Promise<ProgressSummary> {
    if (actionPlanId) await assertAllExist(this.db.manager, ActionPlan, [actionPlanId], 'actionPlanId');
    const today = this.clock.today();
    const yearEnd = `${year}-12-31`;
    const asOf = today < yearEnd ? today : yearEnd;
    const [statusRows, indicatorRows] = await Promise.all([
      this.statusCounts(asOf, actionPlanId ?? null),
      this.indicatorRows(year, actionPlanId ?? null),
    ]);

    const counts = new Map(statusRows.map((row) => [row.status, row]));
    const byStatus = Object.values(RecommendationStatus).map((status) => ({ status, count: counts.get(status)?.count ?? 0 }));
    const total = byStatus.reduce((sum, s) => sum + s.count, 0);
    const implemented = counts.get(RecommendationStatus.IMPLEMENTED)?.count ?? 0;
    const rejected = counts.get(RecommendationStatus.REJECTED)?.count ?? 0;
    const counted = total - rejected;
    return {
      year,
      recommendationsTotal: total,
      byStatus,
      overdue: statusRows.reduce((sum, row) => sum + row.overdue, 0),
      implementationRate: counted > 0 ? (implemented / counted) * 100 : 0,
      indicators: indicatorRows.map((row) => ({
        ...computeProgress({
          year,
          direction: row.direction,
          baseline: row.baseline_value,
          target: row.target,
          actual: row.actual,
        }),
        indicatorId: row.id,
      })),
    };
  }

  /** Each recommendation existing on `asOf`, in the status its history gives for that day. */
  private statusCounts(asOf: string, actionPlanId: string | null): Promise<StatusRow[]> {
    return this.db.query(
      `WITH as_of AS (
         SELECT DISTINCT ON (sc.recommendation_id) sc.recommendation_id, sc.to_status AS status
           FROM status_change sc
          WHERE (sc.changed_at AT TIME ZONE $2)::date <= $1::date
            AND ($3::uuid IS NULL OR EXISTS (
                  SELECT 1 FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id
                   WHERE ri.recommendation_id = sc.recommendation_id AND i.action_plan_id = $3))
          ORDER BY sc.recommendation_id, sc.version DESC
       )
       SELECT a.status::text AS status,
              count(*)::int AS count,
              (count(*) FILTER (WHERE r.due_date < $1::date AND a.status::text <> ALL($4::text[])))::int AS overdue
         FROM as_of a JOIN recommendation r ON r.id = a.recommendation_id
        GROUP BY a.status`,
      [asOf, this.config.get('APP_TIMEZONE'), actionPlanId, CLOSED_STATUSES],
    );
  }

  /** Per indicator: its baseline, the year's target, and the year's actual (annual value, else latest quarter). */
  private indicatorRows(year: number, actionPlanId: string | null): Promise<IndicatorRow[]> {
    return this.db.query(
      `SELECT i.id, i.direction::text AS direction, i.baseline_value, t.value AS target,
              (SELECT v.value FROM indicator_value v
                WHERE v.indicator_id = i.id AND v.year = $1
                ORDER BY v.quarter DESC NULLS FIRST LIMIT 1) AS actual
         FROM indicator i
         LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.year = $1
        WHERE $2::uuid IS NULL OR i.action_plan_id = $2
        ORDER BY i.code, i.id`,
      [year, actionPlanId],
    );
  }
}
