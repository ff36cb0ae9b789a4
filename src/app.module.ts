import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ActionPlanModule } from './action-plan/action-plan.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BarriersModule } from './barriers/barriers.module';
import { CommonModule } from './common/common.module';
import { ErrorFilter } from './common/errors/error.filter';
import { AppConfigModule, EnvironmentOverrides } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DimensionsModule } from './dimensions/dimensions.module';
import { FrameworksModule } from './frameworks/frameworks.module';
import { SeedModule } from './seed/seed.module';
import { DataVersionModule } from './data-version/data-version.module';
import { ExportsModule } from './exports/exports.module';
import { AppGraphqlModule } from './graphql/graphql.module';
import { HealthModule } from './health/health.module';
import { I18nModule } from './i18n/i18n.module';
import { ImportsModule } from './imports/imports.module';
import { JobsModule, JobWorkerModule } from './jobs/jobs.module';
import { LiveUpdatesModule } from './live-updates/live-updates.module';
import { LoggingModule } from './logging/logging.module';
import { MeetingsModule } from './meetings/meetings.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { ReportingCompletenessApiModule } from './reporting-completeness/reporting-completeness.module';
import { PublicSiteModule } from './web/public/public-site.module';
import { FollowsModule } from './follows/follows.module';
import { StaffModule } from './web/staff/staff.module';
import { WebModule } from './web/web.module';

/**
 * The whole service. `forRoot()` reads and validates the environment as it is at that moment;
 * `overrides` (tests) win over it without changing process.env.
 */
@Module({})
export class AppModule {
  static forRoot(overrides: EnvironmentOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(overrides),
        // Logging first: its middleware gives each request the id later ones (CommonModule's) report.
        LoggingModule,
        CommonModule,
        I18nModule,
        DatabaseModule,
        JobsModule,
        JobWorkerModule,
        DataVersionModule,
        AppGraphqlModule,
        LiveUpdatesModule,
        AuditModule,
        AuthModule,
        HealthModule,
        OrganizationsModule,
        MeetingsModule,
        BarriersModule,
        RecommendationsModule,
        AssessmentsModule,
        WebhooksModule,
        ActionPlanModule,
        DimensionsModule,
        FrameworksModule,
        ReportsModule,
        ReportingCompletenessApiModule,
        RemindersModule,
        ExportsModule,
        ImportsModule,
        FollowsModule,
        WebModule,
        PublicSiteModule,
        StaffModule,
        SeedModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
