import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { DatabaseCapabilities } from '../database/database-capabilities';
import { readQuery } from '../database/read-routing';
import { SqlParams } from '../database/sql/params';
import type { ExportQuery } from '../database/sql/query';
import type { ReadScope } from '../database/sql/read-scope';
import { ContentLocaleService } from '../i18n/content-locales';
import { translatedSql, type Translations } from '../i18n/translations';
import type { Locale } from '../i18n/locales';
import { ExpectedValueStatus, type ExpectedValue } from './reporting-completeness.types';

/** What every completeness read is taken at. */
export interface CompletenessScope {
  /** The cut-off day (YYYY-MM-DD): periods that ended by it are expected; late and overdue are counted to it. */
  asOf: string;
  /** The instant the day after asOf begins in the service's time zone: versions submitted before it count. */
  asOfEnd: Date;
  /** The service's time zone: a version's submission day is read in it. */
  timeZone: string;
  /** Organisations are ordered by their name in this locale (its fallbacks where it has none). */
  locale: Locale;
}

/** One period's counts as PostgreSQL sums them. */
export interface PeriodCountsRow {
  organization_id: string;
  organization_name: Translations;
  period: string;
  period_end: string;
  due_on: string;
  expected: number;
  reported: number;
  approved: number;
  reported_on_time: number;
  reported_late: number;
  overdue: number;
  not_yet_due: number;
  days_late: number;
}

/**
 * SQL of the values expected of indicators (`e`): one row per indicator with a responsible
 * organisation and period of the year `$year` that the indicator's plan covers: the year for
 * YEARLY indicators, its four quarters for QUARTERLY ones; each with its last day and due date
 * (the last day plus the plan's reporting_lag_days). The one place the rule is written.
 */
export function expectedSql(year: string): string {
  return `(SELECT i.id AS indicator_id, i.code AS indicator_code, i.responsible_organization_id AS organization_id,
                  per.period, per.period_end, per.period_end + p.reporting_lag_days AS due_on, p.code AS plan_code
             FROM indicator i
             JOIN action_plan p ON p.id = i.action_plan_id AND ${year} BETWEEN p.start_year AND p.end_year
             CROSS JOIN LATERAL (
               SELECT ${year}::text AS period, make_date(${year}, 12, 31) AS period_end
                WHERE i.reporting_frequency = 'YEARLY'
               UNION ALL
               SELECT ${year}::text || '-Q' || q, (make_date(${year}, q * 3, 1) + interval '1 month' - interval '1 day')::date
                 FROM generate_series(1, 4) AS q
                WHERE i.reporting_frequency = 'QUARTERLY') per
            WHERE i.responsible_organization_id IS NOT NULL)`;
}

/**
 * SQL: the expected values (`expectedSql`) with what was known of them by `$asOfEnd`: the day
 * (in `$tz`) their first version was submitted, whether one was approved, their status and days
 * late as of `$asOf` (a date).
 */
export function factsSql(expected: string, asOf: string, asOfEnd: string, tz: string): string {
  return `(SELECT e.*, f.first_submitted_on, COALESCE(f.approved, false) AS approved,
                  CASE WHEN f.first_submitted_on IS NULL AND e.due_on < ${asOf} THEN '${ExpectedValueStatus.OVERDUE}'
                       WHEN f.first_submitted_on IS NULL THEN '${ExpectedValueStatus.NOT_YET_DUE}'
                       WHEN f.first_submitted_on > e.due_on THEN '${ExpectedValueStatus.LATE}'
                       ELSE '${ExpectedValueStatus.ON_TIME}' END AS status,
                  CASE WHEN f.first_submitted_on IS NULL THEN greatest(${asOf} - e.due_on, 0)
                       ELSE greatest(f.first_submitted_on - e.due_on, 0) END AS days_late
             FROM ${expected} e
             LEFT JOIN LATERAL (
               SELECT (min(w.submitted_at) AT TIME ZONE ${tz})::date AS first_submitted_on,
                      bool_or(w.review_status = 'APPROVED' AND w.reviewed_at < ${asOfEnd}) AS approved
                 FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id
                WHERE v.indicator_id = e.indicator_id AND v.period = e.period AND w.submitted_at < ${asOfEnd}) f ON true)`;
}

