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

@Module({
  imports: [MeetingsModule],
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
