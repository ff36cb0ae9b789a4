import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ErrorCode } from '../common/errors/error-codes';
import { DomainError } from '../common/errors/domain-error';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { startOfNextDay } from '../common/start-of-next-day';
import { AppConfig } from '../config/app-config.service';
import { DataVersionService } from '../data-version/data-version.service';
import { PerVersionMemo } from '../data-version/per-version-memo';
import { DEFAULT_REPORTING_LAG_DAYS } from './action-plan.entity';
import { ActionPlanRepository, PlanFacts, ProgressScope } from './action-plan.repository';
import { IndicatorProgress, progressWithIndicator } from './indicator-progress';
import type { Indicator } from './indicator.entity';
import { dependsOnReportingLag, ProgressCut, ProgressCutRequest, resolveProgressCut } from './progress-cut';
import { SEES_UNREVIEWED, ValueStatus } from './value-status';

/**
 * A default cut of approved values for a page of indicators (IndicatorProgressReader.pageCut):
 * `current` when no plan's reporting lag can change it (the values as they are now); else
 * `lagged`, each indicator's cut being asOf plus its plan's lag, capped at `today`.
 */
export interface PageProgressCut {
  today: string;
  year: number;
  current: ProgressCut | null;
  /** asOf (the end of the past year) and the zone whose day boundaries the lagged day ends at. */
  lagged: { asOf: string; timeZone: string } | null;
}

/** Progress of the indicators in scope for one year, and the cut it was read at. */
export interface ProgressReading {
  cut: ProgressCut;
  /** By code; each carries its indicator. */
  indicators: (IndicatorProgress & { indicator: Indicator })[];
}

/**
 * The one progress reader (issue 23): an indicator's progress for (year, asOf, valuesKnownBy,
 * value status). The home, indicator and organisation pages, Indicator.progress, progressSummary,
 * the exports and the PDF all read through it (the indicators export through the same SQL and
 * progressOf, as it streams), so that one year has one answer everywhere.
 */
@Injectable()
export class IndicatorProgressReader {
  /**
   * The plans' years and reporting lag (every summary, report and year check needs them) and the
   * latest year with values (the home page's default year): read once per data version.
   */
  private readonly memo: PerVersionMemo;

  constructor(
    private readonly repository: ActionPlanRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    versions: DataVersionService,
  ) {
    this.memo = new PerVersionMemo(versions);
  }

  /** The plans' years and reporting lag (of one plan, or of all). */
  private planFacts(actionPlanId: string | null): Promise<PlanFacts> {
    return this.memo.get(`plan-facts:${actionPlanId ?? ''}`, () => this.repository.planFacts(actionPlanId));
  }

