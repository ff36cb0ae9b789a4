import { Module } from '@nestjs/common';
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
import { ReportingCompletenessModule } from '../reporting-completeness/reporting-completeness.module';

@Module({
  imports: [TypeOrmModule.forFeature([ActionPlan, Indicator, Organization]), ReportingCompletenessModule],
  providers: [ProgressSummaryService, RecentChangesService, ReportsRepository, ReportsResolver, ProgressReportRepository, ProgressReportService],
  exports: [ProgressSummaryService, RecentChangesService, ReportsRepository, ProgressReportService],
})
export class ReportsModule {}
