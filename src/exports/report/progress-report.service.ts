import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Meeting } from '../../meetings/meeting.entity';
import { Organization } from '../../organizations/organization.entity';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config.service';
import { ContentLocaleService } from '../../i18n/content-locales';
import { translatedSql, translatedText, Translations } from '../../i18n/translations';
import { assertAllExist } from '../../database/assert-exist';
import { CLOSED_STATUSES } from '../../recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { ProgressSummaryService, startOfNextDay } from '../../reports/progress-summary.service';
import { ProgressSummary } from '../../reports/progress-summary.type';
import { fingerprintOf } from '../metadata/fingerprint';
import {
  IndicatorSeries,
  OrganizationStatusCounts,
  OverdueRecommendation,
  ProgressReportData,
  QuarterStatusCounts,
  ReportFilter,
  ReportIndicator,
  ReportScope,
} from './progress-report.data';
import { Locale } from '../../i18n/locales';
import { DEFAULT_EXPORT_LOCALE } from '../export-language';

/** At most this many overdue recommendations are listed; the report says how many more there are. */
export const OVERDUE_LISTED = 60;
/** Statuses over time: at most this many quarter ends, the last being asOf. */
export const QUARTERS_SHOWN = 8;

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

interface OrganizationStatusRow {
  organization: string | null;
  status: RecommendationStatus;
  count: number;
  overdue: number;
}

/** Lowest implementation rate first (none to measure sorts last), then most overdue, most stalled, name. */
function worstFirst(a: OrganizationStatusCounts, b: OrganizationStatusCounts): number {
  const rate = (e: OrganizationStatusCounts) => e.implementationRate ?? Number.POSITIVE_INFINITY;
  return (
    rate(a) - rate(b) ||
    b.overdue - a.overdue ||
    b.counts[RecommendationStatus.STALLED] - a.counts[RecommendationStatus.STALLED] ||
    (a.organization ?? '\uffff').localeCompare(b.organization ?? '\uffff')
  );
}

const zeroCounts = () => Object.fromEntries(Object.values(RecommendationStatus).map((s) => [s, 0])) as Record<RecommendationStatus, number>;

/** The ends of the quarters before asOf (at most QUARTERS_SHOWN − 1), then asOf itself. */
export function quarterEnds(asOf: string): string[] {
  const year = Number(asOf.slice(0, 4));
  const quarter = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3);
  const ends: string[] = [asOf];
  for (let i = 1; ends.length < QUARTERS_SHOWN; i++) {
    const q = quarter - i;
    const y = year + Math.floor(q / 4);
    const qi = ((q % 4) + 4) % 4;
    ends.unshift(`${y}-${['03-31', '06-30', '09-30', '12-31'][qi]}`);
  }
  return ends;
}

