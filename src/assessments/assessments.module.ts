import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataVersionModule } from '../data-version/data-version.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PublicEventsModule } from '../public-events/public-events.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { Assessment, IndependentAssessment } from './assessment.entity';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsResolver, RecommendationAssessmentsResolver } from './assessments.resolver';
import { AssessmentsService } from './assessments.service';

/** Independent assessments by civil-society organisations: submission, moderation, reads (API, pages, exports). */
@Module({
  imports: [TypeOrmModule.forFeature([IndependentAssessment, Assessment]), DataVersionModule, OrganizationsModule, RecommendationsModule, PublicEventsModule],
  providers: [AssessmentsRepository, AssessmentsService, AssessmentsResolver, RecommendationAssessmentsResolver],
  exports: [AssessmentsRepository, AssessmentsService],
})
export class AssessmentsModule {}
