import { Injectable } from '@nestjs/common';
import type { Translations } from '../../i18n/translations';
import { ActionPlan } from '../../action-plan/action-plan.entity';
import { ProgressStatus } from '../../action-plan/action-plan.enums';
import { ActionPlanRepository } from '../../action-plan/action-plan.repository';
import { ActionPlansService } from '../../action-plan/action-plans.service';
import { Indicator } from '../../action-plan/indicator.entity';
import { IndicatorProgress } from '../../action-plan/indicator-progress';
import { IndicatorProgressReader } from '../../action-plan/indicator-progress.reader';
import type { ProgressCut } from '../../action-plan/progress-cut';
import { IndicatorTarget } from '../../action-plan/indicator-target.entity';
import { IndicatorValue } from '../../action-plan/indicator-value.entity';
import { IndicatorsService } from '../../action-plan/indicators.service';
import { Barrier } from '../../barriers/barrier.entity';
import { BarriersRepository } from '../../barriers/barriers.repository';
import { BarriersService } from '../../barriers/barriers.service';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { LoaderRegistry } from '../../common/loaders/loader-registry';
import { Connection } from '../../common/pagination/connection.type';
import { Meeting } from '../../meetings/meeting.entity';
import { MeetingsRepository } from '../../meetings/meetings.repository';
import { MeetingsService } from '../../meetings/meetings.service';
import { Participant } from '../../meetings/participant.entity';
import { Organization } from '../../organizations/organization.entity';
import { OrganizationsRepository } from '../../organizations/organizations.repository';
import { OrganizationsService } from '../../organizations/organizations.service';
import { Person } from '../../organizations/person.entity';
import { RecommendationFilter } from '../../recommendations/dto/recommendations.args';
import { isOverdue } from '../../recommendations/recommendation-lifecycle';
import type { Locale } from '../../i18n/locales';
import { ReportingCompletenessService } from '../../reporting-completeness/reporting-completeness.service';
import type { OrganizationCompleteness } from '../../reporting-completeness/reporting-completeness.types';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { Recommendation } from '../../recommendations/recommendation.entity';
import { RecommendationsRepository } from '../../recommendations/recommendations.repository';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import { StatusChange } from '../../recommendations/status-change.entity';
import { ChangeEntry, ChangeScope, RecentChangesService } from '../../reports/recent-changes.service';
import { ProgressSummaryService } from '../../reports/progress-summary.service';
import { PublishedBreakdown, PublishedBreakdownReader } from '../../dimensions/published-breakdown';
import { Assessment } from '../../assessments/assessment.entity';
import { AssessmentsService } from '../../assessments/assessments.service';
import { divergesFrom } from '../../assessments/divergence';
import { ProgressSummary } from '../../reports/progress-summary.type';
import { Framework, FrameworkItem } from '../../frameworks/framework-item.entity';
import { FrameworksRepository } from '../../frameworks/frameworks.repository';
import { DataVersionService } from '../../data-version/data-version.service';
import { PerVersionMemo } from '../../data-version/per-version-memo';

/** A recommendation in a list: with whether it is overdue today, and whether a published independent assessment differs from its status. */
export interface RecommendationRow {
  recommendation: Recommendation;
  overdue: boolean;
  divergent: boolean;
}

export interface HomeData {
  year: number;
  /** The years the picker offers (the action plans' span, and this year). */
  years: number[];
  /** The current year when the page opened on an earlier one because the current year has no recorded values yet. */
  defaultedFrom: number | null;
  summary: ProgressSummary;
  /** The first SCORECARD_ROWS indicators by code. */
  indicators: (IndicatorProgress & { indicator: Indicator; plan: ActionPlan | null })[];
  /** Every indicator counted by its progress status. */
  indicatorTally: Map<ProgressStatus, number>;
  indicatorTotal: number;
  changes: ChangeEntry[];
  /** How many recommendations a civil-society organisation assesses otherwise today (docs/domain.md). */
  divergent: number;
}

export interface RecommendationListData {
  page: Connection<Recommendation>;
  rows: RecommendationRow[];
  /** The choices of each filter's list; null when there are too many to list (the filter still works from links). */
  organizations: Organization[] | null;
  meetings: Meeting[] | null;
  barriers: Barrier[] | null;
}

