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
import { AuditEntry } from '../../audit/audit-entry.entity';
import { AuditService } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertMayActFor } from '../../auth/ministry-scope';
import { Role } from '../../auth/role.enum';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { LoaderRegistry } from '../../common/loaders/loader-registry';
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
  mayRecord: boolean;
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
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly milestones: IndicatorMilestonesRepository,
  ) {}

  async recommendation(id: string, actor: Actor): Promise<RecommendationDetail> {
    const recommendation = await this.recommendations.findById(id);
    if (!recommendation) throw DomainError.notFound('Recommendation', id);
    const loaders = new LoaderRegistry();
    const [meeting, barriers, organizations, indicators, history] = await Promise.all([
      this.meetings.byId(loaders).load(recommendation.meetingId),
      this.recommendationLoader.barriers(loaders).load(id),
      this.recommendationLoader.responsibleOrganizations(loaders).load(id),
      this.recommendationLoader.indicators(loaders).load(id),
      this.recommendationLoader.statusHistory(loaders).load(id),
    ]);
    assertMayActFor(actor, organizations.map((o) => o.id), `recommendation ${recommendation.code}`);
    return {
      recommendation,
      meeting,
      barriers,
      organizations,
      indicators,
      history,
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
    const [plan, organization, targets, values, milestones] = await Promise.all([
      this.plans.planById(loaders).load(indicator.actionPlanId),
      indicator.responsibleOrganizationId ? this.organizations.organizationById(loaders).load(indicator.responsibleOrganizationId) : null,
      this.plans.targetsByIndicatorId(loaders).load(id),
      this.plans.valuesByIndicatorId(loaders).load(id),
      this.milestones.byIndicatorId(loaders).load(id),
    ]);
    if (!plan) throw DomainError.notFound('ActionPlan', indicator.actionPlanId);
    return {
      indicator,
      plan,
      organizationName: organization?.name ?? null,
      targets,
      milestones,
      values,
      mayRecord: actor.role === Role.ADMIN || actor.role === Role.EDITOR || actor.role === Role.MINISTRY,
    };
  }
}
