import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config.service';
import { CLOSED_STATUSES } from '../../recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { ProgressSummaryService } from '../../reports/progress-summary.service';
import { fingerprintOf } from '../metadata/fingerprint';
import { OrganizationStatusCounts, OverdueRecommendation, ProgressReportData, ReportIndicator } from './progress-report.data';

/** At most this many overdue recommendations are listed; the report says how many more there are. */
export const OVERDUE_LISTED = 60;

/**
 * Each recommendation in the status its history gives for $1 (a date in time zone $2),
 * limited to those linked to plan $3's indicators when given: the same reading of
 * the history as progressSummary's, so the report's tables add up to its summary.
 */
const STATUS_AS_OF = `
  SELECT DISTINCT ON (sc.recommendation_id) sc.recommendation_id, sc.to_status::text AS status
    FROM status_change sc
   WHERE (sc.changed_at AT TIME ZONE $2)::date <= $1::date
     AND ($3::uuid IS NULL OR EXISTS (
           SELECT 1 FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id
            WHERE ri.recommendation_id = sc.recommendation_id AND i.action_plan_id = $3))
   ORDER BY sc.recommendation_id, sc.version DESC`;

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

/** Gathers the progress report's numbers: the progress summary plus what a reader needs beside it. */
@Injectable()
export class ProgressReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly summaries: ProgressSummaryService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async gather(year: number, actionPlanId: string | null, asOfDay: string | null = null): Promise<ProgressReportData> {
    // summarize() checks asOf (BAD_USER_INPUT) and that the plan exists (NOT_FOUND) before anything else runs.
    const summary = await this.summaries.summarize(year, actionPlanId, asOfDay);
    const today = this.clock.today();
    const asOf = summary.asOf;
    const timeZone = this.config.get('APP_TIMEZONE');
    const asOfParams = [asOf, timeZone, actionPlanId];
    // Each indicator's progress carries the indicator it measures (summarize() reads them together).
    const indicators: ReportIndicator[] = summary.indicators.flatMap(({ indicator, indicatorId: _id, ...progress }) =>
      indicator ? [{ code: indicator.code, name: indicator.name, unit: indicator.unit, progress }] : [],
    );
    const [plan, byOrganization, overdue] = await Promise.all([
      this.plan(actionPlanId),
      this.byOrganization(asOfParams),
      this.overdue(asOfParams),
    ]);
    const parameters = Object.fromEntries(Object.entries({ year, actionPlanId, asOf: asOfDay }).filter(([, v]) => v !== null));
    // Everything shown but the generation day: the same figures give the same fingerprint on any day.
    const fingerprint = fingerprintOf({ report: 'progress', parameters, asOf, timeZone, plan, summary, indicators, byOrganization, overdue });
    return { year, asOf, today, timeZone, parameters, fingerprint, plan, summary, indicators, byOrganization, overdue };
  }

  private async plan(id: string | null): Promise<ProgressReportData['plan']> {
    if (!id) return null;
    const [plan]: { code: string; title: string }[] = await this.db.query('SELECT code, title FROM action_plan WHERE id = $1', [id]);
    return plan ?? null;
  }

  /**
   * The scorecard: counts per responsible organisation and status, and its overdue; a recommendation
   * shared by two organisations counts for each. Worst first: the lowest implementation rate, then the
   * most overdue, then the most stalled, then by name.
   */
  private async byOrganization(params: unknown[]): Promise<OrganizationStatusCounts[]> {
    const rows: OrganizationStatusRow[] = await this.db.query(
      `WITH as_of AS (${STATUS_AS_OF})
       SELECT o.name AS organization, a.status, count(*)::int AS count,
              count(*) FILTER (WHERE r.due_date < $1::date AND a.status <> ALL($4::text[]))::int AS overdue
         FROM as_of a
         JOIN recommendation r ON r.id = a.recommendation_id
         LEFT JOIN recommendation_organization ro ON ro.recommendation_id = a.recommendation_id
         LEFT JOIN organization o ON o.id = ro.organization_id
        GROUP BY o.name, a.status
        ORDER BY o.name NULLS LAST`,
      [...params, CLOSED_STATUSES],
    );
    const table = new Map<string | null, OrganizationStatusCounts>();
    for (const row of rows) {
      let entry = table.get(row.organization);
      if (!entry) {
        const counts = Object.fromEntries(Object.values(RecommendationStatus).map((s) => [s, 0])) as Record<RecommendationStatus, number>;
        entry = { organization: row.organization, counts, total: 0, overdue: 0, implementationRate: null };
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
  private overdue(params: unknown[]): Promise<OverdueRecommendation[]> {
    return this.db.query(
      `WITH as_of AS (${STATUS_AS_OF})
       SELECT r.code, r.title, r.due_date AS "dueDate", a.status,
              (SELECT string_agg(o.name, '; ' ORDER BY o.name) FROM recommendation_organization ro
                 JOIN organization o ON o.id = ro.organization_id WHERE ro.recommendation_id = r.id) AS organizations
         FROM as_of a JOIN recommendation r ON r.id = a.recommendation_id
        WHERE r.due_date < $1::date AND a.status <> ALL($4::text[])
        ORDER BY r.due_date, r.code
        LIMIT ${OVERDUE_LISTED}`,
      [...params, CLOSED_STATUSES],
    );
  }
}
