import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertAllExist } from '../../database/assert-exist';
import { Locale } from '../../i18n/locales';
import { translatedSql, Translations } from '../../i18n/translations';
import { Meeting } from '../../meetings/meeting.entity';
import { Organization } from '../../organizations/organization.entity';
import { CLOSED_STATUSES } from '../../recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import type { StatusRow } from '../reports.repository';
import { factsAsOf } from '../../recommendations/fact-history.sql';
import { knownValuesSql } from '../../action-plan/action-plan.repository';
import type { ValueStatus } from '../../action-plan/value-status';
import type { DeadlineChange, DivergentRecommendation } from './deadline-changes.data';
import { divergentSql, hasPublishedAssessmentSql, publishedAssessmentsSql } from '../../assessments/divergence';
import type { IndicatorSeries, OverdueRecommendation } from './progress-report.data';

/**
 * The scope of the report over `recommendation r` and its `meeting m`, from four
 * parameters starting at $first: the plan (linked to its indicators), the
 * responsible organisation (among `organizationIds`, the ones responsible at the
 * report's moment), the meeting's region, the meeting; each null for all.
 */
function scopeSql(first: number, organizationIds: string): string {
  const [plan, organization, region, meeting] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
  return `(${plan}::uuid IS NULL OR EXISTS (
            SELECT 1 FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id
             WHERE ri.recommendation_id = r.id AND i.action_plan_id = ${plan}))
      AND (${organization}::uuid IS NULL OR ${organization}::uuid = ANY(${organizationIds}))
      AND (${region}::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_each_text(m.region) AS place(locale, name) WHERE place.name = ${region}))
      AND (${meeting}::uuid IS NULL OR r.meeting_id = ${meeting})`;
}

/**
 * The recommendations in scope ($3–$6), each in the status its history gives for
 * the end of $1 (the last change recorded before $2, the instant the next day
 * begins), with its due date and responsible organisations as they stood then:
 * the same reading of the history as progressSummary's and the exports', so the
 * report's figures can be rebuilt from recommendations.csv?asOf=.
 */
const FACTS_AS_OF = factsAsOf('r', '$2::timestamptz');
const STATUS_AS_OF = `
  SELECT r.id AS recommendation_id, r.code, r.title, ${FACTS_AS_OF.dueDate} AS due_date, ${FACTS_AS_OF.organizationIds} AS organization_ids, h.status
    FROM recommendation r
    JOIN meeting m ON m.id = r.meeting_id
    JOIN LATERAL (SELECT sc.to_status::text AS status FROM status_change sc
                   WHERE sc.recommendation_id = r.id AND sc.changed_at < $2
                   ORDER BY sc.version DESC LIMIT 1) h ON true
    ${FACTS_AS_OF.join}
   WHERE ${scopeSql(3, FACTS_AS_OF.organizationIds)}`;

/** The facts of `r` at the end of each day of statusesAtDays. */
const DAY_FACTS = factsAsOf('r', 'p.day_end');

/** The progress report's scorecard rows: one per organisation (null: none responsible) and status. */
export interface OrganizationStatusRow {
  organization: string | null;
  status: RecommendationStatus;
  count: number;
  overdue: number;
}

/**
 * The printed (PDF) progress report's reads, over other features' tables. They stay
 * on the primary (bare queries), as they always ran.
 */
