import { Module } from '@nestjs/common';
import { ActionPlanModule } from '../../action-plan/action-plan.module';
import { BarriersModule } from '../../barriers/barriers.module';
import { DataVersionModule } from '../../data-version/data-version.module';
import { DimensionsModule } from '../../dimensions/dimensions.module';
import { MeetingsModule } from '../../meetings/meetings.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RecommendationsModule } from '../../recommendations/recommendations.module';
import { AssessmentsModule } from '../../assessments/assessments.module';
import { FrameworksModule } from '../../frameworks/frameworks.module';
import { ReportsModule } from '../../reports/reports.module';
import { ReportingCompletenessModule } from '../../reporting-completeness/reporting-completeness.module';
import { FollowsModule } from '../../follows/follows.module';
import { WebModule } from '../web.module';
import { FollowController } from './follow.controller';
import { FollowFormFilter } from './follow-form.filter';
import { FollowEnabledGuard, SameOriginGuard } from './follow.guards';
import { PublicPagesController } from './public-pages.controller';
import { PublicPagesService } from './public-pages.service';
import { PublicSiteGuard } from './public-site.guard';

/** The public progress pages: anonymous, read-only, cacheable (PUBLIC_SITE). */
@Module({
  imports: [WebModule, DataVersionModule, ReportsModule, RecommendationsModule, AssessmentsModule, MeetingsModule, BarriersModule, OrganizationsModule, ActionPlanModule, DimensionsModule, ReportingCompletenessModule, FrameworksModule, FollowsModule],
  controllers: [PublicPagesController, FollowController],
  providers: [PublicPagesService, PublicSiteGuard, FollowEnabledGuard, SameOriginGuard, FollowFormFilter],
})
export class PublicSiteModule {}