/** Gathers the progress report's numbers: the progress summary plus what a reader needs beside it. */
@Injectable()
export class ProgressReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly summaries: ProgressSummaryService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly contentLocales: ContentLocaleService,
  ) {}

  async gather(year: number, scope: ReportScope, asOfDay: string | null = null, lang: Locale = DEFAULT_EXPORT_LOCALE): Promise<ProgressReportData> {
    // The plan's counts and its indicators; this checks asOf (BAD_USER_INPUT) and the plan (NOT_FOUND) first.
    const planSummary = await this.summaries.summarize(year, scope.actionPlanId, asOfDay);
    if (scope.organizationId) await assertAllExist(this.db.manager, Organization, [scope.organizationId], 'organizationId');
    if (scope.meetingId) await assertAllExist(this.db.manager, Meeting, [scope.meetingId], 'meetingId');
    const today = this.clock.today();
    const asOf = planSummary.asOf;
    const timeZone = this.config.get('APP_TIMEZONE');
    // Names and titles in the report's language, falling back along the configured chain.
    const chain = this.contentLocales.chain(lang);
    const asOfParams = [asOf, startOfNextDay(asOf, timeZone), scope.actionPlanId, scope.organizationId, scope.region, scope.meetingId];
    // Each indicator's progress carries the indicator it measures (summarize() reads them together).
    const indicators: ReportIndicator[] = planSummary.indicators.flatMap(({ indicator, indicatorId: _id, ...progress }) =>
      indicator ? [{ id: indicator.id, code: indicator.code, name: translatedText(indicator.name, chain) ?? '', unit: indicator.unit, direction: indicator.direction, progress }] : [],
    );
    const [plan, filters, summary, byOrganization, overdue, statusesByQuarter, series] = await Promise.all([
      this.plan(scope.actionPlanId, chain),
      this.filterLabels(scope, chain),
      this.summary(year, asOf, asOfParams, planSummary),
      this.byOrganization(asOfParams, chain),
      this.overdue(asOfParams, chain),
      this.statusesByQuarter(asOf, timeZone, asOfParams),
      this.indicatorSeries(indicators.map((i) => i.id), startOfNextDay(asOf, timeZone)),
    ]);
    const parameters = Object.fromEntries(Object.entries({ year, ...scope, asOf: asOfDay, lang }).filter(([, v]) => v !== null && v !== undefined));
    const withSeries = indicators.map((i) => ({ ...i, series: series.get(i.id) ?? { values: [], targets: [] } }));
    // Everything shown but the generation day: the same figures give the same fingerprint on any day.
    const fingerprint = fingerprintOf({ report: 'progress', parameters, filters, asOf, timeZone, plan, summary, withSeries, byOrganization, overdue, statusesByQuarter });
    return { year, asOf, today, timeZone, parameters, filters, lang, fingerprint, plan, summary, indicators: withSeries, byOrganization, overdue, statusesByQuarter };
  }

  private async plan(id: string | null, chain: readonly Locale[]): Promise<ProgressReportData['plan']> {
    if (!id) return null;
    const [plan]: { code: string; title: Translations }[] = await this.db.query('SELECT code, title FROM action_plan WHERE id = $1', [id]);
    return plan ? { code: plan.code, title: translatedText(plan.title, chain) ?? '' } : null;
  }

  /** The scope by name, for the top of the report: the organisation's name, the region, the meeting's title and day. */
  private async filterLabels(scope: ReportScope, chain: readonly Locale[]): Promise<ReportFilter[]> {
    const filters: ReportFilter[] = [];
    if (scope.organizationId) {
      const [o]: { name: Translations }[] = await this.db.query('SELECT name FROM organization WHERE id = $1', [scope.organizationId]);
      filters.push({ filter: 'organization', name: translatedText(o.name, chain) ?? '' });
    }
    if (scope.region) filters.push({ filter: 'region', region: scope.region });
    if (scope.meetingId) {
      const [m]: { title: Translations; held_on: string }[] = await this.db.query(
        "SELECT title, to_char(held_on, 'YYYY-MM-DD') AS held_on FROM meeting WHERE id = $1",
        [scope.meetingId],
      );
      filters.push({ filter: 'meeting', title: translatedText(m.title, chain) ?? '', heldOn: m.held_on });
    }
    return filters;
  }

  /** The counts in scope: the plan summary's own reading of the history, narrowed by organisation, region and meeting when asked. */
  private async summary(year: number, asOf: string, params: unknown[], planSummary: ProgressSummary): Promise<ProgressSummary> {
    if (params.slice(3).every((p) => p === null)) {
      const { indicators: _indicators, ...counts } = planSummary as ProgressSummary & { indicators?: unknown };
      return counts;
    }
    const rows: { status: RecommendationStatus; count: number; overdue: number }[] = await this.db.query(
      `SELECT a.status, count(*)::int AS count, count(*) FILTER (WHERE a.due_date < $1::date AND a.status <> ALL($7::text[]))::int AS overdue
         FROM (${STATUS_AS_OF}) a GROUP BY a.status`,
      [...params, CLOSED_STATUSES],
    );
    const counts = new Map(rows.map((r) => [r.status, r]));
    const byStatus = Object.values(RecommendationStatus).map((status) => ({ status, count: counts.get(status)?.count ?? 0 }));
    const total = byStatus.reduce((sum, s) => sum + s.count, 0);
    const counted = total - (counts.get(RecommendationStatus.REJECTED)?.count ?? 0);
    const implemented = counts.get(RecommendationStatus.IMPLEMENTED)?.count ?? 0;
    return {
      year,
      asOf,
      actionPlanId: planSummary.actionPlanId,
      recommendationsTotal: total,
      byStatus,
      overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
      implementationRate: counted > 0 ? (implemented / counted) * 100 : 0,
    };
  }

  /**
   * The scorecard: counts per responsible organisation and status, and its overdue; a recommendation
   * shared by two organisations counts for each. Worst first: the lowest implementation rate, then the
   * most overdue, then the most stalled, then by name.
   */
  private async byOrganization(params: unknown[], chain: readonly Locale[]): Promise<OrganizationStatusCounts[]> {
    const rows: OrganizationStatusRow[] = await this.db.query(
      `SELECT ${translatedSql('o.name', chain)} AS organization, a.status, count(*)::int AS count,
              count(*) FILTER (WHERE a.due_date < $1::date AND a.status <> ALL($7::text[]))::int AS overdue
         FROM (${STATUS_AS_OF}) a
         LEFT JOIN recommendation_organization ro ON ro.recommendation_id = a.recommendation_id
         LEFT JOIN organization o ON o.id = ro.organization_id
        GROUP BY 1, a.status`,
      [...params, CLOSED_STATUSES],
    );
    const table = new Map<string | null, OrganizationStatusCounts>();
    for (const row of rows) {
      let entry = table.get(row.organization);
      if (!entry) {
        entry = { organization: row.organization, counts: zeroCounts(), total: 0, overdue: 0, implementationRate: null };
        table.set(row.organization, entry);
      }
      entry.counts[row.status] += row.count;
      entry.total += row.count;
      entry.overdue += row.overdue;
    }
    for (const entry of table.values()) {
      const counted = entry.total - entry.counts[RecommendationStatus.REJECTED];
      entry.implementationRate = counted > 0 ? (entry.counts[RecommendationStatus.IMPLEMENTED] / counted) * 100 : null;
    }
    return [...table.values()].sort(worstFirst);
  }

  /** Overdue on `asOf`: due before it and not then IMPLEMENTED or REJECTED; the longest overdue first. */
  private overdue(params: unknown[], chain: readonly Locale[]): Promise<OverdueRecommendation[]> {
    return this.db.query(
      `SELECT a.code, ${translatedSql('a.title', chain)} AS title, a.due_date AS "dueDate", a.status,
              (SELECT string_agg(${translatedSql('o.name', chain)}, '; ' ORDER BY ${translatedSql('o.name', chain)})
                 FROM recommendation_organization ro
                 JOIN organization o ON o.id = ro.organization_id WHERE ro.recommendation_id = a.recommendation_id) AS organizations
         FROM (${STATUS_AS_OF}) a
        WHERE a.due_date < $1::date AND a.status <> ALL($7::text[])
        ORDER BY a.due_date, a.code
        LIMIT ${OVERDUE_LISTED}`,
      [...params, CLOSED_STATUSES],
    );
  }

  /** The recommendations in scope by status at each quarter end up to asOf (and at asOf), from the history. */
  private async statusesByQuarter(asOf: string, timeZone: string, params: readonly unknown[]): Promise<QuarterStatusCounts[]> {
    const days = quarterEnds(asOf);
    const ends = days.map((day) => startOfNextDay(day, timeZone));
    const rows: { day: string; status: RecommendationStatus; count: number }[] = await this.db.query(
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
    const byDay = new Map(days.map((day) => [day, zeroCounts()]));
    for (const row of rows) (byDay.get(row.day) as Record<RecommendationStatus, number>)[row.status] += row.count;
    return days.map((day) => ({ day, counts: byDay.get(day) as Record<RecommendationStatus, number> }));
  }

  /** Each indicator's values recorded by asOf, by period, and its yearly targets. */
  private async indicatorSeries(ids: string[], asOfEnd: Date): Promise<Map<string, IndicatorSeries>> {
    const rows: { id: string; values: IndicatorSeries['values'] | null; targets: IndicatorSeries['targets'] | null }[] = await this.db.query(
      `SELECT i.id,
              (SELECT json_agg(json_build_object('period', v.period, 'year', v.year, 'quarter', v.quarter, 'value', v.value)
                               ORDER BY v.year, v.quarter NULLS LAST)
                 FROM indicator_value v WHERE v.indicator_id = i.id AND v.recorded_at < $2) AS values,
              (SELECT json_agg(json_build_object('year', t.year, 'value', t.value) ORDER BY t.year)
                 FROM indicator_target t WHERE t.indicator_id = i.id) AS targets
         FROM unnest($1::uuid[]) AS i(id)`,
      [ids, asOfEnd],
    );
    return new Map(rows.map((r) => [r.id, { values: r.values ?? [], targets: r.targets ?? [] }]));
  }
}
