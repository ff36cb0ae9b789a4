import type { Translations } from '../../i18n/translations';
import { Injectable } from '@nestjs/common';
import { ActionPlanRepository } from '../../action-plan/action-plan.repository';
import type { Indicator } from '../../action-plan/indicator.entity';
import type { IndicatorTarget } from '../../action-plan/indicator-target.entity';
import type { IndicatorMilestone } from '../../action-plan/indicator-milestone.entity';
import { IndicatorMilestonesRepository } from '../../action-plan/indicator-milestones.repository';
import type { IndicatorValue } from '../../action-plan/indicator-value.entity';
import type { ActionPlan } from '../../action-plan/action-plan.entity';
import { IndicatorsService } from '../../action-plan/indicators.service';
import type { IndicatorProgress } from '../../action-plan/indicator-progress';
import { IndicatorProgressReader } from '../../action-plan/indicator-progress.reader';
import { isSubmitter, VersionOfPeriod } from '../../action-plan/indicator-value-versions.repository';
import { ReviewStatus } from '../../action-plan/indicator-value-version.entity';
import type { IndicatorValueVersion } from '../../action-plan/indicator-value-version.entity';
import { ValueReviewService } from '../../action-plan/value-review.service';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { AuditService } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertMayActFor } from '../../auth/ministry-scope';
import { EDITORS, Role } from '../../auth/role.enum';
import { ResponsibilityService } from '../../responsibility/responsibility.service';
import type { StaffMember } from '../../responsibility/staff-member.type';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { LoaderRegistry } from '../../common/loaders/loader-registry';
import type { FrameworkItem } from '../../frameworks/framework-item.entity';
import { FrameworksService } from '../../frameworks/frameworks.service';
import { MeetingsRepository } from '../../meetings/meetings.repository';
import { OrganizationsRepository } from '../../organizations/organizations.repository';
import { ALLOWED_TRANSITIONS, isOverdue } from '../../recommendations/recommendation-lifecycle';
import { RecommendationsRepository } from '../../recommendations/recommendations.repository';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import type { RecommendationDetail } from './recommendation.views';

export interface IndicatorDetail {
  indicator: Indicator;
  plan: ActionPlan;
  organizationName: Translations | null;
  targets: IndicatorTarget[];
  /** A QUARTERLY indicator's quarterly targets, by year and quarter. */
  milestones: IndicatorMilestone[];
  values: IndicatorValue[];
  /** Each plan year's progress as every surface reads it (IndicatorProgressReader, each year at its default cut). */
  progress: IndicatorProgress[];
  mayRecord: boolean;
  /** Every version of every period: the latest period first, each period's newest version first. */
  history: PeriodHistory[];
  /** The periods whose latest version was returned to the person reading (with its reason). */
  returnedToReader: { period: string; version: IndicatorValueVersion }[];
  /** The responsible officer, for those who may see names (null otherwise, or when none is named). */
  officer: StaffMember | null;
  /** Whether the reader may see who is responsible (the officer row is shown at all). */
  maySeeOfficer: boolean;
  /** The SDG indicators, CEDAW paragraphs and UPR documents it measures. */
  frameworkItems: FrameworkItem[];
}

/** One period's versions, newest first. */
export interface PeriodHistory {
  period: string;
  versions: IndicatorValueVersion[];
}

/** Versions (by period, newest first, as versionsOfIndicator reads them) grouped by period in the same order. */
export function byPeriod(rows: readonly VersionOfPeriod[]): PeriodHistory[] {
  const periods: PeriodHistory[] = [];
  for (const row of rows) {
    const last = periods.at(-1);
    if (last?.period === row.period) last.versions.push(row.version);
    else periods.push({ period: row.period, versions: [row.version] });
  }
  return periods;
}

/**
 * What the staff pages show, read through the features' services and
 * per-request loaders (their SQL stays in the features), with the same
 * MINISTRY scope as the API's writes: another organisation's record is FORBIDDEN.
 */
