import { Module } from '@nestjs/common';
import { ActionPlanRepository } from '../action-plan/action-plan.repository';
import { I18nModule } from '../i18n/i18n.module';
import { ReportsModule } from '../reports/reports.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ProgressReportController } from './report/progress-report.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../accounts/user.entity';
import { Recommendation } from '../recommendations/recommendation.entity';

/** CSV and XLSX downloads for analysts, and the printable PDF progress report. */
@Module({
  imports: [TypeOrmModule.forFeature([Recommendation, Meeting, ActionPlan, Organization, User]), ReportsModule, I18nModule],
  controllers: [ExportsController, ProgressReportController],
  // ActionPlanRepository itself, not ActionPlanModule: `npm run export` boots this module alone, without the audit the plan services need.
  providers: [ExportsService, ActionPlanRepository],
  exports: [ExportsService],
})
export class ExportsModule {}
