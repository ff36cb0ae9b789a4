import { Global, Module } from '@nestjs/common';
import { ContentLocaleService } from './content-locales';
import { I18nService } from './i18n.service';

// Global: every feature reads and writes translatable content through ContentLocaleService.
@Global()
@Module({ providers: [I18nService, ContentLocaleService], exports: [I18nService, ContentLocaleService] })
export class I18nModule {}
