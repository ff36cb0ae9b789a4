import { Module } from '@nestjs/common';
import { ActionPlanRepository } from '../action-plan/action-plan.repository';
import { IndicatorProgressReader } from '../action-plan/indicator-progress.reader';
import { ProgressSummaryService } from './progress-summary.service';
import { RecentChangesService } from './recent-changes.service';
import { ReportsRepository } from './reports.repository';
import { ReportsResolver } from './reports.resolver';
import { ProgressReportRepository } from './printed/progress-report.repository';
import { ProgressReportService } from './printed/progress-report.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { Indicator } from '../action-plan/indicator.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../accounts/user.entity';
import { ReportingCompletenessModule } from '../reporting-completeness/reporting-completeness.module';
import { DataVersionModule } from '../data-version/data-version.module';

@Module({
  imports: [TypeOrmModule.forFeature([ActionPlan, Indicator, Organization, User]), ReportingCompletenessModule, DataVersionModule],
  // The progress reader and its repository themselves, not ActionPlanModule: `npm run export` boots the exports (and so this module) without the audit the plan services need.
  providers: [ProgressSummaryService, RecentChangesService, ReportsRepository, ReportsResolver, ProgressReportRepository, ProgressReportService, ActionPlanRepository, IndicatorProgressReader],
  exports: [ProgressSummaryService, RecentChangesService, ReportsRepository, ProgressReportService, IndicatorProgressReader],
})
export class ReportsModule {}
