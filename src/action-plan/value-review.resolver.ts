import { Args, Field, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { CurrentActor, type AuthenticatedRequest } from '../auth/current-actor.decorator';
import { EDITORS, READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { ActionPlanRepository } from './action-plan.repository';
import { ReviewValueInput } from './dto/review-value.input';
import { IndicatorValueVersion, ReviewStatus } from './indicator-value-version.entity';
import { IndicatorValueVersionsRepository } from './indicator-value-versions.repository';
import { IndicatorValue } from './indicator-value.entity';
import { Indicator } from './indicator.entity';
import { ValueReviewService } from './value-review.service';
import { SEES_UNREVIEWED } from './value-status';

@ObjectType({ description: 'A version waiting for review' })
export class ValueReviewItem {
  @Field(() => IndicatorValueVersion, { description: 'The version waiting for review' })
  version: IndicatorValueVersion;

  @Field(() => Indicator, { description: 'The indicator the value is for' })
  indicator: Indicator;

  @Field({ description: '"2025" (a year) or "2025-Q3" (a quarter)' })
  period: string;
}


@Resolver(() => IndicatorValue)
export class ValueReviewResolver {
  constructor(
    private readonly service: ValueReviewService,
    private readonly versionRows: IndicatorValueVersionsRepository,
    private readonly plans: ActionPlanRepository,
  ) {}

  @Mutation(() => IndicatorValueVersion, {
    description: 'ADMIN and EDITOR: approve or return a SUBMITTED version submitted by someone else (four eyes; FORBIDDEN otherwise)',
  })
  @Roles(...EDITORS)
  reviewValue(@Args('input', { description: 'The decision' }) input: ReviewValueInput, @CurrentActor() actor: Actor): Promise<IndicatorValueVersion> {
    return this.service.reviewValue(input, actor);
  }

  @Query(() => Boolean, {
    description: 'True when the caller (an ADMIN) may approve their own values: nobody else may review (a single-user install)',
  })
  @Roles(...READERS)
  mayApproveOwnValues(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.service.mayApproveOwnValues(actor);
  }

  @Query(() => [ValueReviewItem], { description: 'What waits for review and the caller may review, oldest first (empty for roles that do not review)' })
  @Roles(...READERS)
  async valueReviewQueue(@CurrentActor() actor: Actor): Promise<ValueReviewItem[]> {
    const queued = await this.service.reviewQueue(actor);
    const indicators = await Promise.all(queued.map((q) => this.plans.findIndicator(q.indicatorId)));
    return queued.map((q, i) => ({ version: q.version, indicator: indicators[i] as Indicator, period: q.period }));
  }

  @ResolveField(() => [IndicatorValueVersion], {
    description: 'Every version of this value, first to last (VIEWER callers: the approved ones only)',
  })
  async versions(value: IndicatorValue, _args: NoArgs, { loaders, req }: GraphqlContext): Promise<IndicatorValueVersion[]> {
    const all = await this.versionRows.versionsByValueId(loaders).load(value.id);
    const role = (req as AuthenticatedRequest).actor?.role;
    return role && SEES_UNREVIEWED.includes(role) ? all : all.filter((v) => v.reviewStatus === ReviewStatus.APPROVED);
  }
}
