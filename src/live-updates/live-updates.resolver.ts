import { Args, Context, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Indicator } from '../action-plan/indicator.entity';
import { ActionPlanRepository } from '../action-plan/action-plan.repository';
import { Assessment } from '../assessments/assessment.entity';
import { AssessmentsService } from '../assessments/assessments.service';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import type { DataVersion } from '../data-version/data-version.service';
import type { PublicEvent } from '../public-events/public-event';
import { Recommendation } from '../recommendations/recommendation.entity';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { DataVersionFeed } from './data-version.feed';
import { PublicEventArgs } from './dto/public-event.args';
import { LiveEventHub } from './live-event-hub';
import type { LiveContext } from './live-context';
import { DataVersionChange, PublicEventMessage } from './live-updates.types';
import { SubscriberQueue } from './subscriber-queue';

/**
 * Each event of a long-lived subscription is executed with the same context: new loaders for
 * each, so that the records it names are read as they are now, not as an earlier event found them.
 */
function withFreshLoaders<T>(payload: T, _args: unknown, context: GraphqlContext): T {
  context.loaders = new LoaderRegistry();
  return payload;
}

/** Live updates (issue 26): public events and the data version, over WebSocket (see SubscriptionServer). */
@Resolver(() => PublicEventMessage)
export class LiveUpdatesResolver {
  constructor(
    private readonly hub: LiveEventHub,
    private readonly dataVersion: DataVersionFeed,
    private readonly recommendations: RecommendationsRepository,
    private readonly actionPlans: ActionPlanRepository,
    private readonly assessments: AssessmentsService,
  ) {}

  @Subscription(() => PublicEventMessage, {
    description:
      'Public events as they are committed, on any instance: a recommendation transitioned, an indicator value approved, ' +
      'an assessment published. Filters narrow them; each is sent only while the caller may still read the API.',
    resolve: withFreshLoaders,
  })
  @Roles(...READERS)
  publicEvent(@Args() args: PublicEventArgs, @Context() context: LiveContext): SubscriberQueue<PublicEvent> {
    const filter = {
      types: args.types?.length ? args.types : null,
      recommendationId: args.recommendationId ?? null,
      indicatorId: args.indicatorId ?? null,
      organizationId: args.organizationId ?? null,
    };
    return this.hub.subscribePublicEvents(filter, () => context.connection.ensureAllowed());
  }

  @Subscription(() => DataVersionChange, {
    description:
      'The data version: first as it is when the subscription starts, then each time a write to the public data commits. ' +
      'A dashboard re-fetches only when it is newer than the x-data-version of what it shows.',
    resolve: withFreshLoaders,
  })
  @Roles(...READERS)
  async dataVersionChanged(@Context() context: LiveContext): Promise<SubscriberQueue<DataVersion>> {
    const queue = this.hub.subscribeDataVersion(() => context.connection.ensureAllowed());
    // Subscribed before reading, so a write committed in between is not lost; if one came while
    // reading, it is newer than what was read and is sent instead (versions never go back).
    const current = await this.dataVersion.current();
    if (queue.length === 0) queue.push(current);
    return queue;
  }

  @ResolveField(() => Recommendation, { nullable: true, description: 'The recommendation it concerns, as it is now' })
  recommendation(message: PublicEvent, _args: NoArgs, { loaders }: GraphqlContext): Promise<Recommendation | null> | null {
    return message.recommendationId ? this.recommendations.byId(loaders).load(message.recommendationId) : null;
  }

  @ResolveField(() => Indicator, { nullable: true, description: 'The indicator it concerns, as it is now' })
  indicator(message: PublicEvent, _args: NoArgs, { loaders }: GraphqlContext): Promise<Indicator | null> | null {
    return message.indicatorId ? this.actionPlans.indicatorById(loaders).load(message.indicatorId) : null;
  }

  @ResolveField(() => Assessment, { nullable: true, description: 'The assessment version published (ASSESSMENT_PUBLISHED only)' })
  assessment(message: PublicEvent, _args: NoArgs, { req }: GraphqlContext): Promise<Assessment | null> | null {
    const actor = (req as AuthenticatedRequest).actor;
    return message.subjectType === 'Assessment' && actor ? this.assessments.findVersion(message.subjectId, actor) : null;
  }
}