export interface RecommendationData {
  recommendation: Recommendation;
  overdue: boolean;
  divergent: boolean;
  meeting: Meeting | null;
  barriers: Barrier[];
  organizations: Organization[];
  indicators: (Indicator & { plan: ActionPlan | null })[];
  history: StatusChange[];
  /** Each organisation's latest published assessment, most recent assessment first, with the organisation. */
  assessments: { version: Assessment; organization: Organization | null }[];
}

export interface MeetingListData {
  page: Connection<Meeting>;
  recommendationCounts: Map<string, number>;
}

export interface MeetingData {
  meeting: Meeting;
  participants: (Participant & { person: Person | null; organization: Organization | null })[];
  barriers: Barrier[];
  recommendations: RecommendationRow[];
}

export interface IndicatorData {
  indicator: Indicator;
  plan: ActionPlan | null;
  organization: Organization | null;
  targets: IndicatorTarget[];
  values: IndicatorValue[];
  progress: IndicatorProgress[];
  recommendations: RecommendationRow[];
  /** The approved breakdown of the latest period that has one (null: none). */
  breakdown: PublishedBreakdown | null;
}

export type IndicatorLookup = { kind: 'one'; data: IndicatorData } | { kind: 'several'; code: string; plans: ActionPlan[] };

/** An organisation's reporting completeness on its public page. */
export interface OrganisationCompleteness {
  year: number;
  asOf: string;
  /** null: nothing was due from it in `year` by `asOf`. */
  entry: OrganizationCompleteness | null;
}

/** `/frameworks/{framework}/{code}`: an item, the items under it, what addresses it. */
export interface FrameworkItemData {
  item: FrameworkItem;
  children: FrameworkItem[];
  recommendations: RecommendationRow[];
  indicators: { indicator: Indicator; plan: ActionPlan | null }[];
}

export interface OrganisationData {
  organization: Organization;
  byStatus: Map<RecommendationStatus, number>;
  total: number;
  overdue: RecommendationRow[];
  /** With each indicator's plan: an indicator's code is unique only within its plan, so its link names the plan. */
  indicators: (IndicatorProgress & { indicator: Indicator; plan: ActionPlan | null })[];
  year: number;
  /** As of when the indicators' figures are. */
  cut: ProgressCut;
  /** Its reporting completeness in the current year, as of today. */
  completeness: OrganisationCompleteness;
}

const LIST_SIZE = 100;
/** Longest list a filter offers as a <select>; beyond it the page would weigh hundreds of kB. */
export const FILTER_CHOICES = 100;
/** Indicators listed in the home page's scorecard (all of them are counted by status). */
export const SCORECARD_ROWS = 30;

/**
 * What each public page shows, read through the features' services and loaders (the same
 * reads as the API's, as an anonymous VIEWER sees them). No SQL here.
 */
@Injectable()
export class PublicPagesService {
  /** Reads that change only with a write (the filters' choices), kept per data version. */
  private readonly memo: PerVersionMemo;

  constructor(
    private readonly clock: Clock,
    private readonly summaries: ProgressSummaryService,
    private readonly progress: IndicatorProgressReader,
    private readonly changes: RecentChangesService,
    private readonly recommendations: RecommendationsService,
    private readonly recommendationLoader: RecommendationsRepository,
    private readonly meetings: MeetingsService,
    private readonly meetingLoader: MeetingsRepository,
    private readonly barriers: BarriersService,
    private readonly barrierLoader: BarriersRepository,
    private readonly organizations: OrganizationsService,
    private readonly organizationLoader: OrganizationsRepository,
    private readonly plans: ActionPlansService,
    private readonly indicators: IndicatorsService,
    private readonly breakdowns: PublishedBreakdownReader,
    private readonly planLoader: ActionPlanRepository,
    private readonly completeness: ReportingCompletenessService,
    private readonly assessments: AssessmentsService,
    private readonly frameworks: FrameworksRepository,
    versions: DataVersionService,
  ) {
    this.memo = new PerVersionMemo(versions);
  }

