import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { actualForYearSql, knownValuesSql } from '../action-plan/action-plan.repository';
import { Indicator } from '../action-plan/indicator.entity';
import { assertAllExist } from '../database/assert-exist';
import { rowToEntity } from '../database/linked-rows';
import { readQuery } from '../database/read-routing';
import { CLOSED_STATUSES } from '../recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import { factsAsOf } from '../recommendations/fact-history.sql';
import type { Translations } from '../i18n/translations';

/** The facts of `r` at $2 (statusCounts' parameter: the instant the day after asOf begins). */
const CHANGED_FACTS = factsAsOf('r', '$2::timestamptz');

/** Whose latest changes to read: one organisation's or one recommendation's, or all. */
export interface ChangeScope {
  /** Only this organisation's recommendations and indicators. */
  organizationId?: string;
  /** Only this recommendation's history (no indicator values). */
  recommendationId?: string;
}

/**
 * A row of ReportsRepository.latestChanges: its kind, id and instant, and the columns of that kind
 * (null in the others'): a status change's recommendation, statuses, note and evidence; a value's
 * indicator, plan, unit, period, figure and source; an assessment's recommendation, organisation,
 * status, text and evidence.
 */
export interface ChangeRow {
  kind: 'status' | 'value' | 'assessment';
  id: string;
  at: Date;
  code: string;
  title: Translations | null;
  name: Translations | null;
  from_status: RecommendationStatus | null;
  to_status: RecommendationStatus | null;
  note: Translations | null;
  evidence_url: string | null;
  plan_code: string | null;
  unit: string | null;
  unit_code: string | null;
  period: string | null;
  value: number | null;
  source: Translations | null;
  organization_name: Translations | null;
  status: RecommendationStatus | null;
  text: Translations | null;
  evidence_urls: string[] | null;
}

/** One status's recommendations and how many of them are overdue. */
export interface StatusRow {
  status: RecommendationStatus;
  count: number;
  overdue: number;
}

/** An indicator, its target for the year and its actual (with the period it comes from). */
export interface IndicatorFiguresRow {
  indicator: Indicator;
  target: number | null;
  actual: number | null;
  actualPeriod: string | null;
}

/** An indicator's columns, plus its target and actual for the year. */
interface IndicatorRow extends Record<string, unknown> {
  target: number | null;
  actual: number | null;
  actual_period: string | null;
}

