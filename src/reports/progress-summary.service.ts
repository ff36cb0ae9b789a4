import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IndicatorDirection } from '../action-plan/action-plan.enums';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { Indicator } from '../action-plan/indicator.entity';
import { computeProgress, IndicatorProgress } from '../action-plan/indicator-progress';
import { resolveAsOf } from '../common/as-of';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config.service';
import { assertAllExist } from '../database/assert-exist';
import { rowToEntity } from '../database/linked-rows';
import { readQuery } from '../database/read-routing';
import { CLOSED_STATUSES } from '../recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import { ProgressSummary } from './progress-summary.type';

interface StatusRow {
  status: RecommendationStatus;
  count: number;
  overdue: number;
}

/** An indicator's columns, plus its target and actual for the year. */
interface IndicatorRow extends Record<string, unknown> {
  id: string;
  direction: IndicatorDirection;
  baseline_value: number | null;
  target: number | null;
  actual: number | null;
  actual_period: string | null;
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

  /** The whole summary: the recommendation counts and every indicator's progress (the PDF report). */
  async summarize(year: number, actionPlanId?: string | null, asOf?: string | null): Promise<ProgressSummary & { indicators: IndicatorProgress[] }> {
    const summary = await this.recommendationCounts(year, actionPlanId, asOf);
    return { ...summary, indicators: await this.indicatorProgress(year, actionPlanId, summary.asOf) };
  }

  /**
   * The recommendation figures; `indicators` is left to indicatorProgress(), which GraphQL
   * calls only when the query asks for it.
   */
  async recommendationCounts(year: number, actionPlanId?: string | null, asOfDay?: string | null): Promise<ProgressSummary> {
    const today = this.clock.today();
    // BAD_USER_INPUT for an asOf after today, before anything is read.
    const asOf = resolveAsOf(today, asOfDay, year);
    if (actionPlanId) await assertAllExist(this.db.manager, ActionPlan, [actionPlanId], 'actionPlanId');
    // Where things stand today, over every plan: the tally the triggers keep, whatever the data size.
    const statusRows =
      asOf === today && !actionPlanId ? await this.currentStatusCounts(today) : await this.statusCounts(asOf, actionPlanId ?? null);

    const counts = new Map(statusRows.map((row) => [row.status, row]));
    const byStatus = Object.values(RecommendationStatus).map((status) => ({ status, count: counts.get(status)?.count ?? 0 }));
    const total = byStatus.reduce((sum, s) => sum + s.count, 0);
    const implemented = counts.get(RecommendationStatus.IMPLEMENTED)?.count ?? 0;
    const rejected = counts.get(RecommendationStatus.REJECTED)?.count ?? 0;
    const counted = total - rejected;
    return {
      year,
      asOf,
      actionPlanId: actionPlanId ?? null,
      recommendationsTotal: total,
      byStatus,
      overdue: statusRows.reduce((sum, row) => sum + row.overdue, 0),
      implementationRate: counted > 0 ? (implemented / counted) * 100 : 0,
    };
  }

  /** Every indicator (of the plan, or of all plans) measured against the year's target, by code, from the values recorded by the end of asOf. */
  async indicatorProgress(year: number, actionPlanId?: string | null, asOf?: string | null): Promise<IndicatorProgress[]> {
    // Without asOf (callers other than progressSummary, e.g. the public pages): every value recorded so far.
    const day = asOf ?? this.clock.today();
    const rows = await this.indicatorRows(year, actionPlanId ?? null, day);
    return rows.map((row) => ({
      ...computeProgress({ year, direction: row.direction, baseline: row.baseline_value, target: row.target, actual: row.actual }),
      actualPeriod: row.actual_period,
      indicatorId: row.id,
      indicator: rowToEntity(this.db, Indicator, row),
    }));
  }

  /**
   * Each recommendation in its current status, from the tallies that triggers keep in every
   * writing transaction (see migration RecommendationStatusTally): the counts and the overdue
   * of earlier months by month, the overdue of this month by day. A few hundred rows, whatever
   * the number of recommendations; equal to statusCounts(today).
   */
  private currentStatusCounts(today: string): Promise<StatusRow[]> {
    return readQuery<StatusRow>(
      this.db,
      null,
      `SELECT status::text AS status, sum(n)::int AS count, sum(overdue)::int AS overdue
         FROM (SELECT status, recommendations AS n,
                      CASE WHEN due_month < date_trunc('month', $1::date)::date AND status <> ALL($2::recommendation_status[])
                           THEN recommendations ELSE 0 END AS overdue
                 FROM recommendation_tally_by_month
               UNION ALL
               SELECT status, 0, recommendations
                 FROM recommendation_tally_by_day
                WHERE due_date >= date_trunc('month', $1::date)::date AND due_date < $1::date
                  AND status <> ALL($2::recommendation_status[])) counted
        GROUP BY status`,
      [today, CLOSED_STATUSES],
    );
  }

