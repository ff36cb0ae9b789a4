import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { actualForYearSql, knownValuesSql } from '../action-plan/action-plan.repository';
import { Indicator } from '../action-plan/indicator.entity';
import { assertAllExist } from '../database/assert-exist';
import type { IndicatorSeries, OverdueRecommendation } from '../exports/report/progress-report.data';
import { Locale } from '../i18n/locales';
import { translatedSql, Translations } from '../i18n/translations';
import { Meeting } from '../meetings/meeting.entity';
import { Organization } from '../organizations/organization.entity';
import { rowToEntity } from '../database/linked-rows';
import { readQuery } from '../database/read-routing';
import { CLOSED_STATUSES } from '../recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import type { ChangeScope } from './recent-changes.service';

/**
 * The scope of the report over `recommendation r` and its `meeting m`, from four
 * parameters starting at $first: the plan (linked to its indicators), the
 * responsible organisation, the meeting's region, the meeting; each null for all.
 */
function scopeSql(first: number): string {
  const [plan, organization, region, meeting] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
  return `(${plan}::uuid IS NULL OR EXISTS (
            SELECT 1 FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id
             WHERE ri.recommendation_id = r.id AND i.action_plan_id = ${plan}))
      AND (${organization}::uuid IS NULL OR EXISTS (
            SELECT 1 FROM recommendation_organization ro WHERE ro.recommendation_id = r.id AND ro.organization_id = ${organization}))
      AND (${region}::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_each_text(m.region) AS place(locale, name) WHERE place.name = ${region}))
      AND (${meeting}::uuid IS NULL OR r.meeting_id = ${meeting})`;
}

/**
 * The recommendations in scope ($3–$6), each in the status its history gives for
 * the end of $1 (the last change recorded before $2, the instant the next day
 * begins): the same reading of the history as progressSummary's and the
 * exports', so the report's figures can be rebuilt from recommendations.csv?asOf=.
 */
const STATUS_AS_OF = `
  SELECT r.id AS recommendation_id, r.code, r.title, r.due_date, h.status
    FROM recommendation r
    JOIN meeting m ON m.id = r.meeting_id
    JOIN LATERAL (SELECT sc.to_status::text AS status FROM status_change sc
                   WHERE sc.recommendation_id = r.id AND sc.changed_at < $2
                   ORDER BY sc.version DESC LIMIT 1) h ON true
   WHERE ${scopeSql(3)}`;

/** One status's recommendations and how many of them are overdue. */
export interface StatusRow {
  status: RecommendationStatus;
  count: number;
  overdue: number;
}

/** The progress report's scorecard rows: one per organisation (null: none responsible) and status. */
export interface OrganizationStatusRow {
  organization: string | null;
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
 * counts (aggregated in PostgreSQL, one row per status or indicator comes back), the
 * latest public changes, and the PDF progress report's reads. The first two go through
 * readQuery, so a replica serves them when one is set; the PDF report's stay on the primary.
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
   * only the others look up their history (the latest entry before that moment, by index).
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

  /** The latest status changes (of one recommendation, or of one organisation's), newest first. */
  statusChanges(scope: ChangeScope, limit: number): Promise<Record<string, unknown>[]> {
    return readQuery<Record<string, unknown>>(
      this.db,
      null,
      `SELECT s.id, s.changed_at, r.code, r.title, s.from_status, s.to_status, s.note, s.evidence_url
         FROM status_change s JOIN recommendation r ON r.id = s.recommendation_id
        WHERE ($1::uuid IS NULL OR s.recommendation_id = $1)
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM recommendation_organization ro
                                            WHERE ro.recommendation_id = r.id AND ro.organization_id = $2))
        ORDER BY s.changed_at DESC, s.id DESC LIMIT $3`,
      [scope.recommendationId ?? null, scope.organizationId ?? null, limit],
    );
  }

  /** The latest recorded indicator values (of one organisation's indicators, or all), newest first. */
  valueChanges(organizationId: string | null, limit: number): Promise<Record<string, unknown>[]> {
    return readQuery<Record<string, unknown>>(
      this.db,
      null,
      `SELECT v.id, v.recorded_at, i.code, i.name, p.code AS plan_code, i.unit, v.period, v.value, v.source
         FROM ${knownValuesSql(null)} v JOIN indicator i ON i.id = v.indicator_id JOIN action_plan p ON p.id = i.action_plan_id
        WHERE ($1::uuid IS NULL OR i.responsible_organization_id = $1)
        ORDER BY v.recorded_at DESC, v.id DESC LIMIT $2`,
      [organizationId, limit],
    );
  }

  /** NOT_FOUND (field organizationId) unless the organisation exists. */
  assertOrganizationExists(organizationId: string): Promise<void> {
    return assertAllExist(this.db.manager, Organization, [organizationId], 'organizationId');
  }

  /** NOT_FOUND (field meetingId) unless the meeting exists. */
  assertMeetingExists(meetingId: string): Promise<void> {
    return assertAllExist(this.db.manager, Meeting, [meetingId], 'meetingId');
  }

  /** The plan's code and (translatable) title, for the progress report's heading; undefined when there is none. */
  async planCodeAndTitle(id: string): Promise<{ code: string; title: Translations } | undefined> {
    const [plan]: { code: string; title: Translations }[] = await this.db.query('SELECT code, title FROM action_plan WHERE id = $1', [id]);
    return plan;
  }

