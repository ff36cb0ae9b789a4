import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { RecommendationLoader } from './recommendation.loader';
import {
  BarrierRecommendationsResolver,
  IndicatorRecommendationsResolver,
  MeetingRecommendationsResolver,
  RecommendationsResolver,
} from './recommendations.resolver';
import { RecommendationsService } from './recommendations.service';

@Module({
  imports: [MeetingsModule],
  providers: [
    RecommendationsService,
    RecommendationLoader,
    RecommendationsResolver,
    MeetingRecommendationsResolver,
    BarrierRecommendationsResolver,
    IndicatorRecommendationsResolver,
  ],
  exports: [RecommendationLoader, RecommendationsService],
})
export class RecommendationsModule {}