  /**
   * Each recommendation existing on `asOf`, in the status its history gives for that day.
   * A recommendation not changed since `asOf` (updated_at before the next day began; every
   * write that appends to the history sets updated_at to the same now()) is in its current
   * status, read from the row itself (an index-only scan of IDX_recommendation_summary);
   * only the others look up their history (the latest entry before that moment, by index).
   * So the usual question, "where do we stand this year", reads one narrow index once
   * instead of sorting the whole history.
   */
  private statusCounts(asOf: string, actionPlanId: string | null): Promise<StatusRow[]> {
    return readQuery<StatusRow>(
      this.db,
      null,
      `SELECT status::text AS status, sum(n)::int AS count, sum(overdue)::int AS overdue
         FROM (SELECT r.status, count(*) AS n,
                      count(*) FILTER (WHERE r.due_date < $1::date AND r.status <> ALL($4::recommendation_status[])) AS overdue
                 FROM recommendation r
                WHERE r.updated_at < $2
                  AND ($3::uuid IS NULL OR EXISTS (
                        SELECT 1 FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id
                         WHERE ri.recommendation_id = r.id AND i.action_plan_id = $3))
                GROUP BY r.status
               UNION ALL
               SELECT h.to_status, count(*),
                      count(*) FILTER (WHERE r.due_date < $1::date AND h.to_status <> ALL($4::recommendation_status[]))
                 FROM recommendation r
                 JOIN LATERAL (SELECT sc.to_status FROM status_change sc
                                WHERE sc.recommendation_id = r.id AND sc.changed_at < $2
                                ORDER BY sc.version DESC LIMIT 1) h ON true
                WHERE r.updated_at >= $2
                  AND ($3::uuid IS NULL OR EXISTS (
                        SELECT 1 FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id
                         WHERE ri.recommendation_id = r.id AND i.action_plan_id = $3))
                GROUP BY h.to_status) counted
        GROUP BY status`,
      // The end of `asOf` as an instant (a constant the planner can estimate with, unlike an expression).
      [asOf, startOfNextDay(asOf, this.config.get('APP_TIMEZONE')), actionPlanId, CLOSED_STATUSES],
    );
  }

  /**
   * Per indicator: the indicator itself (so `indicator { … }` needs no further read), the year's target,
   * and the year's actual (annual value, else latest quarter) among the values recorded by the end of asOf, with its period.
   */
  private indicatorRows(year: number, actionPlanId: string | null, asOf: string): Promise<IndicatorRow[]> {
    return readQuery<IndicatorRow>(
      this.db,
      null,
      `SELECT i.*, t.value AS target, a.value AS actual, a.period AS actual_period
         FROM indicator i
         LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.year = $1
         LEFT JOIN LATERAL (SELECT v.value, v.period FROM indicator_value v
                             WHERE v.indicator_id = i.id AND v.year = $1 AND v.recorded_at < $3
                             ORDER BY v.quarter DESC NULLS FIRST LIMIT 1) a ON true
        WHERE $2::uuid IS NULL OR i.action_plan_id = $2
        ORDER BY i.code, i.id`,
      [year, actionPlanId, startOfNextDay(asOf, this.config.get('APP_TIMEZONE'))],
    );
  }
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The instant the day after `date` (YYYY-MM-DD) begins in `timeZone`: what `(t AT TIME ZONE tz)::date <= date` means as `t < instant`. */
export function startOfNextDay(date: string, timeZone: string): Date {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  const zone = format;
  // How far local wall-clock time in the zone is ahead of UTC at `instant`.
  const offsetAt = (instant: number): number => {
    const parts = Object.fromEntries(zone.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return local - Math.floor(instant / 1000) * 1000;
  };
  const [year, month, day] = date.split('-').map(Number);
  const midnight = Date.UTC(year, month - 1, day + 1);
  // Twice: the offset at the guessed instant may differ from the one at midnight UTC (a DST change that day).
  const guess = midnight - offsetAt(midnight);
  return new Date(midnight - offsetAt(guess));
}
