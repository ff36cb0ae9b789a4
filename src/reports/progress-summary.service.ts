import { Injectable } from '@nestjs/common';
import { computeProgress, IndicatorProgress } from '../action-plan/indicator-progress';
import { resolveAsOf } from '../common/as-of';
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
    if (actionPlanId) await this.repository.assertPlanExists(actionPlanId);
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
    const rows = await this.repository.indicatorFigures(year, actionPlanId ?? null, this.endOf(day));
    return rows.map(({ indicator, target, actual, actualPeriod }) => ({
      ...computeProgress({ year, direction: indicator.direction, baseline: indicator.baselineValue, target, actual }),
      actualPeriod,
      indicatorId: indicator.id,
      indicator,
    }));
  }

  /** The latest year up to `upTo` with any recorded indicator value, or null (the public home page opens on it). */
  latestYearWithValues(upTo: number): Promise<number | null> {
    return this.repository.latestYearWithValues(upTo);
  }

  /** The end of `day` as an instant in the service's time zone: a constant the planner can estimate with, unlike an expression. */
  private endOf(day: string): Date {
    return startOfNextDay(day, this.config.get('APP_TIMEZONE'));
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