  currentYear(): number {
    return Number(this.clock.today().slice(0, 4));
  }

  /**
   * The home page's figures, read once per data version and day (the default year and the
   * figures' cut follow the day): the most visited page reads every indicator's progress for its
   * tally, and nothing in it changes but with a write. Shared by the requests of a version: shown,
   * never changed.
   */
  home(requestedYear: number | undefined): Promise<HomeData> {
    return this.memo.get(`home:${requestedYear ?? 'default'}:${this.clock.today()}`, () => this.readHome(requestedYear));
  }

  private async readHome(requestedYear: number | undefined): Promise<HomeData> {
    // The plans, once per data version: the year picker's years and the scorecard's plans.
    const plans = await this.plans.listShown();
    const current = this.currentYear();
    const years = [...new Set([current, ...plans.flatMap((p) => range(p.startYear, p.endYear))])].sort((a, b) => a - b);
    if (requestedYear !== undefined && !years.includes(requestedYear)) throw DomainError.badInput('year', `must be one of ${years.join(', ')}`);
    // A first visit opens on the latest year with recorded values, not on a current year that has none yet.
    const latestWithValues = requestedYear === undefined ? await this.progress.defaultYear({}, null) : null;
    const year = requestedYear ?? (latestWithValues !== null && years.includes(latestWithValues) ? latestWithValues : current);
    // The year's figures at the same cut as progressSummary and the PDF give for it (IndicatorProgressReader).
    const summary = await this.summaries.recommendationCounts(year, null, {});
    const [progress, changes, divergent] = await Promise.all([
      this.summaries.indicatorProgress(summary),
      this.changes.latest({}, 10),
      this.assessments.divergentCount(),
    ]);
    const planById = new Map(plans.map((plan) => [plan.id, plan]));
    const listed = [...progress].sort((a, b) => a.indicator.code.localeCompare(b.indicator.code)).slice(0, SCORECARD_ROWS);
    const indicators = listed.map((p) => ({ ...p, indicator: p.indicator, plan: planById.get(p.indicator.actionPlanId) ?? null }));
    const indicatorTally = new Map<ProgressStatus, number>();
    for (const p of progress) indicatorTally.set(p.status, (indicatorTally.get(p.status) ?? 0) + 1);
    const defaultedFrom = requestedYear === undefined && year !== current ? current : null;
    return { year, years, defaultedFrom, summary, indicators, indicatorTally, indicatorTotal: progress.length, changes, divergent };
  }

  async recommendationList(filter: RecommendationFilter, after: string | undefined): Promise<RecommendationListData> {
    const [page, choices] = await Promise.all([this.recommendations.list({ filter, first: 20, after }), this.filterChoices()]);
    const published = await this.published(page.edges.map((edge) => edge.node));
    return { page, rows: page.edges.map((edge) => this.row(edge.node, published.get(edge.node.id))), ...choices };
  }

  /**
   * The filters' organisations, meetings and barriers (at most FILTER_CHOICES each, else null): the
   * same for every request until a write, so read once per data version, not three statements a page.
   * Shared by the requests of a version: shown, never changed.
   */
  private filterChoices(): Promise<Pick<RecommendationListData, 'organizations' | 'meetings' | 'barriers'>> {
    return this.memo.get('filter-choices', async () => {
      const [organizations, meetings, barriers] = await Promise.all([
        this.organizations.list(FILTER_CHOICES + 1),
        this.meetings.list({ first: FILTER_CHOICES }),
        this.barriers.list(null, FILTER_CHOICES + 1),
      ]);
      const short = <T>(list: T[]) => (list.length > FILTER_CHOICES ? null : list);
      return {
        organizations: short(organizations),
        meetings: meetings.pageInfo.hasNextPage ? null : meetings.edges.map((e) => e.node),
        barriers: short(barriers),
      };
    });
  }

