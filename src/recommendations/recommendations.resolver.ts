import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { expectedVersionOf } from '../common/dto/versioned-changes.input';
import { RequestLocale } from '../common/graphql-context';
import type { Locale } from '../i18n/locales';
import { Indicator } from '../action-plan/indicator.entity';
import { Barrier } from '../barriers/barrier.entity';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EDITORS, READERS, Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { Clock } from '../common/clock';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { Connection, ConnectionType } from '../common/pagination/connection.type';
import { MeetingsRepository } from '../meetings/meetings.repository';
import { Meeting } from '../meetings/meeting.entity';
import { Organization } from '../organizations/organization.entity';
import { CreateRecommendationInput } from './dto/create-recommendation.input';
import { RecommendationsArgs } from './dto/recommendations.args';
import { TransitionRecommendationInput } from './dto/transition-recommendation.input';
import { UpdateRecommendationArgs } from './dto/update-recommendation.input';
import { isOverdue } from './recommendation-lifecycle';
import { RecommendationsRepository } from './recommendations.repository';
import { Recommendation } from './recommendation.entity';
import { RecommendationsService } from './recommendations.service';
import { StatusChange } from './status-change.entity';
import { RecommendationFactChange } from './fact-change.entity';

@ObjectType({ description: 'A page of recommendations (a Relay cursor connection)' })
export class RecommendationConnection extends ConnectionType(Recommendation, 'Recommendation') {}

@Resolver(() => Recommendation)
export class RecommendationsResolver {
  constructor(
    private readonly service: RecommendationsService,
    private readonly repository: RecommendationsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly clock: Clock,
  ) {}

  @Query(() => RecommendationConnection, { description: 'A page of recommendations, filtered and ordered' })
  @Roles(...READERS)
  recommendations(@Args() args: RecommendationsArgs): Promise<Connection<Recommendation>> {
    return this.service.list(args);
  }

  @Query(() => Recommendation, { nullable: true, description: 'One recommendation by id; null when there is none' })
  @Roles(...READERS)
  recommendation(@Args('id', { type: () => ID, description: "The recommendation's id" }) id: string): Promise<Recommendation | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Recommendation, { description: 'Records a recommendation as PROPOSED (EDITOR, ADMIN)' })
  @Roles(...EDITORS)
  createRecommendation(@Args('input', { description: 'The recommendation to record' }) input: CreateRecommendationInput, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Recommendation> {
    return this.service.create(input, actor, locale);
  }

  @Mutation(() => Recommendation, { description: "Changes a recommendation's facts (not its status); CONFLICT when expectedVersion is given and stale" })
  @Roles(...EDITORS)
  updateRecommendation(@Args() args: UpdateRecommendationArgs, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Recommendation> {
    return this.service.update(args.id, args.input, expectedVersionOf(args), actor, locale);
  }

  @Mutation(() => Recommendation, {
    description: 'MINISTRY tokens: only recommendations their organisation is responsible for',
  })
  @Roles(...EDITORS, Role.MINISTRY)
  transitionRecommendation(
    @Args('input', { description: 'The step to take' }) input: TransitionRecommendationInput,
    @CurrentActor() actor: Actor,
    @RequestLocale() locale: Locale,
  ): Promise<Recommendation> {
    return this.service.transition(input, actor, locale);
  }

  @ResolveField(() => Boolean, { description: 'DueDate passed and not IMPLEMENTED/REJECTED' })
  isOverdue(recommendation: Recommendation): boolean {
    return isOverdue(recommendation.dueDate, recommendation.status, this.clock.today());
  }

  @ResolveField(() => Meeting, { description: 'The meeting where it was made' })
  async meeting(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<Meeting> {
    const meeting = await this.meetings.byId(loaders).load(recommendation.meetingId);
    // meeting_id is a NOT NULL foreign key with ON DELETE RESTRICT.
    if (!meeting) throw new Error(`recommendation ${recommendation.id} has no meeting`);
    return meeting;
  }

  @ResolveField(() => [Barrier], { description: 'The barriers it addresses' })
  barriers(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<Barrier[]> {
    return this.repository.barriers(loaders).load(recommendation.id);
  }

  @ResolveField(() => [Organization], { description: 'The organisations responsible for implementing it' })
  responsibleOrganizations(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization[]> {
    return this.repository.responsibleOrganizations(loaders).load(recommendation.id);
  }

  @ResolveField(() => [Indicator], { description: 'The action plan indicators that measure it' })
  indicators(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<Indicator[]> {
    return this.repository.indicators(loaders).load(recommendation.id);
  }

  @ResolveField(() => [StatusChange], { description: 'Oldest first; starts with the creation entry' })
  statusHistory(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<StatusChange[]> {
    return this.repository.statusHistory(loaders).load(recommendation.id);
  }

  @ResolveField(() => [RecommendationFactChange], {
    description:
      'Due date, priority and responsible organisations, oldest first: each entry holds from its changedAt until the next; ' +
      'empty for a recommendation loaded in bulk and never changed since (its facts are its own fields)',
  })
  factHistory(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<RecommendationFactChange[]> {
    return this.repository.factHistory(loaders).load(recommendation.id);
  }
}

/** `recommendations` on the types a recommendation points at. */
@Resolver(() => Meeting)
export class MeetingRecommendationsResolver {
  constructor(private readonly repository: RecommendationsRepository) {}

  @ResolveField(() => [Recommendation], { description: 'The recommendations made at this meeting' })
  recommendations(meeting: Meeting, _args: NoArgs, { loaders }: GraphqlContext): Promise<Recommendation[]> {
    return this.repository.byMeetingId(loaders).load(meeting.id);
  }
}

@Resolver(() => Barrier)
export class BarrierRecommendationsResolver {
  constructor(private readonly repository: RecommendationsRepository) {}

  @ResolveField(() => [Recommendation], { description: 'Recommendations that address it' })
  recommendations(barrier: Barrier, _args: NoArgs, { loaders }: GraphqlContext): Promise<Recommendation[]> {
    return this.repository.byBarrierId(loaders).load(barrier.id);
  }
}

@Resolver(() => Indicator)
export class IndicatorRecommendationsResolver {
  constructor(private readonly repository: RecommendationsRepository) {}

  @ResolveField(() => [Recommendation], { description: 'The recommendations this indicator measures' })
  recommendations(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<Recommendation[]> {
    return this.repository.byIndicatorId(loaders).load(indicator.id);
  }
}