  /**
   * The request as `actor` may make it: SUBMITTED values (not yet reviewed) are for staff only
   * (ADMIN, EDITOR, MINISTRY, ANALYST); VIEWER tokens and the public get FORBIDDEN.
   */
  requestFor(actor: Actor | null, request: ProgressCutRequest): ProgressCutRequest {
    if (request.valueStatus === ValueStatus.SUBMITTED && !(actor && SEES_UNREVIEWED.includes(actor.role))) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'valueStatus: SUBMITTED values are not yet reviewed; only staff may read them', { field: 'valueStatus' });
    }
    return request;
  }

  /** The cut a report of `year` (null: none in particular) in the plan (null: all plans) is read at; BAD_USER_INPUT for impossible dates. */
  async cut(year: number | null, request: ProgressCutRequest, actionPlanId: string | null): Promise<ProgressCut> {
    const { reportingLagDays } = await this.planFacts(actionPlanId);
    return resolveProgressCut(this.clock.today(), request, year, reportingLagDays);
  }

  /** assertReportYear() then cut(), from one read of the plans: a report of `year` and the cut it is read at. */
  async reportCut(year: number, request: ProgressCutRequest, actionPlanId: string | null): Promise<ProgressCut> {
    const facts = await this.planFacts(actionPlanId);
    this.checkReportYear(year, facts, actionPlanId);
    return resolveProgressCut(this.clock.today(), request, year, facts.reportingLagDays);
  }

  /** Every indicator in scope measured against `year`'s target with the values the cut knows. */
  async read(year: number, request: ProgressCutRequest, scope: ProgressScope = {}): Promise<ProgressReading> {
    const cut = await this.cut(year, request, scope.actionPlanId ?? null);
    return { cut, indicators: await this.readAt(year, cut, scope) };
  }

  /** As read(), at a cut already resolved (a report that shows its cut once and reads several scopes). */
  async readAt(year: number, cut: ProgressCut, scope: ProgressScope = {}): Promise<(IndicatorProgress & { indicator: Indicator })[]> {
    const rows = await this.repository.progressFigures(year, this.knownBy(cut), cut.valueStatus, scope);
    // Each row is its indicator's figures (and the indicator): no copy of it is made.
    return rows.map((row) => progressWithIndicator(row.indicator, year, row, cut));
  }

  /**
   * Indicator.progress: the indicators of a page asking for the same year and cut are read by
   * one statement, with their latest values when the page asks for them too
   * (ActionPlanRepository.yearFigures). The default cut uses the indicator's own plan's reporting lag.
   */
  forIndicator(loaders: LoaderRegistry, indicator: Indicator, year: number, request: ProgressCutRequest): Promise<IndicatorProgress> {
    // The plan's lag through the request's plan loader (one statement for a page of indicators, not
    // one each), and only when it can change the cut: not for the current year as of today.
    const today = this.clock.today();
    if (!dependsOnReportingLag(today, request, year)) return this.progressAt(loaders, indicator, year, this.defaultCut(today, request, year, DEFAULT_REPORTING_LAG_DAYS));
    return this.repository
      .planById(loaders)
      .load(indicator.actionPlanId)
      .then((plan) => this.progressAt(loaders, indicator, year, this.defaultCut(today, request, year, plan?.reportingLagDays ?? DEFAULT_REPORTING_LAG_DAYS)));
  }

  /**
   * The cut forIndicator reads `request` at for `year` when it reads the approved values at the
   * default cut, as the page assembler has PostgreSQL read their figures with a page
   * (progressInputsTextSql): as they are now, or, for a year its plan's reporting lag can cut (a
   * past year), as known at asOf plus each indicator's own plan's lag (cutWithLag). null for any
   * other request (asOf, valuesKnownBy, SUBMITTED values), which the resolvers answer.
   */
  pageCut(request: ProgressCutRequest, year: number): PageProgressCut | null {
    if ((request.valueStatus && request.valueStatus !== ValueStatus.APPROVED) || request.asOf || request.valuesKnownBy) return null;
    const today = this.clock.today();
    const current = this.defaultCut(today, request, year, DEFAULT_REPORTING_LAG_DAYS);
    if (!dependsOnReportingLag(today, request, year)) return this.knownBy(current) === null ? { today, year, current, lagged: null } : null;
    return { today, year, current: null, lagged: { asOf: current.asOf, timeZone: this.config.get('APP_TIMEZONE') } };
  }

  /**
   * The cut of `page` for an indicator whose plan's reporting lag is `lagDays`, and the instant
   * its values are known by (null: now), as forIndicator reads them.
   */
  cutWithLag(page: PageProgressCut, lagDays: number): { cut: ProgressCut; knownBy: Date | null } {
    const cut = page.current ?? this.defaultCut(page.today, {}, page.year, lagDays);
    return { cut, knownBy: this.knownBy(cut) };
  }

  private progressAt(loaders: LoaderRegistry, indicator: Indicator, year: number, cut: ProgressCut): Promise<IndicatorProgress> {
    return this.repository
      .yearFigures(loaders, indicator.id, { year, knownBy: this.knownBy(cut), status: cut.valueStatus })
      .then((figures) => progressWithIndicator(indicator, year, figures, cut));
  }

  /** Cuts as resolveProgressCut gives them, kept for the day: a page asks the same one for each of its indicators. */
  private readonly cuts = new Map<string, ProgressCut>();
  private cutsDay = '';

  private defaultCut(today: string, request: ProgressCutRequest, year: number, lagDays: number): ProgressCut {
    if (today !== this.cutsDay || this.cuts.size >= 1000) {
      this.cuts.clear();
      this.cutsDay = today;
    }
    const key = `${year}:${request.asOf ?? ''}:${request.valuesKnownBy ?? ''}:${request.valueStatus ?? ''}:${lagDays}`;
    let cut = this.cuts.get(key);
    if (!cut) {
      // Throws BAD_USER_INPUT for impossible dates, and keeps nothing then.
      cut = resolveProgressCut(today, request, year, lagDays);
      this.cuts.set(key, cut);
    }
    return cut;
  }

  /**
   * An indicator's progress in each of `years`, each at that year's default cut over all plans
   * (what progressSummary and the PDF give for the year), read by one statement.
   */
  async years(indicator: Indicator, years: number[]): Promise<(IndicatorProgress & { indicator: Indicator })[]> {
    const { reportingLagDays } = await this.planFacts(null);
    const today = this.clock.today();
    const loaders = new LoaderRegistry();
    return Promise.all(
      years.map(async (year) => {
        const cut = resolveProgressCut(today, {}, year, reportingLagDays);
        const figures = await this.repository.yearFigures(loaders, indicator.id, { year, knownBy: this.knownBy(cut), status: cut.valueStatus });
        return progressWithIndicator(indicator, year, figures, cut);
      }),
    );
  }

  /**
   * The year a report opens on when none is asked: the latest year, up to asOf's, with a value
   * the cut knows, else asOf's year. One rule for the home page, the exports and the PDF.
   */
  async defaultYear(request: ProgressCutRequest, actionPlanId: string | null): Promise<number> {
    const cut = await this.cut(null, request, actionPlanId);
    const asOfYear = Number(cut.asOf.slice(0, 4));
    const knownBy = this.knownBy(cut);
    const key = `latest-year:${actionPlanId ?? ''}:${asOfYear}:${knownBy?.toISOString() ?? 'now'}:${cut.valueStatus}`;
    return (await this.memo.get(key, () => this.repository.latestYearWithValues(actionPlanId, asOfYear, knownBy, cut.valueStatus))) ?? asOfYear;
  }

  /**
   * BAD_USER_INPUT unless `year` is a year of the plan (or of any plan) or the current year (the
   * home page offers it); any year while there are no plans.
   */
  async assertReportYear(year: number, actionPlanId: string | null): Promise<void> {
    this.checkReportYear(year, await this.planFacts(actionPlanId), actionPlanId);
  }

  private checkReportYear(year: number, { years }: PlanFacts, actionPlanId: string | null): void {
    if (years.length && !years.includes(year) && year !== Number(this.clock.today().slice(0, 4))) {
      throw DomainError.badInput('year', `must be a year of the action plan${actionPlanId ? '' : 's'}: ${years[0]} to ${years[years.length - 1]}`);
    }
  }

  /** The instant after the last one whose versions count; null for "approved, now" (the slots' copies, no version read). */
  knownBy(cut: ProgressCut): Date | null {
    if (cut.valueStatus === ValueStatus.APPROVED && cut.valuesKnownBy === this.clock.today()) return null;
    return startOfNextDay(cut.valuesKnownBy, this.config.get('APP_TIMEZONE'));
  }
}
