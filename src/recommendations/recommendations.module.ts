import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { PublicEventsModule } from '../public-events/public-events.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ResponsibilityModule } from '../responsibility/responsibility.module';
import { FactChangeResolver } from './fact-history.resolver';
import { RecommendationsRepository } from './recommendations.repository';
import {
  BarrierRecommendationsResolver,
  IndicatorRecommendationsResolver,
  MeetingRecommendationsResolver,
  RecommendationsResolver,
} from './recommendations.resolver';
import { RecommendationsService } from './recommendations.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecommendationBarrier, RecommendationIndicator, RecommendationOrganization } from './recommendation-links.entity';
import { Recommendation } from './recommendation.entity';
import { StatusChange } from './status-change.entity';
import { RecommendationFactChange } from './fact-change.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Recommendation, StatusChange, RecommendationFactChange, RecommendationBarrier, RecommendationOrganization, RecommendationIndicator]), MeetingsModule, OrganizationsModule, NotificationsModule, ResponsibilityModule, PublicEventsModule],
  providers: [
    RecommendationsService,
    RecommendationsRepository,
    RecommendationsResolver,
    MeetingRecommendationsResolver,
    BarrierRecommendationsResolver,
    IndicatorRecommendationsResolver,
    FactChangeResolver,
  ],
  exports: [RecommendationsRepository, RecommendationsService],
})
export class RecommendationsModule {}
