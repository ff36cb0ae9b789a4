import { Module } from '@nestjs/common';
import { ActionPlanModule } from '../action-plan/action-plan.module';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuthModule } from '../auth/auth.module';
import { DataVersionModule } from '../data-version/data-version.module';
import { PublicEventsModule } from '../public-events/public-events.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { DataVersionFeed } from './data-version.feed';
import { LiveEventHub } from './live-event-hub';
import { LiveUpdatesResolver } from './live-updates.resolver';
import { PublicEventsListener } from './public-events.listener';
import { SubscriptionServer } from './subscription-server';
import { WebSocketLimits } from './websocket-limits';

/** The WebSocket server's hooks, for the GraphQL options (see AppGraphqlModule). */
@Module({ imports: [AuthModule], providers: [SubscriptionServer], exports: [SubscriptionServer] })
export class SubscriptionServerModule {}

/** Live updates by GraphQL subscriptions (issue 26): one LISTEN per instance, fanned out in process. */
@Module({
  imports: [PublicEventsModule, DataVersionModule, RecommendationsModule, ActionPlanModule, AssessmentsModule],
  providers: [LiveEventHub, PublicEventsListener, DataVersionFeed, LiveUpdatesResolver, WebSocketLimits],
  exports: [LiveEventHub, PublicEventsListener],
})
export class LiveUpdatesModule {}