/**
 * The reports' statements, all reads over other features' tables: the progress summary's
 * counts (aggregated in PostgreSQL, one row per status or indicator comes back) and the
 * latest public changes. Both go through readQuery, so a replica serves them when one is
 * set. The printed report's own reads are in printed/progress-report.repository.ts.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** NOT_FOUND (field actionPlanId) unless the plan exists. */
  assertPlanExists(actionPlanId: string): Promise<void> {
    return assertAllExist(this.db.manager, ActionPlan, [actionPlanId], 'actionPlanId');
  }

  /**
   * Each recommendation in its current status, from the tallies that triggers keep in every
   * writing transaction (see migration RecommendationStatusTally): the counts and the overdue
   * of earlier months by month, the overdue of this month by day. A few hundred rows, whatever
   * the number of recommendations; equal to statusCounts(today).
   */
  currentStatusCounts(today: string): Promise<StatusRow[]> {
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
   * only the others look up their history (the latest entry before that moment, by index),
   * and their due date's (factsAsOf), so a deadline moved since does not change the overdue count.
   * So the usual question, "where do we stand this year", reads one narrow index once
   * instead of sorting the whole history.
   */
  statusCounts(asOf: string, endOfAsOf: Date, actionPlanId: string | null): Promise<StatusRow[]> {
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
                      count(*) FILTER (WHERE ${CHANGED_FACTS.dueDate} < $1::date AND h.to_status <> ALL($4::recommendation_status[]))
                 FROM recommendation r
                 JOIN LATERAL (SELECT sc.to_status FROM status_change sc
                                WHERE sc.recommendation_id = r.id AND sc.changed_at < $2
                                ORDER BY sc.version DESC LIMIT 1) h ON true
                 ${CHANGED_FACTS.join}
                WHERE r.updated_at >= $2
                  AND ($3::uuid IS NULL OR EXISTS (
                        SELECT 1 FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id
                         WHERE ri.recommendation_id = r.id AND i.action_plan_id = $3))
                GROUP BY h.to_status) counted
        GROUP BY status`,
      [asOf, endOfAsOf, actionPlanId, CLOSED_STATUSES],
    );
  }

  /**
   * Per indicator (by code): the indicator itself (so `indicator { … }` needs no further read), the year's target,
   * and the year's actual (annual value, else latest quarter) among the values recorded before `recordedBefore`, with its period.
   */
  async indicatorFigures(year: number, actionPlanId: string | null, recordedBefore: Date): Promise<IndicatorFiguresRow[]> {
    const rows = await readQuery<IndicatorRow>(
      this.db,
      null,
      `SELECT i.*, t.value AS target, a.value AS actual, a.period AS actual_period
         FROM indicator i
         LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.year = $1
         LEFT JOIN LATERAL ${actualForYearSql('i.id', '$1', { columns: 'v.value, v.period', recordedBefore: '$3' })} a ON true
        WHERE $2::uuid IS NULL OR i.action_plan_id = $2
        ORDER BY i.code, i.id`,
      [year, actionPlanId, recordedBefore],
    );
    return rows.map((row) => ({
      indicator: rowToEntity(this.db, Indicator, row),
      target: row.target,
      actual: row.actual,
      actualPeriod: row.actual_period,
    }));
  }

  /** The latest year up to `upTo` with any indicator value recorded (the home page opens on it). */
  async latestYearWithValues(upTo: number): Promise<number | null> {
    const [row] = await readQuery<{ year: number | null }>(this.db, null, 'SELECT max(year) AS year FROM indicator_value WHERE year <= $1', [upTo]);
    return row?.year ?? null;
  }

  /**
   * The latest public changes of each kind, in one statement (the home page and every feed read them):
   * up to `limit` status changes, recorded indicator values (none for one recommendation's history: no part for them)
   * and published independent assessments (unless `withAssessments` is false: none is published),
   * each kind newest first, told apart by `kind` ('status', 'value', 'assessment'). Of one recommendation, or of the recommendations and
   * indicators an organisation is responsible for (and the assessments it published), or all.
   */
  latestChanges(scope: ChangeScope, limit: number, withAssessments = true): Promise<ChangeRow[]> {
    return readQuery<ChangeRow>(
      this.db,
      null,
      `(SELECT 'status' AS kind, s.id, s.changed_at AS at, r.code, r.title, NULL::jsonb AS name,
               s.from_status, s.to_status, s.note, s.evidence_url,
               NULL::varchar AS plan_code, NULL::varchar AS unit, NULL::varchar AS unit_code, NULL::varchar AS period,
               NULL::float8 AS value, NULL::jsonb AS source,
               NULL::jsonb AS organization_name, NULL::recommendation_status AS status, NULL::jsonb AS text, NULL::text[] AS evidence_urls
          FROM status_change s JOIN recommendation r ON r.id = s.recommendation_id
         WHERE ($1::uuid IS NULL OR s.recommendation_id = $1)
           AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM recommendation_organization ro
                                             WHERE ro.recommendation_id = r.id AND ro.organization_id = $2))
         ORDER BY s.changed_at DESC, s.id DESC LIMIT $3)
       ${scope.recommendationId ? '' : VALUE_CHANGES}
       ${withAssessments ? ASSESSMENT_CHANGES : ''}`,
      [scope.recommendationId ?? null, scope.organizationId ?? null, limit],
    );
  }

  /** Whether any independent assessment is published (else latestChanges leaves their part out). */
  async anyPublishedAssessment(): Promise<boolean> {
    const [row] = await readQuery<{ any: boolean }>(this.db, null, `SELECT EXISTS (SELECT 1 FROM assessment_version WHERE review_status = 'PUBLISHED') AS any`, []);
    return row.any;
  }
}

/** latestChanges' recorded indicator values (the second kind), except in one recommendation's history. */
const VALUE_CHANGES = `UNION ALL
       (SELECT 'value', v.id, v.recorded_at, i.code, NULL, i.name,
               NULL, NULL, NULL, NULL,
               p.code, i.unit, i.unit_code, v.period,
               v.value, v.source,
               NULL, NULL, NULL, NULL
          FROM ${knownValuesSql(null)} v JOIN indicator i ON i.id = v.indicator_id JOIN action_plan p ON p.id = i.action_plan_id
         WHERE $2::uuid IS NULL OR i.responsible_organization_id = $2
         ORDER BY v.recorded_at DESC, v.id DESC LIMIT $3)`;

/** latestChanges' published assessments (the third kind), when there are any. */
const ASSESSMENT_CHANGES = `UNION ALL
       (SELECT 'assessment', v.id, v.reviewed_at, r.code, r.title, NULL,
               NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL,
               NULL, NULL,
               o.name, v.status, v.text, v.evidence_urls
          FROM assessment_version v JOIN recommendation r ON r.id = v.recommendation_id JOIN organization o ON o.id = v.organization_id
         WHERE v.review_status = 'PUBLISHED'
           AND ($1::uuid IS NULL OR v.recommendation_id = $1)
           AND ($2::uuid IS NULL OR v.organization_id = $2
                OR EXISTS (SELECT 1 FROM recommendation_organization ro WHERE ro.recommendation_id = r.id AND ro.organization_id = $2))
         ORDER BY v.reviewed_at DESC, v.id DESC LIMIT $3)`;