  async recommendation(code: string): Promise<RecommendationData> {
    const recommendation = await this.recommendations.findByCode(code);
    if (!recommendation) throw DomainError.notFound('Recommendation', code);
    const loaders = new LoaderRegistry();
    const [published, meeting, barriers, organizations, indicators, history] = await Promise.all([
      this.published([recommendation]),
      this.meetingLoader.byId(loaders).load(recommendation.meetingId),
      this.recommendationLoader.barriers(loaders).load(recommendation.id),
      this.recommendationLoader.responsibleOrganizations(loaders).load(recommendation.id),
      this.recommendationLoader.indicators(loaders).load(recommendation.id),
      this.recommendationLoader.statusHistory(loaders).load(recommendation.id),
    ]);
    const planById = this.planLoader.planById(loaders);
    const assessments = published.get(recommendation.id) ?? [];
    const organizationById = this.organizationLoader.organizationById(loaders);
    return {
      ...this.row(recommendation, assessments),
      assessments: await Promise.all(assessments.map(async (version) => ({ version, organization: await organizationById.load(version.organizationId) }))),
      meeting,
      barriers,
      organizations,
      indicators: await Promise.all(indicators.map(async (i) => Object.assign(i, { plan: await planById.load(i.actionPlanId) }))),
      history,
    };
  }

  async meetingList(after: string | undefined): Promise<MeetingListData> {
    const page = await this.meetings.list({ first: 20, after });
    return { page, recommendationCounts: await this.recommendations.countsByMeeting(page.edges.map((e) => e.node.id)) };
  }

  async meeting(id: string): Promise<MeetingData> {
    const meeting = await this.meetings.findById(id);
    if (!meeting) throw DomainError.notFound('Meeting', id);
    const loaders = new LoaderRegistry();
    const [participants, barriers, recommendations] = await Promise.all([
      this.meetingLoader.participantsByMeetingId(loaders).load(meeting.id),
      this.barrierLoader.byMeetingId(loaders).load(meeting.id),
      this.recommendationLoader.byMeetingId(loaders).load(meeting.id),
    ]);
    const people = this.organizationLoader.personById(loaders);
    const organizations = this.organizationLoader.organizationById(loaders);
    return {
      meeting,
      participants: await Promise.all(
        participants.map(async (p) =>
          Object.assign(p, {
            person: p.personId ? await people.load(p.personId) : null,
            organization: p.organizationId ? await organizations.load(p.organizationId) : null,
          }),
        ),
      ),
      barriers,
      recommendations: await this.rows(recommendations),
    };
  }

  async indicator(code: string, planCode: string | undefined): Promise<IndicatorLookup> {
    const loaders = new LoaderRegistry();
    const planById = this.planLoader.planById(loaders);
    const candidates = await this.indicators.findByCode(code);
    const withPlans = await Promise.all(candidates.map(async (i) => ({ indicator: i, plan: await planById.load(i.actionPlanId) })));
    const chosen = planCode ? withPlans.filter((c) => c.plan?.code === planCode) : withPlans;
    if (chosen.length === 0) throw DomainError.notFound('Indicator', planCode ? `${planCode}/${code}` : code);
    if (chosen.length > 1) return { kind: 'several', code, plans: chosen.flatMap((c) => (c.plan ? [c.plan] : [])) };
    const { indicator, plan } = chosen[0];
    const [targets, values, organization, recommendations, breakdown] = await Promise.all([
      this.planLoader.targetsByIndicatorId(loaders).load(indicator.id),
      this.planLoader.valuesByIndicatorId(loaders).load(indicator.id),
      indicator.responsibleOrganizationId ? this.organizationLoader.organizationById(loaders).load(indicator.responsibleOrganizationId) : null,
      this.recommendationLoader.byIndicatorId(loaders).load(indicator.id),
      this.breakdowns.latest(indicator),
    ]);
    const years = plan ? range(plan.startYear, plan.endYear) : targets.map((t) => t.year);
    // Each year at its own default cut: the figures progressSummary and the PDF give for that year.
    const progress = await this.progress.years(indicator, years);
    return {
      kind: 'one',
      data: { indicator, plan, organization, targets, values, progress, recommendations: await this.rows(recommendations), breakdown },
    };
  }

