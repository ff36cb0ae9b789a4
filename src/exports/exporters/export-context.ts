import type { ReadScope } from '../../database/sql/read-scope';
import type { ExportLanguage } from '../export-language';

/**
 * What every export is computed against: "today", the day the figures are taken
 * at (`asOf`, never after today), the time zone timestamps are shown in (APP_TIMEZONE),
 * and the language its headers and labels are written in. Repositories see only
 * its ReadScope part.
 */
export interface ExportContext extends ReadScope {
  language: ExportLanguage;
}