  /** The organisation's (translatable) name. */
  async organizationName(id: string): Promise<{ name: Translations }> {
    const [organization]: { name: Translations }[] = await this.db.query('SELECT name FROM organization WHERE id = $1', [id]);
    return organization;
  }

  /** The meeting's (translatable) title and the day it was held (YYYY-MM-DD). */
  async meetingTitleAndDay(id: string): Promise<{ title: Translations; held_on: string }> {
    const [meeting]: { title: Translations; held_on: string }[] = await this.db.query(
      "SELECT title, to_char(held_on, 'YYYY-MM-DD') AS held_on FROM meeting WHERE id = $1",
      [id],
    );
    return meeting;
  }

  /**
   * The progress report's statements over STATUS_AS_OF. `params` are its six: $1 asOf, $2 the
   * instant the next day begins, $3–$6 the scope (plan, organisation, region, meeting). These
   * and the report's other reads stay on the primary (a bare query), as they always ran.
   */
  scopedStatusCounts(params: readonly unknown[]): Promise<StatusRow[]> {
    return this.db.query(
      `SELECT a.status, count(*)::int AS count, count(*) FILTER (WHERE a.due_date < $1::date AND a.status <> ALL($7::text[]))::int AS overdue
         FROM (${STATUS_AS_OF}) a GROUP BY a.status`,
      [...params, CLOSED_STATUSES],
    );
  }

  /** Per responsible organisation and status in scope: the count and how many are overdue (see scopedStatusCounts for `params`). */
  organizationStatusCounts(params: readonly unknown[], chain: readonly Locale[]): Promise<OrganizationStatusRow[]> {
    return this.db.query(
      `SELECT ${translatedSql('o.name', chain)} AS organization, a.status, count(*)::int AS count,
              count(*) FILTER (WHERE a.due_date < $1::date AND a.status <> ALL($7::text[]))::int AS overdue
         FROM (${STATUS_AS_OF}) a
         LEFT JOIN recommendation_organization ro ON ro.recommendation_id = a.recommendation_id
         LEFT JOIN organization o ON o.id = ro.organization_id
        GROUP BY 1, a.status`,
      [...params, CLOSED_STATUSES],
    );
  }

  /** The overdue recommendations in scope on asOf, the longest overdue first, at most `limit` (see scopedStatusCounts for `params`). */
  overdueInScope(params: readonly unknown[], chain: readonly Locale[], limit: number): Promise<OverdueRecommendation[]> {
    return this.db.query(
      `SELECT a.code, ${translatedSql('a.title', chain)} AS title, a.due_date AS "dueDate", a.status,
              (SELECT string_agg(${translatedSql('o.name', chain)}, '; ' ORDER BY ${translatedSql('o.name', chain)})
                 FROM recommendation_organization ro
                 JOIN organization o ON o.id = ro.organization_id WHERE ro.recommendation_id = a.recommendation_id) AS organizations
         FROM (${STATUS_AS_OF}) a
        WHERE a.due_date < $1::date AND a.status <> ALL($7::text[])
        ORDER BY a.due_date, a.code
        LIMIT ${limit}`,
      [...params, CLOSED_STATUSES],
    );
  }

  /** The recommendations in scope by status at the end of each of `days` (`ends`: the instants the next days begin). */
  statusesAtDays(params: readonly unknown[], days: string[], ends: Date[]): Promise<{ day: string; status: RecommendationStatus; count: number }[]> {
    return this.db.query(
      `SELECT to_char(p.day, 'YYYY-MM-DD') AS day, h.status, count(*)::int AS count
         FROM unnest($5::date[], $6::timestamptz[]) AS p(day, day_end)
         CROSS JOIN recommendation r
         JOIN meeting m ON m.id = r.meeting_id
         JOIN LATERAL (SELECT sc.to_status::text AS status FROM status_change sc
                        WHERE sc.recommendation_id = r.id AND sc.changed_at < p.day_end
                        ORDER BY sc.version DESC LIMIT 1) h ON true
        WHERE ${scopeSql(1)}
        GROUP BY p.day, h.status`,
      [...params.slice(2, 6), days, ends],
    );
  }

  /** Each indicator's values recorded before `asOfEnd`, by period, and its yearly targets, as JSON. */
  indicatorSeries(ids: string[], asOfEnd: Date): Promise<{ id: string; values: IndicatorSeries['values'] | null; targets: IndicatorSeries['targets'] | null }[]> {
    return this.db.query(
      `SELECT i.id,
              (SELECT json_agg(json_build_object('period', v.period, 'year', v.year, 'quarter', v.quarter, 'value', v.value)
                               ORDER BY v.year, v.quarter NULLS LAST)
                 FROM ${knownValuesSql('$2::timestamptz')} v WHERE v.indicator_id = i.id) AS values,
              (SELECT json_agg(json_build_object('year', t.year, 'value', t.value) ORDER BY t.year)
                 FROM indicator_target t WHERE t.indicator_id = i.id) AS targets
         FROM unnest($1::uuid[]) AS i(id)`,
      [ids, asOfEnd],
    );
  }
}