@Injectable()
export class ProgressReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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

  /**
   * Per responsible organisation (as they stood on asOf) and status in scope: the count and how many are overdue
   * (see scopedStatusCounts for `params`). A report on one organisation ($4) gives that organisation's row only:
   * the others sharing its recommendations are not ranked beside it.
   */
  organizationStatusCounts(params: readonly unknown[], chain: readonly Locale[]): Promise<OrganizationStatusRow[]> {
    return this.db.query(
      `SELECT ${translatedSql('o.name', chain)} AS organization, a.status, count(*)::int AS count,
              count(*) FILTER (WHERE a.due_date < $1::date AND a.status <> ALL($7::text[]))::int AS overdue
         FROM (${STATUS_AS_OF}) a
         LEFT JOIN organization o ON o.id = ANY(a.organization_ids) AND ($4::uuid IS NULL OR o.id = $4)
        GROUP BY 1, a.status`,
      [...params, CLOSED_STATUSES],
    );
  }

  /** The overdue recommendations in scope on asOf, the longest overdue first, at most `limit` (see scopedStatusCounts for `params`). */
  overdueInScope(params: readonly unknown[], chain: readonly Locale[], limit: number): Promise<OverdueRecommendation[]> {
    return this.db.query(
      `SELECT a.code, ${translatedSql('a.title', chain)} AS title, a.due_date AS "dueDate", a.status,
              (SELECT string_agg(${translatedSql('o.name', chain)}, '; ' ORDER BY ${translatedSql('o.name', chain)})
                 FROM organization o WHERE o.id = ANY(a.organization_ids)) AS organizations
         FROM (${STATUS_AS_OF}) a
        WHERE a.due_date < $1::date AND a.status <> ALL($7::text[])
        ORDER BY a.due_date, a.code
        LIMIT ${limit}`,
      [...params, CLOSED_STATUSES],
    );
  }

  /** The recommendations in scope by status at the end of each of `days` (`ends`: the instants the next days begin). */
  statusesAtDays(params: readonly unknown[], days: string[], ends: Date[]): Promise<{ day: string; status: RecommendationStatus; count: number }[]> {
    // The facts of each day are read only to scope by organisation ($4 of `params`): without one, the
    // join would probe the fact history once per recommendation and day for nothing.
    const byOrganization = params[3] !== null && params[3] !== undefined;
    return this.db.query(
      `SELECT to_char(p.day, 'YYYY-MM-DD') AS day, h.status, count(*)::int AS count
         FROM unnest($5::date[], $6::timestamptz[]) AS p(day, day_end)
         CROSS JOIN recommendation r
         JOIN meeting m ON m.id = r.meeting_id
         JOIN LATERAL (SELECT sc.to_status::text AS status FROM status_change sc
                        WHERE sc.recommendation_id = r.id AND sc.changed_at < p.day_end
                        ORDER BY sc.version DESC LIMIT 1) h ON true
         ${byOrganization ? DAY_FACTS.join : ''}
        WHERE ${scopeSql(1, byOrganization ? DAY_FACTS.organizationIds : "'{}'::uuid[]")}
        GROUP BY p.day, h.status`,
      [...params.slice(2, 6), days, ends],
    );
  }

  /** Each indicator's values known before `knownBy` as `valueStatus` counts them, by period, and its yearly targets, as JSON. */
  indicatorSeries(ids: string[], knownBy: Date, valueStatus: `${ValueStatus}`): Promise<{ id: string; values: IndicatorSeries['values'] | null; targets: IndicatorSeries['targets'] | null }[]> {
    return this.db.query(
      `SELECT i.id,
              (SELECT json_agg(json_build_object('period', v.period, 'year', v.year, 'quarter', v.quarter, 'value', v.value)
                               ORDER BY v.year, v.quarter NULLS LAST)
                 FROM ${knownValuesSql('$2::timestamptz', valueStatus)} v WHERE v.indicator_id = i.id) AS values,
              (SELECT json_agg(json_build_object('year', t.year, 'value', t.value) ORDER BY t.year)
                 FROM indicator_target t WHERE t.indicator_id = i.id) AS targets
         FROM unnest($1::uuid[]) AS i(id)`,
      [ids, knownBy],
    );
  }

  /**
   * The due dates of recommendations in scope moved by asOf (recorded before $2), the latest first, at most
   * `limit`, each with the number of such changes in scope (see scopedStatusCounts for `params`).
   */
  divergentInScope(params: readonly unknown[], chain: readonly Locale[], limit: number): Promise<(DivergentRecommendation & { total: number })[]> {
    const published = publishedAssessmentsSql('a.recommendation_id', '$2').replace('SELECT 1 FROM', 'SELECT pa.status, pa.organization_id, pa.assessed_on FROM');
    return this.db.query(
      `SELECT a.code, ${translatedSql('a.title', chain)} AS title, a.status,
              (SELECT json_agg(json_build_object('organization', ${translatedSql('o.name', chain)}, 'status', pa.status::text,
                                                 'assessedOn', to_char(pa.assessed_on, 'YYYY-MM-DD')) ORDER BY ${translatedSql('o.name', chain)})
                 FROM (${published}) pa JOIN organization o ON o.id = pa.organization_id) AS assessments,
              count(*) OVER ()::int AS total
         FROM (${STATUS_AS_OF}) a
        -- Only recommendations with an assessment published by $2 (implied by the divergence; on the
        -- recommendation alone, so PostgreSQL filters before reading each one's status history).
        WHERE ${hasPublishedAssessmentSql('a.recommendation_id', '$2')}
          AND ${divergentSql('a.recommendation_id', 'a.status', '$2')}
          AND $1::date IS NOT NULL -- asOf: the day $2 ends (typed here, as every statement of STATUS_AS_OF's parameters must)
        ORDER BY a.code
        LIMIT ${limit}`,
      [...params],
    );
  }

  deadlineChangesInScope(params: readonly unknown[], chain: readonly Locale[], timeZone: string, limit: number): Promise<(DeadlineChange & { total: number })[]> {
    return this.db.query(
      // From the changes (few) to their recommendations, scoped as STATUS_AS_OF scopes them; not from
      // every recommendation's status as of $2 to its changes, which read the whole history first.
      `SELECT r.code, ${translatedSql('r.title', chain)} AS title,
              to_char(c.from_due_date, 'YYYY-MM-DD') AS "fromDueDate", to_char(c.to_due_date, 'YYYY-MM-DD') AS "toDueDate",
              to_char(c.changed_at AT TIME ZONE $7, 'YYYY-MM-DD') AS "changedOn", c.changed_by AS "changedBy",
              count(*) OVER ()::int AS total
         FROM (SELECT f.recommendation_id, f.version, f.changed_at, f.changed_by, f.due_date AS to_due_date,
                      lag(f.due_date) OVER w AS from_due_date, row_number() OVER w AS n
                 FROM recommendation_fact_change f
                WHERE f.changed_at < $2
               WINDOW w AS (PARTITION BY f.recommendation_id ORDER BY f.version)) c
         JOIN recommendation r ON r.id = c.recommendation_id
         JOIN meeting m ON m.id = r.meeting_id
         ${FACTS_AS_OF.join}
        WHERE c.n > 1 AND c.from_due_date IS DISTINCT FROM c.to_due_date
          AND EXISTS (SELECT 1 FROM status_change sc WHERE sc.recommendation_id = r.id AND sc.changed_at < $2)
          AND ${scopeSql(3, FACTS_AS_OF.organizationIds)}
          AND $1::date IS NOT NULL -- asOf: the day $2 ends (typed here, as in every statement over the same parameters)
        ORDER BY c.changed_at DESC, r.code, c.version DESC
        LIMIT ${limit}`,
      [...params, timeZone],
    );
  }
}
