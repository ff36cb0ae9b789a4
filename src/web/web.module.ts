import { Module } from '@nestjs/common';
import { ERROR_PAGES } from '../common/errors/error.filter';
import { ActionPlanModule } from '../action-plan/action-plan.module';
import { DataVersionModule } from '../data-version/data-version.module';
import { I18nModule } from '../i18n/i18n.module';
import { AssetsController } from './assets.controller';
import { DisplaySettingsController } from './display-settings.controller';
import { PageContextService } from './layout/page-context.service';
import { PageResponder } from './layout/page-responder.service';
import { SampleDataService } from './layout/sample-data.service';
import { StylesheetService } from './layout/stylesheet.service';
import { WebErrorFilter } from './layout/web-error.filter';

/**
 * What every page shares: the layout's context (language, display settings), the
 * stylesheet, caching and error pages. The public pages and the staff pages import it.
 */
@Module({
  imports: [I18nModule, DataVersionModule, ActionPlanModule],
  controllers: [AssetsController, DisplaySettingsController],
  providers: [
    PageContextService,
    PageResponder,
    StylesheetService,
    WebErrorFilter,
    SampleDataService,
    // The global ErrorFilter answers a browser's unknown address with the pages' error page.
    { provide: ERROR_PAGES, useExisting: WebErrorFilter },
  ],
  exports: [I18nModule, PageContextService, PageResponder, StylesheetService, WebErrorFilter, SampleDataService, ERROR_PAGES],
})
export class WebModule {}