  /** A framework item by its framework (sdg, cedaw, upr in the address) and code; NOT_FOUND otherwise. */
  async frameworkItem(framework: string, code: string): Promise<FrameworkItemData> {
    const known = Object.values(Framework).find((f) => f.toLowerCase() === framework.toLowerCase());
    const item = known ? await this.frameworks.byCode(known, code, null) : null;
    if (!item) throw DomainError.notFound('FrameworkItem', `${framework}/${code}`);
    const loaders = new LoaderRegistry();
    const planById = this.planLoader.planById(loaders);
    const [children, recommendations, indicators] = await Promise.all([
      this.frameworks.childrenOf(item, null),
      this.recommendations.list({ filter: { frameworkItem: item.id }, first: LIST_SIZE }),
      this.frameworks.indicatorsOf(item.id, null),
    ]);
    return {
      item,
      children,
      recommendations: await this.rows(recommendations.edges.map((e) => e.node)),
      indicators: await Promise.all(indicators.map(async (indicator) => ({ indicator, plan: await planById.load(indicator.actionPlanId) }))),
    };
  }

  async organisation(id: string, locale: Locale): Promise<OrganisationData> {
    const organization = await this.organizations.findById(id);
    if (!organization) throw DomainError.notFound('Organisation', id);
    const year = this.currentYear();
    const [counts, overdue, reading, completeness] = await Promise.all([
      this.recommendations.statusCounts({ responsibleOrganizationId: id }),
      this.recommendations.list({ filter: { responsibleOrganizationId: id, overdue: true }, first: LIST_SIZE }),
      // Its indicators by code, as the indicators list orders them, with their figures: one statement.
      this.progress.read(year, {}, { organizationId: id }),
      this.completeness.ofOrganization(year, organization, locale),
    ]);
    const loaders = new LoaderRegistry();
    const planById = this.planLoader.planById(loaders);
    const progress = await Promise.all(reading.indicators.slice(0, LIST_SIZE).map(async (p) => ({ ...p, plan: await planById.load(p.indicator.actionPlanId) })));
    return {
      organization,
      byStatus: counts.byStatus,
      total: [...counts.byStatus.values()].reduce((a, b) => a + b, 0),
      overdue: await this.rows(overdue.edges.map((e) => e.node)),
      indicators: progress,
      year,
      cut: reading.cut,
      completeness: { year, ...completeness },
    };
  }

  /** The entries of a feed and what it is about (its title). */
  async feed(scope: { organisationId?: string; recommendationCode?: string }): Promise<{ entries: ChangeEntry[]; name: (string | Translations)[] | null; path: string }> {
    const changeScope: ChangeScope = {};
    let name: (string | Translations)[] | null = null;
    let path = '/changes.atom';
    if (scope.organisationId) {
      const organization = await this.organizations.findById(scope.organisationId);
      if (!organization) throw DomainError.notFound('Organisation', scope.organisationId);
      changeScope.organizationId = organization.id;
      name = [organization.name];
      path = `/organisations/${organization.id}/changes.atom`;
    }
    if (scope.recommendationCode) {
      const recommendation = await this.recommendations.findByCode(scope.recommendationCode);
      if (!recommendation) throw DomainError.notFound('Recommendation', scope.recommendationCode);
      changeScope.recommendationId = recommendation.id;
      name = [recommendation.code, recommendation.title];
      path = `/recommendations/${encodeURIComponent(recommendation.code)}/changes.atom`;
    }
    return { entries: await this.changes.latest(changeScope, 50), name, path };
  }

  private row(recommendation: Recommendation, published: Assessment[] = []): RecommendationRow {
    return {
      recommendation,
      overdue: isOverdue(recommendation.dueDate, recommendation.status, this.clock.today()),
      divergent: divergesFrom(recommendation.status, published.map((a) => a.status)),
    };
  }

  /** Recommendations as list rows, their divergence read in one statement. */
  private async rows(recommendations: Recommendation[]): Promise<RecommendationRow[]> {
    const published = await this.published(recommendations);
    return recommendations.map((r) => this.row(r, published.get(r.id)));
  }

  /** The published assessments of each recommendation (what the public reads), in one statement. */
  private published(recommendations: Recommendation[]): Promise<Map<string, Assessment[]>> {
    return this.assessments.publishedNow(recommendations.map((r) => r.id));
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
