import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config.service';
import { I18nModule } from '../i18n/i18n.module';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportDraftsService } from './import-drafts.service';
import { IndicatorValuesImportService } from './indicator-values-import.service';
import { DimensionsModule } from '../dimensions/dimensions.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImportDraft } from './import-draft.entity';
import { ActionPlanModule } from '../action-plan/action-plan.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { User } from '../accounts/user.entity';
import { PublicEventsModule } from '../public-events/public-events.module';

/** Bulk import of indicator values (CSV or XLSX), audited. */
@Module({
  imports: [
    // A draft belongs to a user; the values are written through the action plan's entities.
    TypeOrmModule.forFeature([ImportDraft, User]),
    ActionPlanModule,
    DimensionsModule,
    NotificationsModule,
    PublicEventsModule,
    // Global in the service; imported here too so that `npm run import` has them.
    AuditModule,
    I18nModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // In memory (the default storage), bounded: one file of at most IMPORT_MAX_BYTES, a few small fields.
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.get('IMPORT_MAX_BYTES'), files: 1, fields: 10, parts: 12 },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsRepository, IndicatorValuesImportService, ImportDraftsService],
  exports: [IndicatorValuesImportService, ImportDraftsService],
})
export class ImportsModule {}
