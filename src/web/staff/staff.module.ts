import { Module } from '@nestjs/common';
import { WebhooksModule } from '../../webhooks/webhooks.module';
import { WebhookPagesController } from './webhooks.controller';
import { MulterModule } from '@nestjs/platform-express';
import { AccountsModule } from '../../accounts/accounts.module';
import { ActionPlanModule } from '../../action-plan/action-plan.module';
import { AuthModule } from '../../auth/auth.module';
import { BarriersModule } from '../../barriers/barriers.module';
import { AppConfig } from '../../config/app-config.service';
import { ImportsModule } from '../../imports/imports.module';
import { DimensionsModule } from '../../dimensions/dimensions.module';
import { MeetingsModule } from '../../meetings/meetings.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RecommendationsModule } from '../../recommendations/recommendations.module';
import { AssessmentsModule } from '../../assessments/assessments.module';
import { AdminAuditController } from '../admin/audit.controller';
import { AdminTokensController } from '../admin/tokens.controller';
import { AdminUsersController } from '../admin/users.controller';
import { AdminOrganizationsController } from '../admin/organizations.controller';
import { RecommendationOfficerController } from './recommendation-officer.controller';
import { FrameworkMappingsController } from './framework-mappings.controller';
import { FrameworksModule } from '../../frameworks/frameworks.module';
import { WebModule } from '../web.module';
import { AccountController } from './account.controller';
import { CalendarFeedController } from './calendar-feed.controller';
import { RemindersModule } from '../../reminders/reminders.module';
import { AssessmentPageController, ModerationPageController } from './assessment.controller';
import { BarrierFormController } from './create/barrier-form.controller';
import { CreateFormPages } from './create/create-form-pages';
import { CreateIndexController } from './create/create-index.controller';
import { IndicatorFormController } from './create/indicator-form.controller';
import { MeetingFormController } from './create/meeting-form.controller';
import { PlanFormController } from './create/plan-form.controller';
import { RecommendationFormController } from './create/recommendation-form.controller';
import { DownloadsController } from './downloads.controller';
import { EditFormPages } from './edit/edit-form-pages';
import { BarrierEditController, IndicatorEditController, MeetingEditController, PlanEditController } from './edit/edit-form.controllers';
import { EditIndexController } from './edit/edit-index.controller';
import { FormChoices } from './form-fields';
import { ImportPageController } from './import.controller';
import { IndicatorPageController } from './indicator.controller';
import { RecommendationPageController } from './recommendation.controller';
import { RecommendationTextController } from './recommendation-text.controller';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import { StaffReads } from './staff-reads.service';
import { StaffViewInterceptor } from './staff-view.interceptor';
import { ValueReviewPageController } from './value-review.controller';
import { WorkController } from './work.controller';
import { NotificationsPageController } from './notifications.controller';
import { UnsubscribeController } from './unsubscribe.controller';
import { NotificationsModule } from '../../notifications/notifications.module';
import { ResponsibilityModule } from '../../responsibility/responsibility.module';
import { CompletenessPageController } from './completeness.controller';
import { ReportingCompletenessModule } from '../../reporting-completeness/reporting-completeness.module';

/**
 * The pages staff use: another client of the same services as the GraphQL API
 * (lifecycle, scope, audit), rendered in the one layout.
 */
@Module({
  imports: [
    WebModule,
    WebhooksModule,
    AccountsModule,
    AuthModule,
    OrganizationsModule,
    MeetingsModule,
    BarriersModule,
    RecommendationsModule,
    AssessmentsModule,
    ActionPlanModule,
    DimensionsModule,
    ReportingCompletenessModule,
    ImportsModule,
    NotificationsModule,
    ResponsibilityModule,
    RemindersModule,
    FrameworksModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // As for POST /imports/indicator-values: one file of at most IMPORT_MAX_BYTES in memory, a few fields.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.get('IMPORT_MAX_BYTES'), files: 1, fields: 10, parts: 12 } }),
    }),
  ],
  controllers: [
    AccountController,
    WebhookPagesController,
    WorkController,
    CompletenessPageController,
    NotificationsPageController,
    UnsubscribeController,
    CalendarFeedController,
    RecommendationPageController,
    RecommendationTextController,
    IndicatorPageController,
    ValueReviewPageController,
    AssessmentPageController,
    ModerationPageController,
    ImportPageController,
    DownloadsController,
    CreateIndexController,
    MeetingFormController,
    BarrierFormController,
    RecommendationFormController,
    PlanFormController,
    IndicatorFormController,
    EditIndexController,
    MeetingEditController,
    BarrierEditController,
    PlanEditController,
    IndicatorEditController,
    AdminUsersController,
    AdminOrganizationsController,
    RecommendationOfficerController,
    FrameworkMappingsController,
    AdminTokensController,
    AdminAuditController,
  ],
  providers: [StaffPages, StaffReads, StaffErrorFilter, StaffViewInterceptor, FormChoices, CreateFormPages, EditFormPages],
})
export class StaffModule {}