@Injectable()
export class StaffReads {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly recommendationLoader: RecommendationsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly indicators: IndicatorsService,
    private readonly plans: ActionPlanRepository,
    private readonly progress: IndicatorProgressReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly review: ValueReviewService,
    private readonly milestones: IndicatorMilestonesRepository,
    private readonly responsibility: ResponsibilityService,
    private readonly frameworks: FrameworksService,
  ) {}

  /** The officer of a record and whether the reader may see them (ADMIN, EDITOR, the MINISTRY users of the officer's or the record's organisation). */
  private async officerFor(actor: Actor, userId: string | null, organizationIds: string[]): Promise<{ officer: StaffMember | null; maySeeOfficer: boolean }> {
    const maySeeOfficer = EDITORS.includes(actor.role) || (actor.role === Role.MINISTRY && actor.organizationId !== null && organizationIds.includes(actor.organizationId));
    if (!maySeeOfficer || !userId) return { officer: null, maySeeOfficer };
    return { officer: await this.responsibility.member(userId), maySeeOfficer };
  }

  async recommendation(id: string, actor: Actor): Promise<RecommendationDetail> {
    const recommendation = await this.recommendations.findById(id);
    if (!recommendation) throw DomainError.notFound('Recommendation', id);
    const loaders = new LoaderRegistry();
    const [meeting, barriers, organizations, indicators, history, frameworkItems] = await Promise.all([
      this.meetings.byId(loaders).load(recommendation.meetingId),
      this.recommendationLoader.barriers(loaders).load(id),
      this.recommendationLoader.responsibleOrganizations(loaders).load(id),
      this.recommendationLoader.indicators(loaders).load(id),
      this.recommendationLoader.statusHistory(loaders).load(id),
      this.frameworks.mappedTo('recommendation', id),
    ]);
    assertMayActFor(actor, organizations.map((o) => o.id), `recommendation ${recommendation.code}`);
    const people = await this.officerFor(actor, recommendation.responsibleUserId, organizations.map((o) => o.id));
    return {
      ...people,
      recommendation,
      meeting,
      barriers,
      organizations,
      indicators,
      history,
      frameworkItems,
      allowed: [...ALLOWED_TRANSITIONS[recommendation.status]],
      mayTransition: actor.role === Role.ADMIN || actor.role === Role.EDITOR || actor.role === Role.MINISTRY,
      overdue: isOverdue(recommendation.dueDate, recommendation.status, this.clock.today()),
    };
  }

  /** The audit entries of changes after `version` (who changed what meanwhile), oldest first. */
  async changesSince(id: string, version: number): Promise<AuditEntry[]> {
    const page = await this.audit.list({ entityType: 'Recommendation', entityId: id }, { first: 20 });
    return page.edges
      .map((edge) => edge.node)
      .filter((entry) => Number((entry.after as { version?: unknown } | null)?.version ?? 0) > version)
      .reverse();
  }

  async indicator(id: string, actor: Actor): Promise<IndicatorDetail> {
    const indicator = await this.indicators.findById(id);
    if (!indicator) throw DomainError.notFound('Indicator', id);
    assertMayActFor(actor, [indicator.responsibleOrganizationId], `indicator ${indicator.code}`);
    const loaders = new LoaderRegistry();
    const [plan, organization, targets, values, versions, milestones, frameworkItems] = await Promise.all([
      this.plans.planById(loaders).load(indicator.actionPlanId),
      indicator.responsibleOrganizationId ? this.organizations.organizationById(loaders).load(indicator.responsibleOrganizationId) : null,
      this.plans.targetsByIndicatorId(loaders).load(id),
      this.plans.valuesByIndicatorId(loaders).load(id),
      this.review.historyOf(id),
      this.milestones.byIndicatorId(loaders).load(id),
      this.frameworks.mappedTo('indicator', id),
    ]);
    if (!plan) throw DomainError.notFound('ActionPlan', indicator.actionPlanId);
    const years = Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
    const progress = await Promise.all(years.map(async (year) => (await this.progress.read(year, {}, { indicatorIds: [id] })).indicators[0]));
    const history = byPeriod(versions);
    const reader = { name: actor.name, userId: actor.userId ?? null };
    const returnedToReader = history
      .map(({ period, versions: [latest] }) => ({ period, version: latest }))
      .filter(({ version }) => version.reviewStatus === ReviewStatus.RETURNED && isSubmitter(version, reader));
    const people = await this.officerFor(actor, indicator.responsibleUserId, indicator.responsibleOrganizationId ? [indicator.responsibleOrganizationId] : []);
    return {
      ...people,
      history,
      returnedToReader,
      indicator,
      plan,
      organizationName: organization?.name ?? null,
      targets,
      milestones,
      values,
      progress,
      frameworkItems,
      mayRecord: actor.role === Role.ADMIN || actor.role === Role.EDITOR || actor.role === Role.MINISTRY,
    };
  }
}
