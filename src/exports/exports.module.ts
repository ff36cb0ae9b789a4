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
import { DimensionsRepository } from '../dimensions/dimensions.repository';
import { FrameworksRepository } from '../frameworks/frameworks.repository';
import { FrameworkItem } from '../frameworks/framework-item.entity';
import { StatisticsFilesController } from './statistics/statistics-files.controller';
import { StatisticsFilesService } from './statistics/statistics-files.service';

/** CSV and XLSX downloads for analysts, the printable PDF progress report, and the Open SDG and SDMX files. */
@Module({
  imports: [TypeOrmModule.forFeature([Recommendation, Meeting, ActionPlan, Organization, User, FrameworkItem]), ReportsModule, I18nModule],
  controllers: [ExportsController, ProgressReportController, StatisticsFilesController],
  // ActionPlanRepository itself, not ActionPlanModule: `npm run export` boots this module alone, without the audit the plan services need.
  providers: [ExportsService, ActionPlanRepository, StatisticsFilesService, FrameworksRepository, DimensionsRepository],
  exports: [ExportsService],
})
export class ExportsModule {}