/** Every statement of reporting completeness: which values were expected, and how they were reported. */
@Injectable()
export class ReportingCompletenessRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contentLocales: ContentLocaleService,
    private readonly capabilities: DatabaseCapabilities,
  ) {}

  /** Whether the organisation exists (false for an id that is not a UUID). */
  async organizationExists(id: string): Promise<boolean> {
    if (!isUUID(id)) return false;
    const [row] = await readQuery<{ found: boolean }>(this.db, null, 'SELECT EXISTS (SELECT 1 FROM organization WHERE id = $1) AS found', [id]);
    return row?.found === true;
  }

  /**
   * Per organisation (of all, or one) and period of `year` ended by `asOf`: the counts of
   * expected, reported, approved, on-time, late, overdue and not-yet-due values and the days
   * late. Organisations by name, their periods by period (the year first, then its quarters).
   */
  periodCounts(year: number, organizationId: string | null, scope: CompletenessScope): Promise<PeriodCountsRow[]> {
    const name = this.capabilities.collated(translatedSql('o.name', this.contentLocales.chain(scope.locale)), scope.locale);
    return readQuery<PeriodCountsRow>(
      this.db,
      null,
      `SELECT f.organization_id, o.name AS organization_name, f.period, to_char(f.period_end, 'YYYY-MM-DD') AS period_end, to_char(min(f.due_on), 'YYYY-MM-DD') AS due_on,
              count(*)::int AS expected,
              count(*) FILTER (WHERE f.first_submitted_on IS NOT NULL)::int AS reported,
              count(*) FILTER (WHERE f.approved)::int AS approved,
              count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.ON_TIME}')::int AS reported_on_time,
              count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.LATE}')::int AS reported_late,
              count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.OVERDUE}')::int AS overdue,
              count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.NOT_YET_DUE}')::int AS not_yet_due,
              COALESCE(sum(f.days_late), 0)::int AS days_late
         FROM ${factsSql(expectedSql('$1::int'), '$3::date', '$4::timestamptz', '$5::text')} f
         JOIN organization o ON o.id = f.organization_id
        WHERE f.period_end <= $3::date AND ($2::uuid IS NULL OR f.organization_id = $2)
        GROUP BY f.organization_id, o.id, f.period, f.period_end
        ORDER BY ${name}, f.organization_id, length(f.period), f.period`,
      [year, organizationId, scope.asOf, scope.asOfEnd.toISOString(), scope.timeZone],
    );
  }

  /**
   * The values of an organisation's indicators (of all, or one organisation) with no version yet
   * whose due date falls on or before `dueBy`, as known at the end of `scope.asOf`: the overdue
   * ones and those still to come. By due date, then indicator code. For "My work".
   */
  async openValues(organizationId: string | null, dueBy: string, scope: CompletenessScope): Promise<ExpectedValue[]> {
    const lastYear = Number(dueBy.slice(0, 4));
    const rows = await readQuery<Record<string, unknown>>(
      this.db,
      null,
      `SELECT f.indicator_id, f.indicator_code, f.organization_id, f.period, to_char(f.period_end, 'YYYY-MM-DD') AS period_end,
              to_char(f.due_on, 'YYYY-MM-DD') AS due_on, f.status, f.days_late
         FROM generate_series((SELECT min(start_year) FROM action_plan), $1::int) AS y(year)
         CROSS JOIN LATERAL ${factsSql(expectedSql('y.year'), '$3::date', '$4::timestamptz', '$5::text')} f
        WHERE f.first_submitted_on IS NULL AND f.due_on <= $2::date AND ($6::uuid IS NULL OR f.organization_id = $6)
        ORDER BY f.due_on, f.indicator_code, f.plan_code, f.period`,
      [lastYear, dueBy, scope.asOf, scope.asOfEnd.toISOString(), scope.timeZone, organizationId],
    );
    return rows.map((row) => ({
      indicatorId: row.indicator_id as string,
      indicatorCode: row.indicator_code as string,
      organizationId: row.organization_id as string,
      period: row.period as string,
      periodEnd: row.period_end as string,
      dueOn: row.due_on as string,
      firstSubmittedOn: null,
      approved: false,
      status: row.status as ExpectedValueStatus,
      daysLate: row.days_late as number,
    }));
  }
}

/**
 * The SQL the reporting-completeness export streams: one row per organisation and period of
 * `year` ended by `ctx.asOf` (the same counts as ReportingCompletenessRepository.periodCounts,
 * from the same expected-values SQL), the organisation's name in the export's language.
 */
export function reportingCompletenessExportQuery(year: number, ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const y = p.add(year, 'int');
  const asOf = p.add(ctx.asOf, 'date');
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const tz = p.add(ctx.timeZone, 'text');
  const sql = `
    SELECT ${translatedSql('o.name', ctx.contentChain)} AS organization_name, o.id AS organization_id, c.period, c.period_end, c.due_on,
           c.expected, c.reported, c.approved, c.reported_on_time, c.reported_late, c.overdue, c.not_yet_due, c.days_late
      FROM (SELECT f.organization_id, f.period, f.period_end, min(f.due_on) AS due_on,
                   count(*)::int AS expected,
                   count(*) FILTER (WHERE f.first_submitted_on IS NOT NULL)::int AS reported,
                   count(*) FILTER (WHERE f.approved)::int AS approved,
                   count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.ON_TIME}')::int AS reported_on_time,
                   count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.LATE}')::int AS reported_late,
                   count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.OVERDUE}')::int AS overdue,
                   count(*) FILTER (WHERE f.status = '${ExpectedValueStatus.NOT_YET_DUE}')::int AS not_yet_due,
                   COALESCE(sum(f.days_late), 0)::int AS days_late
              FROM ${factsSql(expectedSql(y), asOf, asOfEnd, tz)} f
             WHERE f.period_end <= ${asOf}
             GROUP BY f.organization_id, f.period, f.period_end) c
      JOIN organization o ON o.id = c.organization_id`;
  return {
    sql,
    params: p.values,
    orderBy: [
      { column: 'organization_id', cast: 'uuid' },
      { column: 'period', cast: 'varchar' },
    ],
  };
}
