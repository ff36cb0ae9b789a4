import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
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

@Module({
  imports: [TypeOrmModule.forFeature([Recommendation, StatusChange, RecommendationBarrier, RecommendationOrganization, RecommendationIndicator]), MeetingsModule],
  providers: [
    RecommendationsService,
    RecommendationsRepository,
    RecommendationsResolver,
    MeetingRecommendationsResolver,
    BarrierRecommendationsResolver,
    IndicatorRecommendationsResolver,
  ],
  exports: [RecommendationsRepository, RecommendationsService],
})
export class RecommendationsModule {}
