import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config.service';
import { ContentLocaleService } from '../../i18n/content-locales';
import { translatedText } from '../../i18n/translations';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import type { ProgressCut, ProgressCutRequest } from '../../action-plan/progress-cut';
import { ValueStatus } from '../../action-plan/value-status';
import { ProgressSummaryService } from '../progress-summary.service';
import { startOfNextDay } from '../../common/start-of-next-day';
import { ProgressSummary } from '../progress-summary.type';
import { OrganizationStatusRow, ProgressReportRepository } from './progress-report.repository';
import { fingerprintOf } from '../../common/fingerprint';
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
import { DEFAULT_EXPORT_LOCALE, Locale } from '../../i18n/locales';
import { DeadlineChanges, Divergences } from './deadline-changes.data';
import type { CompletenessRow } from './progress-report.data';
import { ReportingCompletenessService } from '../../reporting-completeness/reporting-completeness.service';

/** At most this many overdue recommendations are listed; the report says how many more there are. */
export const OVERDUE_LISTED = 60;
/** At most this many divergent recommendations are listed, by code; the report says how many more there are. */
const DIVERGENCES_LISTED = 30;
/** At most this many deadline changes are listed, the latest first; the report says how many more there are. */
export const DEADLINE_CHANGES_LISTED = 40;
/** Statuses over time: at most this many quarter ends, the last being asOf. */
export const QUARTERS_SHOWN = 8;

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
    private readonly reports: ProgressReportRepository,
    private readonly summaries: ProgressSummaryService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly contentLocales: ContentLocaleService,
    private readonly completeness: ReportingCompletenessService,
  ) {}

  async gather(year: number, scope: ReportScope, request: ProgressCutRequest = {}, lang: Locale = DEFAULT_EXPORT_LOCALE): Promise<ProgressReportData> {
    // The plan's counts and its indicators; this checks the year, asOf, valuesKnownBy (BAD_USER_INPUT) and the plan (NOT_FOUND) first.
    const planSummary = await this.summaries.summarize(year, scope.actionPlanId, request);
    if (scope.organizationId) await this.reports.assertOrganizationExists(scope.organizationId);
    if (scope.meetingId) await this.reports.assertMeetingExists(scope.meetingId);
    const today = this.clock.today();
    const { asOf, valuesKnownBy, valueStatus } = planSummary;
    const cut = { asOf, valuesKnownBy, valueStatus };
    const timeZone = this.config.get('APP_TIMEZONE');
    // Names and titles in the report's language, falling back along the configured chain.
    const chain = this.contentLocales.chain(lang);
    const asOfParams = [asOf, startOfNextDay(asOf, timeZone), scope.actionPlanId, scope.organizationId, scope.region, scope.meetingId];
    // Each indicator's progress carries the indicator it measures (summarize() reads them together).
    // A report on one organisation shows the indicators it is responsible for (their reporting organisation), not every indicator.
    const inScope = planSummary.indicators.filter(({ indicator }) => !scope.organizationId || indicator?.responsibleOrganizationId === scope.organizationId);
    const indicators: ReportIndicator[] = inScope.flatMap(({ indicator, indicatorId: _id, ...progress }) =>
      indicator ? [{ id: indicator.id, code: indicator.code, name: translatedText(indicator.name, chain) ?? '', unit: indicator.unit, unitCode: indicator.unitCode, direction: indicator.direction, progress }] : [],
    );
    const [plan, filters, summary, byOrganization, overdue, statusesByQuarter, series, deadlineChanges, completeness, divergences] = await Promise.all([
      this.plan(scope.actionPlanId, chain),
      this.filterLabels(scope, chain),
      this.summary(year, cut, asOfParams, planSummary),
      this.byOrganization(asOfParams, chain),
      this.overdue(asOfParams, chain),
      this.statusesByQuarter(asOf, timeZone, asOfParams),
      this.indicatorSeries(indicators.map((i) => i.id), startOfNextDay(valuesKnownBy, timeZone), valueStatus),
      this.deadlineChanges(asOfParams, chain, timeZone),
      this.completenessRows(year, asOf, scope.organizationId ?? null, lang, chain),
      this.divergences(asOfParams, chain),
    ]);
    const parameters = Object.fromEntries(
      Object.entries({ year, ...scope, asOf: request.asOf, valuesKnownBy: request.valuesKnownBy, valueStatus: request.valueStatus, lang }).filter(([, v]) => v !== null && v !== undefined),
    );
    const withSeries = indicators.map((i) => ({ ...i, series: series.get(i.id) ?? { values: [], targets: [] } }));
    // Everything shown but the generation day: the same figures give the same fingerprint on any day.
    const fingerprint = fingerprintOf({ report: 'progress', parameters, filters, asOf, valuesKnownBy, valueStatus, timeZone, plan, summary, withSeries, byOrganization, overdue, statusesByQuarter, deadlineChanges, completeness, divergences });
    return { year, asOf, valuesKnownBy, valueStatus, today, timeZone, parameters, filters, lang, fingerprint, plan, summary, indicators: withSeries, byOrganization, overdue, statusesByQuarter, deadlineChanges, completeness, divergences };
  }

  /** The recommendations in scope where a published independent assessment differs from the official status at asOf (docs/domain.md). */
  private async divergences(params: unknown[], chain: readonly Locale[]): Promise<Divergences> {
    const rows = await this.reports.divergentInScope(params, chain, DIVERGENCES_LISTED);
    return { rows: rows.map(({ total: _total, ...row }) => ({ ...row, assessments: row.assessments ?? [] })), total: rows[0]?.total ?? 0 };
  }

  /** Each organisation's reporting completeness of `year` as of `asOf` (one organisation when the report is about one), by name. */
  private async completenessRows(year: number, asOf: string, organizationId: string | null, lang: Locale, chain: readonly Locale[]): Promise<CompletenessRow[]> {
    const { organizations } = await this.completeness.forYear(year, organizationId, asOf, lang);
    return organizations.map((o) => ({
      organization: translatedText(o.name, chain) ?? '',
      expected: o.totals.expected,
      reported: o.totals.reported,
      reportedOnTime: o.totals.reportedOnTime,
      overdue: o.totals.overdue,
      daysLate: o.totals.daysLate,
    }));
  }

  private async plan(id: string | null, chain: readonly Locale[]): Promise<ProgressReportData['plan']> {
    if (!id) return null;
    const plan = await this.reports.planCodeAndTitle(id);
    return plan ? { code: plan.code, title: translatedText(plan.title, chain) ?? '' } : null;
  }

  /** The scope by name, for the top of the report: the organisation's name, the region, the meeting's title and day. */
  private async filterLabels(scope: ReportScope, chain: readonly Locale[]): Promise<ReportFilter[]> {
    const filters: ReportFilter[] = [];
    if (scope.organizationId) {
      const o = await this.reports.organizationName(scope.organizationId);
      filters.push({ filter: 'organization', name: translatedText(o.name, chain) ?? '' });
    }
    if (scope.region) filters.push({ filter: 'region', region: scope.region });
    if (scope.meetingId) {
      const m = await this.reports.meetingTitleAndDay(scope.meetingId);
      filters.push({ filter: 'meeting', title: translatedText(m.title, chain) ?? '', heldOn: m.held_on });
    }
    return filters;
  }

  /** The counts in scope: the plan summary's own reading of the history, narrowed by organisation, region and meeting when asked. */
  private async summary(year: number, cut: ProgressCut, params: unknown[], planSummary: ProgressSummary): Promise<ProgressSummary> {
    if (params.slice(3).every((p) => p === null)) {
      const { indicators: _indicators, ...counts } = planSummary as ProgressSummary & { indicators?: unknown };
      return counts;
    }
    const rows: { status: RecommendationStatus; count: number; overdue: number }[] = await this.reports.scopedStatusCounts(params);
    const counts = new Map(rows.map((r) => [r.status, r]));
    const byStatus = Object.values(RecommendationStatus).map((status) => ({ status, count: counts.get(status)?.count ?? 0 }));
    const total = byStatus.reduce((sum, s) => sum + s.count, 0);
    const counted = total - (counts.get(RecommendationStatus.REJECTED)?.count ?? 0);
    const implemented = counts.get(RecommendationStatus.IMPLEMENTED)?.count ?? 0;
    return {
      year,
      ...cut,
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
    const rows: OrganizationStatusRow[] = await this.reports.organizationStatusCounts(params, chain);
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
    return this.reports.overdueInScope(params, chain, OVERDUE_LISTED);
  }

  /** The due dates in scope moved by asOf (from the fact history), the latest first, at most DEADLINE_CHANGES_LISTED. */
  private async deadlineChanges(params: unknown[], chain: readonly Locale[], timeZone: string): Promise<DeadlineChanges> {
    const rows = await this.reports.deadlineChangesInScope(params, chain, timeZone, DEADLINE_CHANGES_LISTED);
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** The recommendations in scope by status at each quarter end up to asOf (and at asOf), from the history. */
  private async statusesByQuarter(asOf: string, timeZone: string, params: readonly unknown[]): Promise<QuarterStatusCounts[]> {
    const days = quarterEnds(asOf);
    const ends = days.map((day) => startOfNextDay(day, timeZone));
    const rows: { day: string; status: RecommendationStatus; count: number }[] = await this.reports.statusesAtDays(params, days, ends);
    const byDay = new Map(days.map((day) => [day, zeroCounts()]));
    for (const row of rows) (byDay.get(row.day) as Record<RecommendationStatus, number>)[row.status] += row.count;
    return days.map((day) => ({ day, counts: byDay.get(day) as Record<RecommendationStatus, number> }));
  }

  /** Each indicator's values known by valuesKnownBy (the instant after it: `knownBy`), by period, and its yearly targets. */
  private async indicatorSeries(ids: string[], knownBy: Date, valueStatus: ValueStatus): Promise<Map<string, IndicatorSeries>> {
    const rows: { id: string; values: IndicatorSeries['values'] | null; targets: IndicatorSeries['targets'] | null }[] = await this.reports.indicatorSeries(ids, knownBy, valueStatus);
    return new Map(rows.map((r) => [r.id, { values: r.values ?? [], targets: r.targets ?? [] }]));
  }
}
